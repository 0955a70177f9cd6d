import * as z from "zod/mini";

/** GET /api/offices/{office}/today: today's figures per service and who works each counter. */
const Count = z.int().check(z.gte(0));
export const TodayFigures = z.object({
  day: z.string(),
  services: z.record(
    z.string(),
    z.object({ issued: Count, served: Count, noShows: Count, cancelled: Count }),
  ),
  counters: z.record(
    z.string(),
    z.object({ clerkName: z.nullable(z.string()), since: z.nullable(z.number()) }),
  ),
});
export type TodayFigures = z.infer<typeof TodayFigures>;
export type ServiceToday = TodayFigures["services"][string];

/** Tickets issued and served today, all services together. */
export function todayTotals(today: TodayFigures | null): { issued: number; served: number } | null {
  if (!today) return null;
  let issued = 0;
  let served = 0;
  for (const figures of Object.values(today.services)) {
    issued += figures.issued;
    served += figures.served;
  }
  return { issued, served };
}
