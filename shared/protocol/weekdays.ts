/**
 * Weekday keys of opening hours, Monday first. In a file with no zod so the
 * engine's clock (and through it `evolve`) can be bundled without the schemas.
 */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
