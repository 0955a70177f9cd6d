import type { Hono } from "hono";
import * as z from "zod/mini";
import { RANK } from "../../shared/access/ranks";
import {
  AppointmentConflicts,
  AppointmentSlots,
  BookAppointmentBody,
  BookedAppointment,
  CancelledAppointment,
  CheckedIn,
  CheckInBody,
  DayAppointments,
  HeldAppointment,
  MoveAppointmentBody,
  ResolvedConflict,
} from "../../shared/protocol/appointments";
import type { Actor } from "../../shared/protocol/auth";
import { BookingChallenge } from "../../shared/protocol/booking-proof";
import { addDays, isCalendarDate } from "../../shared/protocol/wall-time";
import { device, staffRank } from "../auth/access";
import { bookingChallenge, checkBookingProof } from "../auth/booking-proof";
import { actorOf, type Principal } from "../auth/principal";
import {
  appointmentIdParam,
  appointmentTokenParam,
  officeParam,
  serviceParam,
} from "../http/path-params";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

/** The longest range of slots one request reads. */
const MAX_SLOT_DAYS = 62;

const RANGE_RULE = `Give the days as ?from=YYYY-MM-DD&to=YYYY-MM-DD, from before to, at most ${MAX_SLOT_DAYS} days.`;
const RangeDay = z
  .string({ error: RANGE_RULE })
  .check(z.refine(isCalendarDate, { error: RANGE_RULE }));
const SlotsQuery = z.object({ from: RangeDay, to: RangeDay }).check(
  // Runs even when a day is malformed (zod still checks the object): only real days are compared.
  z.refine(
    ({ from, to }) =>
      !isCalendarDate(from) ||
      !isCalendarDate(to) ||
      (from <= to && to <= addDays(from, MAX_SLOT_DAYS - 1)),
    {
      error: RANGE_RULE,
    },
  ),
);

const DATE_RULE = "Give the day as ?date=YYYY-MM-DD.";
const DayQuery = z.object({
  date: z.string({ error: DATE_RULE }).check(z.refine(isCalendarDate, { error: DATE_RULE })),
});

const originOf = (c: AppContext) => new URL(c.req.url).origin;

/** Staff of this office book on someone's behalf; anyone else books as the public. */
function bookingActor(principal: Principal, office: string): Actor {
  if (staffRank(principal, office) >= RANK.clerk) return actorOf(principal);
  return { kind: "anonymous", id: null, name: null, address: principal.address };
}

/** Staff of the office and its own kiosks book without a proof of work; the public brings one. */
function bringsProof(principal: Principal, office: string): boolean {
  return staffRank(principal, office) < RANK.clerk && device(principal, office, "kiosk") === null;
}

/** The holder of a manage link: nobody by name. */
function holderActor(c: AppContext): Actor {
  return { kind: "anonymous", id: null, name: null, address: c.var.principal.address };
}

