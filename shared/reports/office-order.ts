import { compareIds } from "./compare-ids";
import type { OfficeReport } from "./office-report";

/**
 * The report's per-service and per-counter lists in the office's own order:
 * the order of Setup, which an office chooses (the busiest desk first, as a rule), not the ids' alphabet that left "Informazioni / URP" (id `urp`) last. Ids the
 * configuration no longer holds (a service removed since) come after, in id order.
 */
export interface OfficeOrder {
  services: readonly { id: string }[];
  counters: readonly { id: string }[];
}

function byPosition(ids: readonly { id: string }[]) {
  const position = new Map(ids.map(({ id }, index) => [id, index]));
  const at = (id: string) => position.get(id) ?? Number.POSITIVE_INFINITY;
  return (a: string, b: string) => {
    const pa = at(a);
    const pb = at(b);
    if (pa !== pb) return pa < pb ? -1 : 1;
    return compareIds(a, b);
  };
}

export function inOfficeOrder(report: OfficeReport, order: OfficeOrder): OfficeReport {
  const service = byPosition(order.services);
  const counter = byPosition(order.counters);
  const services = <T extends { serviceId: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => service(a.serviceId, b.serviceId));
  return {
    ...report,
    ticketsPerDay: { ...report.ticketsPerDay, services: services(report.ticketsPerDay.services) },
    times: {
      ...report.times,
      byService: services(report.times.byService),
      byCounter: [...report.times.byCounter].sort((a, b) => counter(a.counterId, b.counterId)),
    },
    withinTarget: { ...report.withinTarget, byService: services(report.withinTarget.byService) },
    outcomes: { ...report.outcomes, byService: services(report.outcomes.byService) },
    appointments: {
      ...report.appointments,
      byService: services(report.appointments.byService),
    },
  };
}
