/**
 * Path patterns as Cloudflare's asset rules write them (`run_worker_first`, `_headers`):
 * `*` matches anything, `:name` one path segment, everything else itself; a `!` in front
 * of a `run_worker_first` pattern excludes what it matches (workers-shared's rules engine).
 */
const SPECIAL = /[-/\\^$*+?.()|[\]{}]/g;

export function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split("*")
    .map((part) => part.replace(SPECIAL, "\\$&"))
    .join(".*")
    .replace(/:[A-Za-z]\w*/g, "[^/]+");
  return new RegExp(`^${source}$`);
}

/** Whether `path` goes to the Worker before the assets: a pattern matches it and no `!` one does. */
export function runsWorkerFirst(
  path: string,
  patterns: readonly RegExp[],
  negated: readonly RegExp[],
) {
  return (
    patterns.some((pattern) => pattern.test(path)) && !negated.some((pattern) => pattern.test(path))
  );
}

/** `run_worker_first` compiled: the patterns that include and the `!` ones that exclude. */
export function compileRunWorkerFirst(rules: readonly string[]): {
  include: RegExp[];
  exclude: RegExp[];
} {
  return {
    include: rules.filter((rule) => !rule.startsWith("!")).map(patternRegExp),
    exclude: rules
      .filter((rule) => rule.startsWith("!"))
      .map((rule) => patternRegExp(rule.slice(1))),
  };
}
