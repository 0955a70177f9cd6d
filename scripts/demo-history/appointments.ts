/**
 * The demo office's past bookings, for `npm run demo:history`: every slot of a service's
 * booking windows on an open day, each seat booked or not, and what became of it, with
 * the mix an office with appointments sees: most slots of a level-II service booked
 * days to weeks ahead, a few cancelled (a day or two before, as a rule), a few missed,
 * most people checking in ten or twenty minutes early and a few late. Anonymous: a
 * booking keeps no name or contact after its day, and the history brings none.
 */
import type { OfficeConfigInput } from "../../shared/protocol";
import type { PastAppointment } from "../../shared/reports";
import { instantOf, weekdayKey } from "./generate";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A checked-in booking on its way to a desk (or, late under the walk-in rule, to the walk-in queue). */
export interface AppointmentArrival {
  appointment: PastAppointment;
  serviceId: string;
  slotMinutes: number;
  checkedInAt: number;
  /** Came after the check-in window and the service sends late arrivals to the walk-in queue. */
  lateWalkIn: boolean;
  /** One draw in [0, 1) for the desk's small delays and the service's length. */
  draw: number;
}

/** How full each bookable service's seats are, and how far ahead people book (mean days). */
const DEMAND: Record<string, { fill: number; meanLeadDays: number }> = {
  edilizia: { fill: 0.85, meanLeadDays: 9 },
  scuola: { fill: 0.6, meanLeadDays: 3 },
};
const DEFAULT_DEMAND = { fill: 0.7, meanLeadDays: 5 };

const minutesOfDay = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

export function bookingsOfDay(
  config: OfficeConfigInput,
  day: string,
  next: () => number,
): { appointments: PastAppointment[]; arrivals: AppointmentArrival[] } {
  const appointments: PastAppointment[] = [];
  const arrivals: AppointmentArrival[] = [];
  const key = weekdayKey(day);
  for (const service of config.services) {
    const booking = service.booking;
    if (!booking || service.mode === "walk-in" || service.mode === undefined) continue;
    const slotMinutes = booking.slotMinutes ?? 20;
    const minNotice = (booking.minNoticeMinutes ?? 60) * MINUTE_MS;
    const horizon = (booking.daysAhead ?? 30) * DAY_MS;
    const lateMinutes = booking.checkIn?.lateMinutes ?? 10;
    const walkInRule =
      (booking.lateArrivals ?? "walk-in") === "walk-in" && service.mode === "mixed";
    const demand = DEMAND[service.id] ?? DEFAULT_DEMAND;
    const windows =
      booking.exceptions?.find((exception) => exception.date === day)?.windows ??
      booking.windows?.[key] ??
      [];
    for (const window of windows) {
      const end = minutesOfDay(window.end);
      for (
        let minute = minutesOfDay(window.start);
        minute + slotMinutes <= end;
        minute += slotMinutes
      ) {
        const start = instantOf(day, minute, config.timeZone);
        for (let seat = 0; seat < window.seats; seat++) {
          if (next() >= demand.fill) continue;
          // Lead time: exponential around the service's mean, within notice and horizon.
          const lead = Math.min(
            horizon,
            Math.max(minNotice, -Math.log(1 - next()) * demand.meanLeadDays * DAY_MS),
          );
          const bookedAt = Math.round(start - lead);
          const hhmm = `${String(Math.floor(minute / 60)).padStart(2, "0")}${String(minute % 60).padStart(2, "0")}`;
          const base = {
            id: `apt-${day}-${service.id}-${hhmm}-${seat}`,
            serviceId: service.id,
            start,
            channel: next() < 0.15 ? ("staff" as const) : ("public" as const),
            bookedAt,
            checkedInAt: null,
            cancelledAt: null,
            missedAt: null,
            ticketId: null,
          };
          const outcome = next();
          if (outcome < 0.09) {
            // Cancelled somewhere between booking and the day before, most near the end.
            const cancelledAt = Math.round(start - Math.min(lead, DAY_MS) * (0.3 + next()));
            appointments.push({
              ...base,
              status: "cancelled",
              cancelledAt: Math.max(bookedAt, cancelledAt),
            });
            continue;
          }
          if (outcome < 0.16) {
            appointments.push({
              ...base,
              status: "missed",
              missedAt: start + lateMinutes * MINUTE_MS,
            });
            continue;
          }
          // Most come 5 to 25 minutes early; one in twenty comes after the window closed.
          const late = next() < 0.05;
          const checkedInAt = Math.round(
            late
              ? start + (lateMinutes + 1 + next() * 10) * MINUTE_MS
              : start - (5 + next() * 20) * MINUTE_MS,
          );
          const lateWalkIn = late && walkInRule;
          const appointment: PastAppointment = lateWalkIn
            ? { ...base, status: "missed", missedAt: start + lateMinutes * MINUTE_MS, checkedInAt }
            : { ...base, status: "checked-in", checkedInAt };
          appointments.push(appointment);
          arrivals.push({
            appointment,
            serviceId: service.id,
            slotMinutes,
            checkedInAt,
            lateWalkIn,
            draw: next(),
          });
        }
      }
    }
  }
  return { appointments, arrivals };
}
