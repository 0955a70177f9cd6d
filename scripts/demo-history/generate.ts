/**
 * A realistic past for the demo office, shaped like the seed's Punto Comune
 * (about 120,000 contacts a year, 58,300 of them at the URP): morning and
 * Monday peaks, services of different lengths, desks that open from the back
 * office at the busy hours, a few no-shows, give-ups and transfers. The
 * waits come from simulating the desks, so the reports tell a coherent story.
 * A service with booking windows gets its past bookings too (appointments.ts
 * beside this file): booked, checked in, missed or cancelled, and the tickets
 * of those checked in go through the same desks.
 * Deterministic: the same seed gives the same history.
 */
import { localTime, startOfNextDay } from "../../shared/engine/clock";
import type { OfficeConfigInput } from "../../shared/protocol";
import { WEEKDAYS } from "../../shared/protocol/weekdays";
import type { PastAppointment, ReportTicket } from "../../shared/reports";
import { dayNumberOf, isoDateOf, weekdayIndexOf } from "../../shared/reports/calendar";
import { type AppointmentArrival, bookingsOfDay } from "./appointments";

/** Share of the contacts per service (the URP is about half, as in the article). */
const SERVICE_MIX: Record<string, number> = {
  urp: 0.48,
  anagrafe: 0.2,
  pagamenti: 0.1,
  scuola: 0.09,
  "stato-civile": 0.08,
  elettorale: 0.05,
};
/**
 * Tickets on an average weekday. The article's 120,000 contacts a year include
 * phone and e-mail; about 60,000 a year come through the door and take a number.
 */
const TICKETS_PER_WEEKDAY = 220;
const DAY_FACTOR = [1.3, 1.05, 1, 1.05, 0.85, 0.5, 0]; // Mon..Sun
/** Relative arrivals per hour of the day (8:00 → 18:00): the morning peak, a smaller one after lunch. */
const HOUR_PROFILE: Record<number, number> = {
  8: 0.8,
  9: 1.5,
  10: 1.7,
  11: 1.4,
  12: 0.9,
  13: 0.4,
  14: 0.6,
  15: 0.9,
  16: 0.8,
  17: 0.5,
  18: 0.2,
};
const CLERKS = [
  "Anna Bianchi",
  "Marco Rossi",
  "Giulia Verdi",
  "Luca Neri",
  "Sara Galli",
  "Paolo Conti",
  "Elena Fabbri",
];

/** mulberry32: a small seeded generator, enough for demo data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service whose slice of the mix the draw `u` (0–1) falls in. */
function pickService(services: string[], u: number): string {
  let rest = u;
  for (const service of services) {
    rest -= SERVICE_MIX[service]!;
    if (rest < 0) return service;
  }
  return services[0]!;
}

const minutesOfDay = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

function previousDay(day: string): string {
  return isoDateOf(dayNumberOf(day) - 1);
}

/** The opening-hours key of a local day ("mon" … "sun"). */
export function weekdayKey(day: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[weekdayIndexOf(dayNumberOf(day))]!;
}

/** The instant of a local clock time on a local day, DST-correct for office hours. */
export function instantOf(day: string, minutes: number, timeZone: string): number {
  const midnight = startOfNextDay(previousDay(day), timeZone);
  let instant = midnight + minutes * 60_000;
  const shown = localTime(instant, timeZone);
  instant += (minutes - shown.minutes) * 60_000;
  return instant;
}

interface Desk {
  id: string;
  serviceIds: string[];
  clerk: string;
  freeAt: number;
  /** Back-office desks come to the front only in the peak hours. */
  frontFrom: number;
  frontTo: number;
}

/** The days before `today` (local), newest last, that the office was open. */
export function openDays(config: OfficeConfigInput, today: string, count: number): string[] {
  const days: string[] = [];
  let day = previousDay(today);
  while (days.length < count) {
    const key = weekdayKey(day);
    if ((config.openingHours?.[key]?.length ?? 0) > 0 && !config.closedDates?.includes(day))
      days.push(day);
    day = previousDay(day);
  }
  return days.reverse();
}

/** The past tickets alone (walk-ins, and the tickets of checked-in bookings). */
export function generateHistory(
  config: OfficeConfigInput,
  days: readonly string[],
  seed = 20261126,
): ReportTicket[] {
  return generatePast(config, days, seed).tickets;
}

