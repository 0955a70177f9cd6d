/** Code-point order of ids, so every list in a report comes out in the same order. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The entries of a map keyed by id, in id order. */
export function entriesById<T>(map: ReadonlyMap<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => compareIds(a, b));
}
