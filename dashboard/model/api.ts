import { errorCode, type HttpAnswer, requestJson } from "../../shared/client/http";

/** How the dashboard's models reach the API; injected in tests. */
export type Request = (method: string, path: string, body?: unknown) => Promise<HttpAnswer>;

export const defaultRequest: Request = (method, path, body) => requestJson(method, path, body);

/** What to do about an answer that is not a success. */
export interface Outcome {
  ok: boolean;
  /** The error code ("offline" with no answer, "generic" for an unknown one). */
  code: string;
  /** The server's own sentence, if any. */
  detail: string | null;
}

export function outcomeOf(answer: HttpAnswer): Outcome {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, code: "", detail: null };
  if (answer.status === 0) return { ok: false, code: "offline", detail: null };
  const message = (answer.body as { error?: { message?: unknown } } | null)?.error?.message;
  return {
    ok: false,
    code: errorCode(answer.body) || (answer.status === 401 ? "not_signed_in" : "generic"),
    detail: typeof message === "string" ? message : null,
  };
}

export function officePath(officeId: string, tail = ""): string {
  return `/api/offices/${encodeURIComponent(officeId)}${tail}`;
}
