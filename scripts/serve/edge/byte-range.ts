/**
 * The one byte range a `Range: bytes=…` header asks of a file (RFC 9110 §14.1.2), for the
 * asset server (assets.ts): a download resumed, a media element or a PDF viewer reading
 * part of a file. Several ranges, another unit or a malformed header are answered with the
 * whole file, which the RFC allows; a range wholly past the end is unsatisfiable (416).
 */
export type ByteRange = { start: number; end: number } | "unsatisfiable" | null;

const RANGE = /^bytes=(\d*)-(\d*)$/;

export function byteRange(header: string | null, size: number): ByteRange {
  const match = header === null ? null : RANGE.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null; // malformed: ignored
  if (start >= size) return "unsatisfiable";
  return { start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}

/** If-Range: the range holds only for the representation the client already has. */
export function rangeStillApplies(ifRange: string | null, strongEtag: string): boolean {
  return ifRange === null || ifRange.trim() === strongEtag;
}
