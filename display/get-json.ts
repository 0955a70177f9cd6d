/**
 * GET a JSON document, never from a cache (a unique query parameter as well as
 * `cache: "no-store"`, which browsers before Chromium 64 ignore), giving up
 * after `timeoutMs`. Resolves null on any failure: callers just try later.
 */
export function getJson(path: string, timeoutMs = 5000): Promise<unknown> {
  if (typeof fetch !== "function") return Promise.resolve(null);
  const url = `${path}${path.indexOf("?") >= 0 ? "&" : "?"}t=${Date.now().toString(36)}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (body: unknown) => {
          clearTimeout(timer);
          resolve(body);
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
      );
  });
}
