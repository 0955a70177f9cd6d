import { describe, expect, it } from "vitest";
import { APPOINTMENT_CALLABLE_EARLY_MS, starvationBoundMs } from "../../shared/engine";
import type { OfficeConfig, Ticket } from "../../shared/protocol";
import { demoConfig, eventsOfType, HOUR, MINUTE, Office, withModes } from "./helpers";

/*
 * A simulated Monday at Punto Comune, Scandicci (08:00–18:30), with building
 * permits (edilizia) by appointment only and school enrolment (scuola) mixed.
 * Walk-ins arrive by a seeded Poisson process; appointments are booked on a
 * slot grid with no more seats than desks open for the service, and their
 * holders arrive between 20 minutes early and a minute late. Clerks call next
 * whenever they are free, and serve for a random time. A desk that call-next
 * keeps free for an appointment (routing.ts, look-ahead) tries again at every
 * arrival or finished service, when an appointment falls due, and when a
 * walk-in passes the starvation bound (the console shows every wait).
 */

const SEEDS = [1, 2, 3, 20261123, 424242];

const DAY_START = Date.parse("2026-11-23T07:00:00Z"); // Monday 08:00 in Rome
const LAST_WALK_IN = DAY_START + 10 * HOUR; // 18:00
const ROUND_TRIP_LIMIT = DAY_START + 14 * HOUR;

/** Walk-ins per hour, by service. */
const WALK_INS_PER_HOUR: Record<string, number> = {
  urp: 8,
  anagrafe: 5,
  "stato-civile": 1.5,
  elettorale: 1,
  scuola: 2,
  pagamenti: 4,
};

interface SlotGrid {
  serviceId: string;
  /** Minutes between slot starts. */
  everyMinutes: number;
  seats: number;
  firstSlot: number;
  lastSlot: number;
  /** An appointment takes between these many minutes. */
  serviceMinutes: [number, number];
}

const GRIDS: SlotGrid[] = [
  {
    serviceId: "edilizia",
    everyMinutes: 30,
    seats: 1,
    firstSlot: DAY_START + 30 * MINUTE,
    lastSlot: DAY_START + 9 * HOUR + 30 * MINUTE,
    serviceMinutes: [15, 30],
  },
  {
    serviceId: "scuola",
    everyMinutes: 20,
    seats: 1,
    firstSlot: DAY_START + 20 * MINUTE,
    lastSlot: DAY_START + 9 * HOUR + 40 * MINUTE,
    serviceMinutes: [5, 15],
  },
];

/** Desks open all day: the four front desks, and 5 and 6 for the appointments. */
const OPEN_DESKS = [
  "sportello-1",
  "sportello-2",
  "sportello-3",
  "sportello-4",
  "sportello-5",
  "sportello-6",
];

/** Mulberry32: a small seeded generator, so a failing day can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Arrival =
  | { at: number; kind: "walk-in"; serviceId: string; priority: boolean }
  | { at: number; kind: "appointment"; serviceId: string; appointmentId: string; slot: number };

function arrivals(random: () => number): Arrival[] {
  const list: Arrival[] = [];
  for (const [serviceId, perHour] of Object.entries(WALK_INS_PER_HOUR)) {
    let at = DAY_START;
    for (;;) {
      at += Math.round((-Math.log(1 - random()) / perHour) * HOUR);
      if (at > LAST_WALK_IN) break;
      list.push({ at, kind: "walk-in", serviceId, priority: random() < 0.05 });
    }
  }
  for (const grid of GRIDS) {
    for (let slot = grid.firstSlot; slot <= grid.lastSlot; slot += grid.everyMinutes * MINUTE) {
      for (let seat = 0; seat < grid.seats; seat++) {
        if (random() < 0.1) continue; // not booked
        const at = Math.max(DAY_START, slot - Math.round((20 * random() - 1) * MINUTE));
        list.push({
          at,
          kind: "appointment",
          serviceId: grid.serviceId,
          appointmentId: `${grid.serviceId}-${slot}-${seat}`,
          slot,
        });
      }
    }
  }
  return list.sort((a, b) => a.at - b.at);
}

interface Call {
  ticket: Ticket;
  at: number;
  counterId: string;
}

interface DayResult {
  calls: Call[];
  /** Calls that passed over a walk-in already past the bound for someone who was not entitled to go first. */
  starvationBreaches: string[];
  /** Calls that passed over a due appointment for someone who was not entitled to go first. */
  appointmentBreaches: string[];
  arrivals: number;
}

