import { OWN_PAGE_HEADER } from "../protocol/wire-constants";

/**
 * JSON requests to Turno's own API, small and plain enough for the ES5
 * display (no async functions, no AbortController). The session or device
 * cookie goes along by itself (`credentials: "same-origin"`): no page ever
 * holds a token. Never rejects: a network failure or a timeout is status 0.
 */
export interface HttpAnswer {
  /** 0: no answer (offline, timeout). */
  status: number;
  /** The JSON body, or null (204, not JSON, no answer). */
  body: unknown;
  /** A 429's Retry-After, in seconds (null when absent). */
  retryAfterSeconds: number | null;
}

export function requestJson(
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
  /** E.g. an `idempotency-key`, so that a request sent again after a lost answer is done once. */
  extraHeaders: Record<string, string> = {},
): Promise<HttpAnswer> {
  if (typeof fetch !== "function") return Promise.resolve(noAnswer());
  const headers: Record<string, string> = { accept: "application/json" };
  for (const name of Object.keys(extraHeaders)) headers[name] = extraHeaders[name] ?? "";
  // Marks the request as our own page's where old engines send `Origin: null` (worker/http/same-site.ts).
  if (method !== "GET") headers[OWN_PAGE_HEADER] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const timer = setTimeout(() => settle(noAnswer()), timeoutMs);
    fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    }).then(
      (response) => {
        const retryAfterSeconds = retryAfter(response.headers.get("retry-after"), Date.now());
        const answer = (parsed: unknown) =>
          settle({ status: response.status, body: parsed, retryAfterSeconds });
        response.json().then(answer, () => answer(null));
      },
      () => settle(noAnswer()),
    );
  });
}

function noAnswer(): HttpAnswer {
  return { status: 0, body: null, retryAfterSeconds: null };
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Whole minutes to tell a person to wait (at least 1). */
export function minutesToWait(seconds: number | null): number {
  return Math.max(1, Math.ceil((seconds ?? 60) / 60));
}
