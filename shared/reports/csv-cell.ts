/*
 * One CSV cell, RFC 4180, made safe to open in a spreadsheet.
 *
 * Spreadsheets run a cell that starts with = + - @ as a formula, and some strip a leading
 * tab or carriage return first; a clerk's name like `=HYPERLINK(...)` would run on the
 * manager's machine. Such cells get a leading apostrophe, which spreadsheets read as
 * "text" (OWASP, CSV injection). The guard is the same in every dialect.
 */

/**
 * How a spreadsheet expects its CSV. The standard one (RFC 4180: `,` between cells, `.` in
 * numbers) is what scripts and most tools read; Excel set to Italian (or another language
 * whose decimal mark is the comma) reads only its list separator `;` and a decimal comma,
 * and opens a standard file as one column.
 */
export interface CsvDialect {
  separator: "," | ";";
  decimalComma: boolean;
}

export const STANDARD_CSV: CsvDialect = { separator: ",", decimalComma: false };
export const EXCEL_IT_CSV: CsvDialect = { separator: ";", decimalComma: true };

export function csvCell(
  value: string | number | boolean | null,
  dialect: CsvDialect = STANDARD_CSV,
): string {
  if (value === null) return "";
  // Numbers and booleans are written by Turno, never typed by someone: nothing to defuse.
  if (typeof value === "number")
    return dialect.decimalComma ? String(value).replace(".", ",") : String(value);
  if (typeof value !== "string") return String(value);
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return needsQuotes(text, dialect.separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

function needsQuotes(text: string, separator: string): boolean {
  return /["\r\n]/.test(text) || text.includes(separator);
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
export function csvLine(
  values: readonly (string | number | boolean | null)[],
  dialect: CsvDialect = STANDARD_CSV,
): string {
  return `${values.map((value) => csvCell(value, dialect)).join(dialect.separator)}\r\n`;
}