function simulateDay(seed: number): DayResult {
  const random = seeded(seed);
  const config: OfficeConfig = withModes(demoConfig(), { scuola: "mixed" });
  const office = new Office(config, DAY_START);
  for (const counterId of ["sportello-5", "sportello-6"])
    office.ok({ type: "setCounterMode", counterId, mode: "front" });
  const bound = starvationBoundMs(config);
  const counters = new Map(config.counters.map((c) => [c.id, c]));
  const busyUntil = new Map<string, number | null>(OPEN_DESKS.map((id) => [id, null]));
  const serviceMinutes = (ticket: Ticket): number => {
    const grid = ticket.appointment && GRIDS.find((g) => g.serviceId === ticket.serviceId);
    if (grid)
      return grid.serviceMinutes[0] + random() * (grid.serviceMinutes[1] - grid.serviceMinutes[0]);
    const service = config.services.find((s) => s.id === ticket.serviceId)!;
    return service.defaultServiceMinutes * (0.5 + random());
  };
  const calls: Call[] = [];
  const starvationBreaches: string[] = [];
  const appointmentBreaches: string[] = [];
  const polls: number[] = [];

  /** The desk calls next if anyone may be called; it stays idle otherwise. */
  const callAt = (counterId: string) => {
    const counter = counters.get(counterId)!;
    const overdue = Object.values(office.state.tickets)
      .filter(
        (t) =>
          t.status === "waiting" &&
          !t.appointment &&
          office.now - t.queuedAt > bound &&
          (t.targetCounterId === null
            ? counter.serviceIds.includes(t.serviceId)
            : t.targetCounterId === counterId),
      )
      .sort((a, b) => a.queuedAt - b.queuedAt)[0];
    const due = Object.values(office.state.tickets)
      .filter(
        (t) =>
          t.status === "waiting" &&
          t.appointment &&
          t.appointment.slotStart - APPOINTMENT_CALLABLE_EARLY_MS <= office.now &&
          (t.targetCounterId === null
            ? counter.serviceIds.includes(t.serviceId)
            : t.targetCounterId === counterId),
      )
      .sort((a, b) => a.appointment!.slotStart - b.appointment!.slotStart)[0];
    const run = office.run({ type: "callNext", counterId });
    if (run.error) {
      // No one to call, or the desk is kept for an appointment about to fall due.
      expect(["queue_empty", "kept_for_appointment"]).toContain(run.error.code);
      if (office.state.counters[counterId]?.ticketId) office.ok({ type: "complete", counterId });
      busyUntil.set(counterId, null);
      return;
    }
    const [called] = eventsOfType(run.events, "ticketCalled");
    const ticket = office.ticket(called!.ticketId)!;
    if (overdue && !ticket.priority && (ticket.appointment || ticket.queuedAt > overdue.queuedAt))
      starvationBreaches.push(`${counterId} called ${ticket.code} over ${overdue.code}`);
    const entitled =
      ticket.priority ||
      (!ticket.appointment && office.now - ticket.queuedAt > bound) ||
      (ticket.appointment !== null &&
        ticket.appointment.slotStart <= (due?.appointment?.slotStart ?? 0));
    if (due && !entitled)
      appointmentBreaches.push(`${counterId} called ${ticket.code} over ${due.code}`);
    calls.push({ ticket: { ...ticket }, at: office.now, counterId });
    office.ok({ type: "startService", counterId });
    busyUntil.set(counterId, office.now + Math.round(serviceMinutes(ticket) * MINUTE));
  };
  const idleDesksCall = () => {
    for (const [counterId, until] of busyUntil) if (until === null) callAt(counterId);
  };

  const pending = arrivals(random);
  let next = 0;
  for (;;) {
    const deskTimes = [...busyUntil.values()].filter((t): t is number => t !== null);
    const times = [...deskTimes, ...polls];
    if (next < pending.length) times.push(pending[next]!.at);
    if (times.length === 0) break;
    const now = Math.min(...times);
    expect(now, "the day ends").toBeLessThan(ROUND_TRIP_LIMIT);
    office.at(now);
    while (next < pending.length && pending[next]!.at === now) {
      const arrival = pending[next++]!;
      if (arrival.kind === "walk-in") {
        office.issue(arrival.serviceId, { priority: arrival.priority });
        // A desk kept free for an appointment looks again when this walk-in passes the bound.
        polls.push(now + bound + 1);
      } else {
        office.checkIn(arrival.serviceId, arrival.appointmentId, arrival.slot);
        const dueAt = arrival.slot - APPOINTMENT_CALLABLE_EARLY_MS;
        if (dueAt > now) polls.push(dueAt);
      }
    }
    for (const [counterId, until] of busyUntil) if (until === now) callAt(counterId);
    for (let i = polls.length - 1; i >= 0; i--) if (polls[i]! <= now) polls.splice(i, 1);
    idleDesksCall();
  }
  expect(Object.keys(office.state.tickets), "everyone was served").toEqual([]);
  return { calls, starvationBreaches, appointmentBreaches, arrivals: pending.length };
}

