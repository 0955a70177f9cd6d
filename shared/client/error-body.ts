import type { ErrorBody } from "../protocol/api";

/**
 * The `error` of a refused request as the apps read it: its stable code
 * always; the server's English sentence and the validation issues when they
 * came along. Checked by hand rather than with the ErrorBody schema, so that
 * the ES5 display, which reads error codes too, does not bundle zod.
 */
export type ApiError = Pick<ErrorBody["error"], "code"> & Partial<Omit<ErrorBody["error"], "code">>;

/** The `{ error: { code, message, issues } }` of an API answer, or null when the body is not one. */
export function readErrorBody(body: unknown): ApiError | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, issues } = body.error;
  if (typeof code !== "string") return null;
  return {
    code,
    ...(typeof message === "string" ? { message } : {}),
    ...(Array.isArray(issues) ? { issues: issues as unknown[] } : {}),
  };
}

/** The stable code of an API error, or "" for any other body. */
export function errorCode(body: unknown): string {
  return readErrorBody(body)?.code ?? "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
