/**
 * Which built file answers a path, as Cloudflare's assets decide it with
 * `html_handling = "auto-trailing-slash"` and `not_found_handling = "none"` (a port of
 * workers-shared's asset-worker, htmlHandlingAutoTrailingSlash and safeRedirect, which
 * wrangler dev runs too): `/display/` is display/index.html, `/display` is sent to
 * `/display/`, `/about.html` to `/about`, which answers with about.html.
 */
export type AssetIntent =
  | { kind: "file"; file: string }
  | { kind: "redirect"; location: string }
  | { kind: "none" };

type Exists = (file: string) => boolean;

const file = (name: string): AssetIntent => ({ kind: "file", file: name });
const NONE: AssetIntent = { kind: "none" };

export function resolveAsset(path: string, exists: Exists, skipRedirects = false): AssetIntent {
  /** To `destination` when `from` exists and `destination`, not itself a file, resolves to it. */
  const redirect = (from: string, destination: string): AssetIntent | null => {
    if (skipRedirects || exists(destination) || !exists(from)) return null;
    const target = resolveAsset(destination, exists, true);
    return target.kind === "file" && target.file === from
      ? { kind: "redirect", location: destination }
      : null;
  };
  let chosen: AssetIntent | null = null;
  if (path.endsWith("/index")) {
    if (exists(path)) return file(path);
    chosen =
      redirect(`${path}.html`, path.slice(0, -5)) ??
      redirect(`${path.slice(0, -6)}.html`, path.slice(0, -6));
  } else if (path.endsWith("/index.html")) {
    chosen =
      redirect(path, path.slice(0, -10)) ??
      redirect(`${path.slice(0, -11)}.html`, path.slice(0, -11));
  } else if (path.endsWith("/")) {
    if (exists(`${path}index.html`)) return file(`${path}index.html`);
    chosen = redirect(`${path.slice(0, -1)}.html`, path.slice(0, -1));
  } else if (path.endsWith(".html")) {
    chosen =
      redirect(path, path.slice(0, -5)) ??
      redirect(`${path.slice(0, -5)}/index.html`, `${path.slice(0, -5)}/`);
  }
  if (chosen) return chosen;
  if (exists(path)) return file(path);
  if (exists(`${path}.html`)) return file(`${path}.html`);
  return redirect(`${path}/index.html`, `${path}/`) ?? NONE;
}

/** The path as files are named: each segment percent-decoded, runs of slashes as one. */
export function decodePath(path: string): string {
  return path
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/")
    .replace(/\/+/g, "/");
}

export function encodePath(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
