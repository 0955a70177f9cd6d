/**
 * Weekday keys of opening hours, Monday first. In a file with no zod so the
 * engine's clock (and through it `evolve`) can be bundled without the schemas.
 */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A week with the same value on every day, made afresh for each day (no shared arrays). */
export function everyWeekday<T>(value: () => T): Record<(typeof WEEKDAYS)[number], T> {
  return {
    mon: value(),
    tue: value(),
    wed: value(),
    thu: value(),
    fri: value(),
    sat: value(),
    sun: value(),
  };
}
