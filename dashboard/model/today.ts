import type { TodayFigures } from "../../shared/protocol/responses";

/** One service's figures of GET /api/offices/{office}/today. */
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