export function appointmentRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "appointmentSlots",
      method: "get",
      path: "/api/offices/{office}/services/{service}/slots",
      role: "public",
      readsCaller: true,
      summary: `Every slot of an appointment service for ?from=&to= (office-local dates, at most ${MAX_SLOT_DAYS} days), with the seats left (0 when full): none before the minimum notice or past the days bookable ahead. Staff of the office see the extra seats they may give by phone.`,
      params: { office: officeParam, service: serviceParam },
      query: SlotsQuery,
      success: { status: 200, description: "The slots", body: AppointmentSlots },
      errors: [400, 404],
    },
    (c, { params, query }) =>
      officeClient(c.env, params.office).slots(params.service, query, {
        staff: staffRank(c.var.principal, params.office) >= RANK.clerk,
      }),
  );

  // Before GET …/appointments/{token}, which would take "challenge" for a manage token.
  defineRoute(
    app,
    {
      operationId: "bookingChallenge",
      method: "get",
      path: "/api/offices/{office}/appointments/challenge",
      role: "public",
      summary:
        "A proof-of-work challenge for one public booking at this office (ALTCHA v2, SHA-256, signed; valid 20 minutes): the booking page solves it in the background and sends it back with the solution as the booking's `proof`. Staff of the office and its kiosks need none.",
      params: { office: officeParam },
      success: { status: 200, description: "The challenge", body: BookingChallenge },
      errors: [404, 503],
    },
    (c, { params }) => bookingChallenge(c.env, params.office),
  );

  defineRoute(
    app,
    {
      operationId: "bookAppointment",
      method: "post",
      path: "/api/offices/{office}/appointments",
      role: "public",
      readsCaller: true,
      summary:
        "Books a seat: the appointment, its manage link (an unguessable token, kept by the office only as a hash) and its calendar file. 409 slot_full, slot_unavailable (not a slot of the service now), too_many_bookings (per contact and service; per address and office an hour). The public sends a solved `proof` (GET …/appointments/challenge), used once: 400 proof_required without one, proof_invalid when it does not hold, has expired, is for another office or was already used. Staff of the office booking on someone's behalf get the service's extra seats, no minimum notice, no per-address limit and no proof; the office's kiosks need no proof either. A retry with the same Idempotency-Key gets the same booking under a new link.",
      params: { office: officeParam },
      body: BookAppointmentBody,
      success: { status: 201, description: "The booking", body: BookedAppointment },
      errors: [400, 404, 409, 413, 422, 429, 503],
      idempotent: true,
    },
    async (c, { params, body, idempotencyKey }) => {
      const { proof, ...booking } = body;
      const principal = c.var.principal;
      const checked = bringsProof(principal, params.office)
        ? await checkBookingProof(c.env, params.office, proof)
        : undefined;
      if (checked instanceof Response) return checked;
      return officeClient(c.env, params.office).book({
        booking,
        actor: bookingActor(principal, params.office),
        origin: originOf(c),
        idempotencyKey,
        ...(checked ? { proof: checked } : {}),
      });
    },
  );

  defineRoute(
    app,
    {
      operationId: "checkInAppointment",
      method: "post",
      path: "/api/offices/{office}/appointments/check-in",
      role: "kiosk",
      summary:
        "A person with a booking arrives (a kiosk, or a clerk at the counter, by the booking code): the ticket, as issueTicket answers, and the appointment. 409 check_in_too_early (with opensAt), check_in_too_late (with rebookUrl) or appointment_missed per the service's late-arrival rule, appointment_cancelled, appointment_checked_in; a late arrival given a ticket has lateArrival true.",
      params: { office: officeParam },
      body: CheckInBody,
      success: { status: 201, description: "The ticket", body: CheckedIn },
      errors: [400, 401, 403, 404, 409, 422, 429],
      idempotent: true,
    },
    (c, { params, body, idempotencyKey }) => {
      const principal = c.var.principal;
      return officeClient(c.env, params.office).checkIn({
        code: body.code,
        actor: actorOf(principal, device(principal, params.office, "kiosk")),
        origin: originOf(c),
        idempotencyKey,
      });
    },
  );

  defineRoute(
    app,
    {
      operationId: "dayAppointments",
      method: "get",
      path: "/api/offices/{office}/appointments",
      role: "clerk",
      summary:
        "The appointments of one local day (?date=YYYY-MM-DD), every status, by start: the person's name (null once erased) and whether they left an e-mail or a phone, never the contact itself.",
      params: { office: officeParam },
      query: DayQuery,
      success: { status: 200, description: "The day's appointments", body: DayAppointments },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).appointmentsOn(query.date),
  );

  defineRoute(
    app,
    {
      operationId: "getAppointment",
      method: "get",
      path: "/api/offices/{office}/appointments/{token}",
      role: "ticket",
      summary:
        "The booking as its holder sees it, by its manage token: the appointment with their name, contact and reason (until erased the day after), the links, and when check-in opens and closes.",
      params: { office: officeParam, token: appointmentTokenParam },
      success: { status: 200, description: "The booking", body: HeldAppointment },
      errors: [404],
    },
    (c, { params }) => officeClient(c.env, params.office).appointment(params.token, originOf(c)),
  );

  defineRoute(
    app,
    {
      operationId: "moveAppointment",
      method: "patch",
      path: "/api/offices/{office}/appointments/{token}",
      role: "ticket",
      summary:
        "The holder moves their booking to another start ({ start }): the new seat is taken and the old one freed at once, or nothing changes (409 slot_full, slot_unavailable).",
      params: { office: officeParam, token: appointmentTokenParam },
      body: MoveAppointmentBody,
      success: { status: 200, description: "The booking, moved", body: HeldAppointment },
      errors: [400, 404, 409, 413, 422],
      idempotent: true,
    },
    (c, { params, body, idempotencyKey }) =>
      officeClient(c.env, params.office).moveAppointment({
        token: params.token,
        start: body.start,
        origin: originOf(c),
        idempotencyKey,
      }),
  );

  defineRoute(
    app,
    {
      operationId: "cancelAppointment",
      method: "delete",
      path: "/api/offices/{office}/appointments/{token}",
      role: "ticket",
      summary: "The holder cancels their booking; its seat is free again at once.",
      params: { office: officeParam, token: appointmentTokenParam },
      success: { status: 200, description: "The cancelled booking", body: CancelledAppointment },
      errors: [400, 404, 409, 422],
      idempotent: true,
    },
    (c, { params, idempotencyKey }) =>
      officeClient(c.env, params.office).cancelAppointment(params.token, {
        idempotencyKey,
        address: c.var.principal.address,
      }),
  );

  defineRoute(
    app,
    {
      operationId: "appointmentCalendar",
      method: "get",
      path: "/api/offices/{office}/appointments/{token}/calendar.ics",
      role: "ticket",
      summary:
        "The booking as an iCalendar file: a stable UID, a SEQUENCE that rises with each move or cancellation, the office as LOCATION, reminders a day and an hour before; METHOD:CANCEL once cancelled.",
      params: { office: officeParam, token: appointmentTokenParam },
      success: { status: 200, description: "text/calendar", mediaType: "text/calendar" },
      errors: [404],
    },
    (c, { params }) =>
      officeClient(c.env, params.office).appointmentCalendar(params.token, originOf(c)),
  );

  defineRoute(
    app,
    {
      operationId: "checkInMyAppointment",
      method: "post",
      path: "/api/offices/{office}/appointments/{token}/check-in",
      role: "ticket",
      summary:
        "The holder says \"I'm here\" from the manage page, inside the check-in window: the ticket, as the kiosk's check-in answers, with the same refusals.",
      params: { office: officeParam, token: appointmentTokenParam },
      success: { status: 201, description: "The ticket", body: CheckedIn },
      errors: [404, 409, 422, 429],
      idempotent: true,
    },
    (c, { params, idempotencyKey }) =>
      officeClient(c.env, params.office).checkIn({
        token: params.token,
        actor: holderActor(c),
        origin: originOf(c),
        idempotencyKey,
      }),
  );

  defineRoute(
    app,
    {
      operationId: "appointmentConflicts",
      method: "get",
      path: "/api/offices/{office}/appointment-conflicts",
      role: "supervisor",
      summary:
        "The upcoming bookings that a change of the office's configuration no longer fits (a new closed date, shorter hours, a window removed or with fewer seats, a service no longer taking bookings), by start: why (conflict: service_removed, no_bookings, closed_date, outside_hours, no_window, over_seats), and the holder's name, contact and language, to tell them. Flagged in the same transaction as the change; a later change that fixes a booking clears it. Nothing is cancelled until staff say so.",
      params: { office: officeParam },
      success: { status: 200, description: "The bookings in conflict", body: AppointmentConflicts },
      errors: [401, 403, 404],
    },
    (c, { params }) => officeClient(c.env, params.office).appointmentConflicts(originOf(c)),
  );

  for (const action of ["keep", "cancel"] as const)
    defineRoute(
      app,
      {
        operationId:
          action === "keep" ? "keepConflictingAppointment" : "cancelConflictingAppointment",
        method: "post",
        path: `/api/offices/{office}/appointment-conflicts/{appointment}/${action}`,
        role: "supervisor",
        summary:
          action === "keep"
            ? "Keeps a booking in conflict: the flag goes, it stays booked, and the same reason is not raised again by later changes. 409 no_conflict when it is not (any more) in conflict, appointment_cancelled and the like when it is no longer booked."
            : "Cancels a booking in conflict for the office's reason: its seat is freed, its manage page says the office cancelled it (with the reason and a link to book again) and its calendar file turns CANCELLED with a higher SEQUENCE. Turno sends no mail: staff tell the holder (the conflicts list gives the contact). 409 no_conflict, appointment_cancelled and the like.",
        params: { office: officeParam, appointment: appointmentIdParam },
        success: {
          status: 200,
          description: "The booking as it now stands",
          body: ResolvedConflict,
        },
        errors: [401, 403, 404, 409],
      },
      (c, { params }) =>
        officeClient(c.env, params.office).resolveConflict({
          id: params.appointment,
          action,
          actor: actorOf(c.var.principal),
        }),
    );
}
