import type * as z from "zod/mini";
import { describeIssues, issuesSummary } from "../../shared/protocol/issues";
import { errorResponse } from "./errors";
import type { PathParam } from "./path-params";
import type { AppContext } from "./route";

/**
 * The parts of a request a route's spec names, each read and checked on its
 * own; defineRoute (route.ts) calls them in order and answers the first
 * refusal. Malformed input is always a 4xx, never a 500.
 */

export const MAX_BODY_BYTES = 64 * 1024;

/** Either the value read or the 4xx answer to send instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

const refuse = (response: Response) => ({ ok: false as const, response });

/** Reads a JSON body and validates it: malformed JSON, wrong shape and oversize bodies are 4xx. */
export async function readBody<S extends z.ZodMiniType>(
  c: AppContext,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<Parsed<z.infer<S>>> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > maxBytes) return refuse(tooLarge(maxBytes));
  const text = await c.req.text();
  if (text.length > maxBytes) return refuse(tooLarge(maxBytes));
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      return refuse(errorResponse(400, "malformed_json", "The request body is not valid JSON."));
    }
  }
  // reportInput: the rule's sentence says what was given ("got 93"); the input itself is never echoed.
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) return refuse(invalidRequest(parsed.error.issues));
  return { ok: true, value: parsed.data };
}

/**
 * 400 invalid_request for a body of the wrong shape: the first problem's
 * path and rule as the message, every problem in `issues` with a stable code.
 */
export function invalidRequest(issues: readonly z.core.$ZodIssue[]): Response {
  const described = describeIssues(issues);
  return errorResponse(400, "invalid_request", issuesSummary(described), described);
}

const tooLarge = (maxBytes: number) =>
  errorResponse(413, "payload_too_large", `Request bodies are limited to ${maxBytes} bytes.`);

/**
 * The query string, checked against the route's schema. Each field of a
 * query schema carries the one sentence a client needs ("limit 1–500"),
 * which is the message of the 400; parameters the schema does not name are
 * ignored.
 */
export function readQuery<S extends z.ZodMiniType>(c: AppContext, schema: S): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = parsed.error.issues[0]?.message ?? "The query string is not valid.";
  return refuse(errorResponse(400, "invalid_request", message));
}

/** One path parameter; a value that cannot name anything is that thing's 404. */
export function readPathParam(c: AppContext, name: string, param: PathParam): Parsed<string> {
  const value = c.req.param(name) ?? "";
  const parsed = param.schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : refuse(param.unknown(value));
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** The optional Idempotency-Key header: a retry with the same key gets the same answer and changes nothing again. */
export function readIdempotencyKey(c: AppContext): Parsed<string | undefined> {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return { ok: true, value: undefined };
  if (IDEMPOTENCY_KEY.test(key)) return { ok: true, value: key };
  return refuse(
    errorResponse(
      400,
      "invalid_idempotency_key",
      "Idempotency-Key must be 1–128 visible ASCII characters.",
    ),
  );
}
