/** Monday (0) … Sunday (6), the reports' row order. */
export const WEEKDAY_INDEXES = [0, 1, 2, 3, 4, 5, 6] as const;

/** The head of an hour × weekday table: "Hour", then Monday … Sunday. */
export function WeekdayHead({ hourLabel, dayNames }: { hourLabel: string; dayNames: string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{hourLabel}</th>
        {WEEKDAY_INDEXES.map((i) => (
          <th key={i} scope="col" class="num">
            {dayNames[i]}
          </th>
        ))}
      </tr>
    </thead>
  );
}
