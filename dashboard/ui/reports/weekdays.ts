/** Monday (0) … Sunday (6), the reports' row order. */
export const WEEKDAY_INDEXES = [0, 1, 2, 3, 4, 5, 6] as const;