export function generatePast(
  config: OfficeConfigInput,
  days: readonly string[],
  seed = 20261126,
): { tickets: ReportTicket[]; appointments: PastAppointment[] } {
  const next = random(seed);
  // Bookings draw from their own sequence: an office without them keeps the same walk-ins.
  const nextBooking = random(seed ^ 0x5eed);
  const appointments: PastAppointment[] = [];
  const timeZone = config.timeZone;
  const minutesOf = (serviceId: string) =>
    config.services.find((s) => s.id === serviceId)?.defaultServiceMinutes ?? 8;
  const prefixOf = (serviceId: string) =>
    config.services.find((s) => s.id === serviceId)?.prefix ?? "Z";
  const services = Object.keys(SERVICE_MIX);
  const tickets: ReportTicket[] = [];

  for (const day of days) {
    const key = weekdayKey(day);
    const weekday = WEEKDAYS.indexOf(key);
    const hours = config.openingHours?.[key] ?? [];
    const [open] = hours;
    if (!open) continue;
    const [openH, openM] = open.open.split(":").map(Number) as [number, number];
    const [closeH, closeM] = open.close.split(":").map(Number) as [number, number];
    const openAt = openH * 60 + openM;
    const closeAt = closeH * 60 + closeM - 20; // the doors close a little before the desks
    const expected = TICKETS_PER_WEEKDAY * (DAY_FACTOR[weekday] ?? 1) * (0.9 + 0.2 * next());

    // Arrivals: an hour-shaped Poisson process, thinned from the busiest rate.
    const weights = Array.from({ length: closeAt - openAt }, (_, i) => {
      const hour = Math.floor((openAt + i) / 60);
      return HOUR_PROFILE[hour] ?? 0.3;
    });
    const total = weights.reduce((sum, w) => sum + w, 0);
    const arrivals: { minute: number; serviceId: string; booking?: AppointmentArrival }[] = [];
    weights.forEach((weight, i) => {
      const rate = (expected * weight) / total;
      let arrivalsThisMinute = 0;
      let p = Math.exp(-rate);
      let cumulative = p;
      const u = next();
      while (u > cumulative && arrivalsThisMinute < 20) {
        arrivalsThisMinute++;
        p *= rate / arrivalsThisMinute;
        cumulative += p;
      }
      for (let k = 0; k < arrivalsThisMinute; k++) {
        const serviceId = pickService(services, next());
        arrivals.push({ minute: openAt + i + next(), serviceId });
      }
    });

    const booked = bookingsOfDay(config, day, nextBooking);
    appointments.push(...booked.appointments);
    if (booked.arrivals.length > 0) {
      const midnightOfDay = instantOf(day, 0, timeZone);
      for (const booking of booked.arrivals)
        arrivals.push({
          minute: (booking.checkedInAt - midnightOfDay) / 60_000,
          serviceId: booking.serviceId,
          booking,
        });
      arrivals.sort((a, b) => a.minute - b.minute);
    }

    // Desks: the front ones all day; back-office ones come to the front for the morning peak
    // (from 10:00, a little late, as offices do), one of them only on Mondays.
    const staff = [...CLERKS].sort(() => next() - 0.5);
    const midnight = instantOf(day, 0, timeZone);
    // A desk that serves an appointment-only service keeps its booking windows for it.
    const bookedUntil = (serviceIds: string[]) =>
      Math.max(
        0,
        ...config.services
          .filter((service) => service.mode === "appointment" && serviceIds.includes(service.id))
          .flatMap((service) => service.booking?.windows?.[key] ?? [])
          .map((window) => minutesOfDay(window.end)),
      );
    const desks: Desk[] = config.counters.map((counter, index) => {
      const back = counter.defaultMode === "back-office";
      const helps = back && (weekday === 0 || index !== config.counters.length - 1);
      return {
        id: counter.id,
        serviceIds: counter.serviceIds,
        clerk: staff[index % staff.length]!,
        freeAt: midnight + openAt * 60_000,
        frontFrom: Math.max(
          back ? (helps ? 10 * 60 : 24 * 60) : 0,
          bookedUntil(counter.serviceIds),
        ),
        frontTo: back ? 12.5 * 60 : 24 * 60,
      };
    });

    const numbers: Record<string, number> = {};
    for (const arrival of arrivals) {
      const issuedAt = midnight + arrival.minute * 60_000;
      const prefix = prefixOf(arrival.serviceId);
      numbers[prefix] = (numbers[prefix] ?? 0) + 1;
      const code = `${prefix}${String(numbers[prefix]).padStart(3, "0")}`;
      const { booking } = arrival;
      if (booking) {
        booking.appointment.ticketId = `${day}-${code}`;
        // Too late for the slot, under the walk-in rule: a walk-in ticket like anyone's.
        if (!booking.lateWalkIn) {
          tickets.push(appointmentTicket(booking, { day, code, desks, serviceMinutes: minutesOf }));
          continue;
        }
      }
      const priority = next() < 0.04;
      const gaveUp = next() < 0.02;
      const noShow = !gaveUp && next() < 0.03;
      const transferred = next() < 0.02;
      // The desk that can take this service soonest (its clock may be ahead of the arrival).
      const minuteOf = (instant: number) => (instant - midnight) / 60_000;
      const candidates = desks.filter((d) => d.serviceIds.includes(arrival.serviceId));
      const desk = candidates.reduce<Desk | null>((best, d) => {
        const start = Math.max(d.freeAt, issuedAt);
        const minute = minuteOf(start);
        if (minute < d.frontFrom || minute >= d.frontTo) return best;
        return !best || start < Math.max(best.freeAt, issuedAt) ? d : best;
      }, null);
      const base: Omit<ReportTicket, "status" | "calledAt" | "startedAt" | "finishedAt"> = {
        id: `${day}-${code}`,
        day,
        code,
        serviceId: arrival.serviceId,
        counterId: null,
        clerkId: null,
        clerkName: null,
        channel: "kiosk",
        priority,
        issuedAt: Math.round(issuedAt),
        transfers: transferred ? 1 : 0,
        recalls: noShow ? 2 : next() < 0.05 ? 1 : 0,
      };
      if (!desk) {
        tickets.push({
          ...base,
          status: "expired",
          calledAt: null,
          startedAt: null,
          finishedAt: null,
        });
        continue;
      }
      const calledAt = Math.max(desk.freeAt, issuedAt) + 20_000 + next() * 40_000;
      const waited = (calledAt - issuedAt) / 60_000;
      if (gaveUp || waited > 75 + next() * 30) {
        tickets.push({
          ...base,
          status: "cancelled",
          calledAt: null,
          startedAt: null,
          finishedAt: Math.round(issuedAt + Math.min(waited, 60) * 60_000 * next()),
        });
        continue;
      }
      const called = {
        counterId: desk.id,
        clerkId: `demo-${desk.clerk.split(" ")[0]!.toLowerCase()}`,
        clerkName: desk.clerk,
        calledAt: Math.round(calledAt),
      };
      if (noShow) {
        desk.freeAt = calledAt + 2 * 60_000;
        tickets.push({
          ...base,
          ...called,
          status: "no-show",
          startedAt: null,
          finishedAt: Math.round(desk.freeAt),
        });
        continue;
      }
      // Log-normal service time around the service's usual length.
      const gaussian = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const minutes = minutesOf(arrival.serviceId) * Math.exp(0.45 * gaussian - 0.1);
      const startedAt = calledAt + 30_000 + next() * 60_000;
      const finishedAt = startedAt + Math.max(1, minutes) * 60_000;
      desk.freeAt = finishedAt;
      tickets.push({
        ...base,
        ...called,
        status: "done",
        startedAt: Math.round(startedAt),
        finishedAt: Math.round(finishedAt),
      });
    }
  }
  return { tickets, appointments };
}

