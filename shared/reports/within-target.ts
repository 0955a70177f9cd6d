import { entriesById } from "./compare-ids";
import type { TargetShare, WithinTargetReport } from "./office-report";
import type { ReportTicket } from "./report-ticket";
import { waitMillis } from "./ticket-durations";

/**
 * The share of called tickets whose wait was at most the target, overall and per service.
 * Tickets never called (cancelled, expired, still waiting) are left out: whether they
 * would have been called in time is unknown; the outcome counts show them instead.
 */
export function withinTarget(
  tickets: readonly ReportTicket[],
  targetWaitMinutes: number,
): WithinTargetReport {
  const targetMillis = targetWaitMinutes * 60_000;
  const overall = { called: 0, withinTarget: 0 };
  const byService = new Map<string, { called: number; withinTarget: number }>();
  for (const ticket of tickets) {
    const wait = waitMillis(ticket);
    if (wait === null) continue;
    let service = byService.get(ticket.serviceId);
    if (!service) {
      service = { called: 0, withinTarget: 0 };
      byService.set(ticket.serviceId, service);
    }
    const within = wait <= targetMillis ? 1 : 0;
    overall.called += 1;
    overall.withinTarget += within;
    service.called += 1;
    service.withinTarget += within;
  }
  return {
    targetWaitMinutes,
    overall: share(overall),
    byService: entriesById(byService).map(([serviceId, counts]) => ({
      serviceId,
      ...share(counts),
    })),
  };
}

function share(counts: { called: number; withinTarget: number }): TargetShare {
  return {
    called: counts.called,
    withinTarget: counts.withinTarget,
    share: counts.called > 0 ? counts.withinTarget / counts.called : null,
  };
}
