import { getJson } from "./get-json";

const CHECK_EVERY_MS = 4 * 60_000;

/**
 * Reloads the page when a new version is deployed, so a screen nobody
 * touches for months still gets every fix. The build writes
 * /version.json ({ build }) on each deploy; the first value seen is this
 * page's. Checks are spread out (±30 s) so a hundred screens do not ask at
 * the same second, and a failed check (server down) changes nothing.
 */
export function watchVersion(reload: () => void = () => location.reload()): void {
  let first: string | null = null;
  const check = () => {
    getJson("/version.json").then((body) => {
      const build =
        typeof body === "object" && body !== null ? (body as { build?: unknown }).build : undefined;
      if (typeof build !== "string") return;
      if (first === null) first = build;
      else if (build !== first) reload();
    });
  };
  check();
  const schedule = () => {
    setTimeout(
      () => {
        check();
        schedule();
      },
      CHECK_EVERY_MS + (Math.random() - 0.5) * 60_000,
    );
  };
  schedule();
}