/**
 * A checked-in booking's ticket: callable from two minutes before its slot (or at once if
 * the person came late, the clerk taking them), at the desk of its service free soonest,
 * front or back office (the technicians see their own appointments). Served a little
 * quicker than the slot, as people come with their papers ready.
 */
function appointmentTicket(
  booking: AppointmentArrival,
  options: {
    day: string;
    code: string;
    desks: Desk[];
    serviceMinutes: (serviceId: string) => number;
  },
): ReportTicket {
  const { day, code, desks } = options;
  const issuedAt = booking.checkedInAt;
  const due = Math.max(issuedAt, booking.appointment.start - 2 * 60_000);
  const base = {
    id: `${day}-${code}`,
    day,
    code,
    serviceId: booking.serviceId,
    channel: "kiosk" as const,
    priority: false,
    issuedAt: Math.round(issuedAt),
    transfers: 0,
    recalls: 0,
    appointment: { id: booking.appointment.id, slotStart: booking.appointment.start },
  };
  const candidates = desks.filter((d) => d.serviceIds.includes(booking.serviceId));
  const desk = candidates.reduce<Desk | null>(
    (best, d) => (!best || Math.max(d.freeAt, due) < Math.max(best.freeAt, due) ? d : best),
    null,
  );
  if (!desk) {
    return {
      ...base,
      counterId: null,
      clerkId: null,
      clerkName: null,
      status: "expired",
      calledAt: null,
      startedAt: null,
      finishedAt: null,
    };
  }
  const calledAt = Math.max(desk.freeAt, due) + 10_000 + booking.draw * 30_000;
  const startedAt = calledAt + 30_000 + booking.draw * 30_000;
  const usual = Math.min(options.serviceMinutes(booking.serviceId), booking.slotMinutes);
  // Mostly inside the slot, now and then over it: the next one is then called late.
  const minutes = usual * (0.6 + 0.6 * booking.draw);
  desk.freeAt = startedAt + minutes * 60_000;
  return {
    ...base,
    counterId: desk.id,
    clerkId: `demo-${desk.clerk.split(" ")[0]!.toLowerCase()}`,
    clerkName: desk.clerk,
    status: "done",
    calledAt: Math.round(calledAt),
    startedAt: Math.round(startedAt),
    finishedAt: Math.round(desk.freeAt),
  };
}
