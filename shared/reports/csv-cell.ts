/*
 * One CSV cell, RFC 4180, made safe to open in a spreadsheet.
 *
 * Spreadsheets run a cell that starts with = + - @ as a formula, and some strip a leading
 * tab or carriage return first; a clerk's name like `=HYPERLINK(...)` would run on the
 * manager's machine. Such cells get a leading apostrophe, which spreadsheets read as
 * "text" (OWASP, CSV injection).
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  // Numbers and booleans are written by Turno, never typed by someone: nothing to defuse.
  if (typeof value !== "string") return String(value);
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** = + - @ tab CR as the first character. */
function startsLikeFormula(text: string): boolean {
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
      return true;
    default:
      return false;
  }
}

/** A record with its line break: CRLF, as RFC 4180 asks. */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
