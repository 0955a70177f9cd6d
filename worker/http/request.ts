import type * as z from "zod/mini";
import { Slug } from "../../shared/protocol/config";
import { describeIssues, issuesSummary } from "../../shared/protocol/issues";
import { errorResponse } from "./errors";
import type { AppContext } from "./route";

export const MAX_BODY_BYTES = 64 * 1024;

/** Either the parsed value or the 4xx answer to send instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a JSON body and validates it: malformed JSON, wrong shape and oversize bodies are 4xx, never 500. */
export async function readBody<S extends z.ZodMiniType>(
  c: AppContext,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<Parsed<z.infer<S>>> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const text = await c.req.text();
  if (text.length > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      return {
        ok: false,
        response: errorResponse(400, "malformed_json", "The request body is not valid JSON."),
      };
    }
  }
  // reportInput: the rule's sentence says what was given ("got 93"); the input itself is never echoed.
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, response: invalidRequest(parsed.error.issues) };
  return { ok: true, value: parsed.data };
}

/**
 * 400 invalid_request for a body (or parameters) of the wrong shape: the first
 * problem's path and rule as the message, every problem in `issues` with a
 * stable code (issue 10, point 15).
 */
export function invalidRequest(issues: readonly z.core.$ZodIssue[]): Response {
  const described = describeIssues(issues);
  return errorResponse(400, "invalid_request", issuesSummary(described), described);
}

const tooLarge = (maxBytes: number) =>
  errorResponse(413, "payload_too_large", `Request bodies are limited to ${maxBytes} bytes.`);

/** An office, service or counter id from the path; a malformed one cannot exist, so it is a 404. */
export function pathSlug(c: AppContext, name: string, what: string): Parsed<string> {
  const value = c.req.param(name) ?? "";
  const parsed = Slug.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: errorResponse(404, `unknown_${what}`, `There is no ${what} "${value.slice(0, 60)}".`),
  };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** The optional Idempotency-Key header: a retry with the same key gets the same answer and changes nothing again. */
export function idempotencyKey(c: AppContext): Parsed<string | undefined> {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return { ok: true, value: undefined };
  if (IDEMPOTENCY_KEY.test(key)) return { ok: true, value: key };
  return {
    ok: false,
    response: errorResponse(
      400,
      "invalid_idempotency_key",
      "Idempotency-Key must be 1–128 visible ASCII characters.",
    ),
  };
}
