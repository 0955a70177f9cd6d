import readme from "../../README.md?raw";

/**
 * The access tables of the README's Security section, read as data: the
 * tests check the server against what the README tells integrators.
 */
export function readmeTable(heading: string): { columns: string[]; rows: Map<string, boolean[]> } {
  const start = readme.indexOf(`### ${heading}`);
  if (start < 0) throw new Error(`README has no "### ${heading}" section`);
  const lines = readme
    .slice(start)
    .split("\n")
    .filter((line) => line.startsWith("|"));
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
  const [header, , ...body] = lines;
  const columns = cells(header!).slice(1);
  const rows = new Map<string, boolean[]>();
  for (const line of body) {
    const [key, ...marks] = cells(line);
    if (!key?.startsWith("`")) break;
    rows.set(
      key.replace(/`/g, ""),
      marks.map((mark) => {
        if (mark !== "✓" && mark !== "✗") throw new Error(`bad mark "${mark}" in row ${key}`);
        return mark === "✓";
      }),
    );
  }
  return { columns, rows };
}
