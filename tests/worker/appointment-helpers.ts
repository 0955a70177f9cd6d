import { runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import { bookingProof, solveBookingChallenge } from "../../book/model/proof-of-work";
import { localDay } from "../../shared/engine";
import type { AppointmentSlots, BookedAppointment } from "../../shared/protocol/appointments";
import type { BookingConfigInput } from "../../shared/protocol/booking";
import type { BookingChallenge, BookingProof } from "../../shared/protocol/booking-proof";
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { addDays } from "../../shared/protocol/wall-time";
import { everyWeekday } from "../../shared/protocol/weekdays";
import { type ApiResult, api, type Credentials, officeStub, testOfficeConfig } from "./helpers";

/** A service's booking settings for tests, and how many seats each start has (3 unless said). */
export type TestBooking = Partial<BookingConfigInput> & { seats?: number };

/** Bookings every half hour of every day, 3 seats at once; notice an hour, check-in 30 min early to 10 late. */
export function bookingSettings({ seats = 3, ...patch }: TestBooking = {}): BookingConfigInput {
  const day = [{ start: "00:00", end: "24:00", seats }];
  return {
    windows: everyWeekday(() => day),
    slotMinutes: 30,
    daysAhead: 30,
    minNoticeMinutes: 60,
    ...patch,
  };
}

/**
 * The test office (helpers.ts) with appointments: registry (B) mixed and
 * permits (P) by appointment only, both bookable with `booking`, and every
 * counter serving permits too.
 */
export function appointmentOfficeConfig(
  options: { frontCounters?: number; booking?: TestBooking } = {},
): OfficeConfigInput {
  const base = testOfficeConfig({ frontCounters: options.frontCounters ?? 3 });
  const booking = bookingSettings(options.booking);
  return {
    ...base,
    services: base.services.map((service) =>
      service.id === "registry"
        ? { ...service, mode: "mixed" as const, booking }
        : service.id === "permits"
          ? { ...service, booking }
          : service,
    ),
    counters: base.counters.map((counter) => ({
      ...counter,
      serviceIds: [...new Set([...counter.serviceIds, "permits"])],
    })),
  };
}

export async function slotsOf(
  officeId: string,
  serviceId: string,
  range: { from: string; to: string },
  as: Credentials = "anonymous",
): Promise<AppointmentSlots["slots"]> {
  const answer = await api<AppointmentSlots>(
    "GET",
    `/offices/${officeId}/services/${serviceId}/slots?from=${range.from}&to=${range.to}`,
    { as },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.slots;
}

/** The office's local today and the days after, as the office's zone counts them. */
export function officeDays(timeZone: string, now = Date.now()) {
  const today = localDay(now, timeZone);
  return { today, tomorrow: addDays(today, 1), after: (days: number) => addDays(today, days) };
}

let contacts = 0;
/** A contact no other booking of the run has. */
export const newEmail = () => `person${++contacts}-${crypto.randomUUID().slice(0, 6)}@example.org`;

/** A challenge of the office's, solved as the booking page solves it: a public booking's `proof`. */
export async function solvedProof(
  officeId: string,
  as: Credentials = "anonymous",
): Promise<BookingProof> {
  const challenge = await api<BookingChallenge>(
    "GET",
    `/offices/${officeId}/appointments/challenge`,
    { as },
  );
  expect(challenge.status, JSON.stringify(challenge.body)).toBe(200);
  const solution = await solveBookingChallenge(challenge.body);
  if (!solution) throw new Error("the challenge was not solved");
  return bookingProof(challenge.body, solution);
}

/**
 * Books as the operator unless said; as the public (anonymous) with a solved
 * proof of work, unless the body brings its own `proof` or `proof: false` is said.
 */
export async function book(
  officeId: string,
  body: Record<string, unknown>,
  options: { as?: Credentials; headers?: Record<string, string>; proof?: boolean } = {},
): Promise<ApiResult<BookedAppointment>> {
  const { proof = options.as === "anonymous", ...request } = options;
  const solved = proof && !("proof" in body) ? { proof: await solvedProof(officeId) } : {};
  return api<BookedAppointment>("POST", `/offices/${officeId}/appointments`, {
    body: { name: "Maria Rossi", email: newEmail(), ...solved, ...body },
    ...request,
  });
}

/** Books a free slot of `serviceId` (as the operator unless said), days ahead: the booking's 201. */
export async function bookSomewhere(
  officeId: string,
  options: { serviceId?: string; timeZone: string; as?: Credentials },
): Promise<BookedAppointment> {
  const serviceId = options.serviceId ?? "permits";
  const days = officeDays(options.timeZone);
  const slots = (
    await slotsOf(officeId, serviceId, { from: days.after(2), to: days.after(20) })
  ).filter((slot) => slot.seatsLeft > 0);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slot = slots[Math.floor(Math.random() * slots.length)]!;
    const booked = await book(officeId, { serviceId, start: slot.start }, { as: options.as });
    if (booked.status === 201) return booked.body;
  }
  throw new Error("no free slot found");
}

/** Sets the office object's clock (lives on the instance: eviction drops it). */
export async function setOfficeClock(officeId: string, now: number): Promise<void> {
  await runInDurableObject(officeStub(officeId), (office) => {
    office.clock = () => now;
  });
}
