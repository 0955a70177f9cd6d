import { compareIds } from "./compare-ids";
import { durationStatsInPlace } from "./duration-stats";
import type { DurationStats, TimesReport, WaitAndServiceTimes } from "./office-report";
import type { ReportTicket } from "./report-ticket";
import { serviceMillis, waitMillis } from "./ticket-durations";

/*
 * A year holds ~150,000 tickets, each counted in four groups (everyone, its service, its
 * counter, its clerk). Growing arrays ticket by ticket cost more than all the rest of the
 * report, so durations are read once into two columns (NaN: none), each ticket gets a
 * group number per grouping, and each group's values are copied into one exactly sized
 * typed array (a counting sort by group).
 */

/** Each ticket's group under one grouping (by service, by counter, by clerk); -1: none. */
class Grouping {
  readonly keys: string[] = [];
  readonly groupOfTicket: Int32Array;
  private readonly groupOfKey = new Map<string, number>();

  constructor(ticketCount: number) {
    this.groupOfTicket = new Int32Array(ticketCount).fill(-1);
  }

  assign(ticketIndex: number, key: string) {
    let group = this.groupOfKey.get(key);
    if (group === undefined) {
      group = this.keys.length;
      this.keys.push(key);
      this.groupOfKey.set(key, group);
    }
    this.groupOfTicket[ticketIndex] = group;
  }
}

/** The stats of a duration column within each group of a grouping, by group number. */
function statsPerGroup(column: Float64Array, grouping: Grouping): DurationStats[] {
  const groupOf = grouping.groupOfTicket;
  const counts = new Int32Array(grouping.keys.length);
  for (let i = 0; i < column.length; i++) {
    const group = groupOf[i]!;
    if (group >= 0 && !Number.isNaN(column[i]!)) counts[group]! += 1;
  }
  const values = Array.from(counts, (count) => new Float64Array(count));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < column.length; i++) {
    const group = groupOf[i]!;
    const value = column[i]!;
    if (group >= 0 && !Number.isNaN(value)) values[group]![filled[group]!++] = value;
  }
  return values.map(durationStatsInPlace);
}

/** The stats of a whole duration column. */
function statsOfAll(column: Float64Array): DurationStats {
  // Typed-array filter calls back per value and collects into a list first: count, copy.
  let present = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i]!)) present++;
  const values = new Float64Array(present);
  let next = 0;
  for (let i = 0; i < column.length; i++) {
    if (!Number.isNaN(column[i]!)) values[next++] = column[i]!;
  }
  return durationStatsInPlace(values);
}

/** Per group id, in id order; groups with neither a wait nor a service time are left out. */
function timesPerGroup(
  waits: Float64Array,
  services: Float64Array,
  grouping: Grouping,
): [string, WaitAndServiceTimes][] {
  const waitStats = statsPerGroup(waits, grouping);
  const serviceStats = statsPerGroup(services, grouping);
  return grouping.keys
    .map((key, group): [string, WaitAndServiceTimes] => [
      key,
      { wait: waitStats[group]!, service: serviceStats[group]! },
    ])
    .filter(([, times]) => times.wait.count + times.service.count > 0)
    .sort(([a], [b]) => compareIds(a, b));
}

/** Wait and service times overall and per service, counter and clerk. */
export function waitAndServiceTimes(tickets: readonly ReportTicket[]): TimesReport {
  const count = tickets.length;
  const waits = new Float64Array(count);
  const services = new Float64Array(count);
  const byService = new Grouping(count);
  const byCounter = new Grouping(count);
  const byClerk = new Grouping(count);
  // A clerk's name may change over the range: show the one used at the latest call.
  const clerkNames = new Map<string, { name: string | null; at: number }>();

  for (let index = 0; index < count; index++) {
    const ticket = tickets[index]!;
    waits[index] = waitMillis(ticket) ?? Number.NaN;
    services[index] = serviceMillis(ticket) ?? Number.NaN;
    byService.assign(index, ticket.serviceId);
    if (ticket.counterId !== null) byCounter.assign(index, ticket.counterId);
    if (ticket.clerkId !== null) {
      byClerk.assign(index, ticket.clerkId);
      const at = ticket.calledAt ?? ticket.issuedAt;
      const known = clerkNames.get(ticket.clerkId);
      if (!known) clerkNames.set(ticket.clerkId, { name: ticket.clerkName, at });
      else if (at >= known.at) {
        known.name = ticket.clerkName;
        known.at = at;
      }
    }
  }

  return {
    overall: { wait: statsOfAll(waits), service: statsOfAll(services) },
    byService: timesPerGroup(waits, services, byService).map(([serviceId, times]) => ({
      serviceId,
      ...times,
    })),
    byCounter: timesPerGroup(waits, services, byCounter).map(([counterId, times]) => ({
      counterId,
      ...times,
    })),
    byClerk: timesPerGroup(waits, services, byClerk).map(([clerkId, times]) => ({
      clerkId,
      clerkName: clerkNames.get(clerkId)?.name ?? null,
      ...times,
    })),
  };
}
