import { readErrorBody } from "../../shared/client/error-body";
import { type HttpAnswer, requestJson } from "../../shared/client/http";

/** How the dashboard's models reach the API; injected in tests. */
export type Request = (method: string, path: string, body?: unknown) => Promise<HttpAnswer>;

export const defaultRequest: Request = (method, path, body) => requestJson(method, path, body);

/** What to do about an answer that is not a success. */
export interface Outcome {
  ok: boolean;
  /** The error code ("offline" with no answer, "generic" for an unknown one). */
  code: string;
  /** The server's own sentence, if any (English: see problem-text.ts before showing it). */
  detail: string | null;
  /** The fields the server refused (400 invalid_request), with zod's code and limits. */
  issues?: ServerIssue[];
}

export interface ServerIssue {
  path: string;
  code?: string;
  minimum?: number;
  maximum?: number;
}

function serverIssues(raw: readonly unknown[]): ServerIssue[] {
  return raw.flatMap((item: unknown) => {
    const i = item as { path?: unknown; code?: unknown; minimum?: unknown; maximum?: unknown };
    if (!i || typeof i !== "object") return [];
    const path = Array.isArray(i.path)
      ? i.path.join(".")
      : typeof i.path === "string"
        ? i.path
        : "";
    return [
      {
        path,
        ...(typeof i.code === "string" ? { code: i.code } : {}),
        ...(typeof i.minimum === "number" ? { minimum: i.minimum } : {}),
        ...(typeof i.maximum === "number" ? { maximum: i.maximum } : {}),
      },
    ];
  });
}

export function outcomeOf(answer: HttpAnswer): Outcome {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, code: "", detail: null };
  if (answer.status === 0) return { ok: false, code: "offline", detail: null };
  const error = readErrorBody(answer.body);
  return {
    ok: false,
    code: error?.code || (answer.status === 401 ? "not_signed_in" : "generic"),
    detail: error?.message ?? null,
    issues: serverIssues(error?.issues ?? []),
  };
}

export function officePath(officeId: string, tail = ""): string {
  return `/api/offices/${encodeURIComponent(officeId)}${tail}`;
}
