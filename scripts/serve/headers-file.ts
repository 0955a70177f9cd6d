/**
 * The `_headers` file of the built apps (written by scripts/build.ts from the Worker's
 * security headers) read as Cloudflare reads it (workers-shared's parseHeaders): a line
 * starting with `/` opens a rule for that path pattern, indented `name: value` lines set
 * headers (a name given twice is joined with ", "), `! name` removes one, `#` comments.
 * Where Cloudflare would skip a line with a warning, serve refuses to start: a page
 * served without its CSP is worse than no page.
 */
import type { HeaderRule } from "./edge/settings";

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let rule: HeaderRule | null = null;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `_headers line ${index + 1} ("${line}")`;
    if (line.startsWith("/")) {
      rule = { pattern: line, set: {}, unset: [] };
      rules.push(rule);
      return;
    }
    if (!rule) throw new Error(`${where}: a path must come before its headers.`);
    if (line.startsWith("!")) {
      rule.unset.push(line.slice(1).trim().toLowerCase());
      return;
    }
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (colon < 0 || name === "" || name.includes(" ") || value === "")
      throw new Error(`${where}: expected "name: value" or "! name".`);
    rule.set[name] = rule.set[name] ? `${rule.set[name]}, ${value}` : value;
  });
  return rules;
}
