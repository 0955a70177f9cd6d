/**
 * Bookings on one office with 50 clients at once, as staff booking by phone
 * would (a clerk's session: no proof of work, no per-address limit, so what
 * is measured is the booking itself). Every start is asked for by more
 * clients than it has seats, so the last seat is raced for all through the
 * run: the bench counts how many bookings each start got, and an overbooked
 * start is a failure whatever the speed.
 */
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { everyWeekday } from "../../shared/protocol/weekdays";
import { httpJson, newAgent, type SustainedLoad, sustain } from "./load";
import { fmt, table, verdict } from "./report";
import { type Distribution, distribution } from "./stats";

export const BOOKING_TARGETS = { bookingsPerSecond: 50, p99Ms: 1000 } as const;
/** The service the bench books: school enrolment, by appointment in the bench office. */
export const BOOKED_SERVICE = "scuola";
/** Seats a staff booking may take per start: 2 for the public, 1 more for staff. */
export const STAFF_SEATS = 3;
/** How many requests ask for each start: one more than its seats. */
const ASKS_PER_START = STAFF_SEATS + 1;
const SLOT_FULL = "409 slot_full";

const ALL_DAY = [{ start: "00:00", end: "24:00", seats: STAFF_SEATS - 1 }];
const EVERY_DAY = everyWeekday(() => ALL_DAY);

/** The bench office's school enrolment, bookable every 5 minutes of every day for 30 days. */
export function withBookings(config: OfficeConfigInput): OfficeConfigInput {
  return {
    ...config,
    services: config.services.map((service) =>
      service.id === BOOKED_SERVICE
        ? {
            ...service,
            mode: "appointment" as const,
            booking: {
              windows: EVERY_DAY,
              slotMinutes: 5,
              daysAhead: 30,
              minNoticeMinutes: 0,
              staffExtraSeats: 1,
            },
          }
        : service,
    ),
  };
}

export interface BookingResult {
  /** Bookings made (201) per measured second. */
  perSecond: number;
  booked: number;
  /** 409 slot_full: the start's seats were gone, as they must be for every fourth ask. */
  slotFull: number;
  /** Anything else: other statuses, timeouts, connection errors. */
  failures: number;
  outcomes: Record<string, number>;
  latencyMs: Distribution;
  /** Over the whole run: starts that got more bookings than seats (must be 0). */
  overbookedStarts: number;
  maxBookingsPerStart: number;
}

/** The starts Turno offers the bench's clerk, soonest first. */
export async function bookableStarts(
  base: string,
  office: string,
  headers: Record<string, string>,
): Promise<number[]> {
  const agent = newAgent(1);
  try {
    const today = new Date().toISOString().slice(0, 10);
    const last = new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10);
    const answer = await httpJson(
      agent,
      base,
      "GET",
      `/api/offices/${office}/services/${BOOKED_SERVICE}/slots?from=${today}&to=${last}`,
      undefined,
      30_000,
      headers,
    );
    if (answer.status !== 200) throw new Error(`slots: ${answer.status} ${answer.body}`);
    const { slots } = JSON.parse(answer.body) as { slots: { start: number; seatsLeft: number }[] };
    return slots.filter((slot) => slot.seatsLeft >= STAFF_SEATS).map((slot) => slot.start);
  } finally {
    agent.destroy();
  }
}