describe("A simulated day of walk-ins and appointments on the same counters", () => {
  it("The slot grids never book more seats at once than desks open for the service.", () => {
    const config = withModes(demoConfig(), { scuola: "mixed" });
    for (const grid of GRIDS) {
      const desks = config.counters.filter(
        (c) => OPEN_DESKS.includes(c.id) && c.serviceIds.includes(grid.serviceId),
      ).length;
      expect(grid.seats, grid.serviceId).toBeLessThanOrEqual(desks);
    }
  });

  it.each(SEEDS)(
    "A due appointment goes to the first free desk that serves it, no walk-in is passed over once past twice the target wait, and nobody with an appointment is called early (seed %i).",
    (seed) => {
      const { calls, starvationBreaches, appointmentBreaches, arrivals } = simulateDay(seed);
      const appointments = calls.filter((c) => c.ticket.appointment);
      expect(calls.length).toBe(arrivals);
      expect(appointments.length).toBeGreaterThan(30);
      expect(calls.length - appointments.length).toBeGreaterThan(150);
      // Call next never takes an early arrival before its slot's 2-minute window.
      for (const c of appointments) {
        expect(c.at).toBeGreaterThanOrEqual(
          c.ticket.appointment!.slotStart - APPOINTMENT_CALLABLE_EARLY_MS,
        );
      }
      // Only a priority ticket, an overdue walk-in or an earlier slot goes before a due appointment.
      expect(appointmentBreaches).toEqual([]);
      // A walk-in past the bound is called at the first free desk that serves it, unless a
      // priority ticket or someone who had waited longer still went first.
      expect(starvationBreaches).toEqual([]);
    },
  );

  /*
   * Desks 5 and 6 also serve walk-ins: without the look-ahead (routing.ts) a
   * desk free 3 minutes before a slot started a 15-minute walk-in and the
   * appointment waited for it (seeds 2 and 424242: 5.2, 6.1 and 7.7 minutes
   * late). Now the desk is kept for a checked-in appointment falling due
   * within the walk-in's expected service, or takes a walk-in short enough to
   * be done by then. The look-ahead sees only holders who have checked in: one
   * arriving a minute before the slot can still find both desks busy.
   */
  it("Every appointment is called within 5 minutes of its slot while seats ≤ open desks, and no walk-in waits past the starvation bound.", () => {
    const bound = starvationBoundMs(withModes(demoConfig(), { scuola: "mixed" }));
    const late: string[] = [];
    const starved: string[] = [];
    for (const seed of SEEDS) {
      for (const c of simulateDay(seed).calls) {
        if (!c.ticket.appointment) {
          const waited = c.at - c.ticket.queuedAt;
          if (waited > bound)
            starved.push(`seed ${seed}: ${c.ticket.code} ${(waited / MINUTE).toFixed(1)} min`);
          continue;
        }
        const minutes = (c.at - c.ticket.appointment.slotStart) / MINUTE;
        if (minutes > 5) late.push(`seed ${seed}: ${c.ticket.code} ${minutes.toFixed(1)} min`);
      }
    }
    expect(late).toEqual([]);
    expect(starved).toEqual([]);
  });
});
