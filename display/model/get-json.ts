import { requestJson } from "../../shared/client/http";

/**
 * GET a JSON document, never from a cache (a unique query parameter as well as
 * `cache: "no-store"`, which browsers before Chromium 64 ignore), giving up
 * after `timeoutMs`. Resolves null on any failure: callers just try later.
 */
export function getJson(path: string, timeoutMs = 5000): Promise<unknown> {
  const url = `${path}${path.indexOf("?") >= 0 ? "&" : "?"}t=${Date.now().toString(36)}`;
  return requestJson("GET", url, undefined, timeoutMs).then((answer) =>
    answer.status >= 200 && answer.status < 300 ? answer.body : null,
  );
}