/** Keeps `concurrency` bookings in flight over `starts`, each start asked for ASKS_PER_START times. */
export async function measureBookings(
  base: string,
  office: string,
  starts: readonly number[],
  headers: Record<string, string>,
  opts: SustainedLoad,
): Promise<BookingResult> {
  const agent = newAgent(opts.concurrency);
  const bookedPerStart = new Map<number, number>();
  const run = Date.now().toString(36);
  const measured = await sustain(opts, "201", async (index) => {
    const start = starts[Math.floor(index / ASKS_PER_START)];
    if (start === undefined) return null; // every start asked for: the run is over early
    try {
      const answer = await httpJson(
        agent,
        base,
        "POST",
        `/api/offices/${office}/appointments`,
        {
          serviceId: BOOKED_SERVICE,
          start,
          name: `Bench caller ${index}`,
          email: `caller-${run}-${index}@bench.example`,
        },
        10_000,
        { ...headers, "idempotency-key": `bench-${run}-${index}` },
      );
      if (answer.status === 201) bookedPerStart.set(start, (bookedPerStart.get(start) ?? 0) + 1);
      return answer.status === 409 && answer.body.includes("slot_full")
        ? SLOT_FULL
        : String(answer.status);
    } catch {
      return "error";
    }
  });
  agent.destroy();
  const slotFull = measured.outcomes[SLOT_FULL] ?? 0;
  const perStart = [...bookedPerStart.values()];
  return {
    perSecond: Math.round((measured.ok / opts.durationMs) * 1000),
    booked: measured.ok,
    slotFull,
    failures: measured.latencies.length - measured.ok - slotFull,
    outcomes: measured.outcomes,
    latencyMs: distribution(measured.latencies),
    overbookedStarts: perStart.filter((count) => count > STAFF_SEATS).length,
    maxBookingsPerStart: Math.max(0, ...perStart),
  };
}

/** Prints the table; true when Turno met the targets without an overbooked start. */
export function printBookingResults(
  turno: BookingResult,
  baseline: BookingResult,
  concurrency: number,
  log: (line: string) => void,
): boolean {
  const rateOk = turno.perSecond >= BOOKING_TARGETS.bookingsPerSecond && turno.failures === 0;
  const p99Ok = turno.latencyMs.p99 <= BOOKING_TARGETS.p99Ms;
  const seatsOk = turno.overbookedStarts === 0;
  log(`\n━━ Bookings, one office, ${concurrency} clients at once (staff, every start raced) ━━`);
  log(
    table(
      ["", "Turno", "baseline", "Turno/baseline", "target", "result"],
      [
        [
          "bookings/s",
          fmt.int(turno.perSecond),
          fmt.int(baseline.perSecond),
          fmt.ratio(turno.perSecond, baseline.perSecond),
          `≥ ${BOOKING_TARGETS.bookingsPerSecond}/s`,
          verdict(rateOk),
        ],
        [
          "  booking latency p50 / p99",
          `${fmt.ms(turno.latencyMs.p50)} / ${fmt.ms(turno.latencyMs.p99)}`,
          `${fmt.ms(baseline.latencyMs.p50)} / ${fmt.ms(baseline.latencyMs.p99)}`,
          fmt.ratio(turno.latencyMs.p50, baseline.latencyMs.p50),
          `p99 ≤ ${fmt.int(BOOKING_TARGETS.p99Ms)} ms`,
          verdict(p99Ok),
        ],
        [
          "  booked / refused slot_full / other failures",
          `${fmt.int(turno.booked)} / ${fmt.int(turno.slotFull)} / ${fmt.int(turno.failures)}`,
          `${fmt.int(baseline.booked)} / ${fmt.int(baseline.slotFull)} / ${fmt.int(baseline.failures)}`,
          "",
          "— / — / 0",
          "",
        ],
        [
          "  starts overbooked (most bookings on one start)",
          `${turno.overbookedStarts} (${turno.maxBookingsPerStart})`,
          `${baseline.overbookedStarts} (${baseline.maxBookingsPerStart})`,
          "",
          `0 (≤ ${STAFF_SEATS})`,
          verdict(seatsOk),
        ],
      ],
    ),
  );
  log(
    `  Each start has ${STAFF_SEATS} staff seats and is asked for ${ASKS_PER_START} times, so about one ask in ${ASKS_PER_START} must be refused slot_full.`,
  );
  log(
    "  The baseline keeps a seat count per start in memory (bench/baseline/server.ts): no storage, no validation of the time.",
  );
  if (turno.failures > 0) log(`  Turno outcomes: ${JSON.stringify(turno.outcomes)}`);
  return rateOk && p99Ok && seatsOk;
}
