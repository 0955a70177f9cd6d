import type { Actor } from "../../shared/protocol/auth";
import { isCalendarDate } from "../../shared/protocol/wall-time";
import { randomToken, sha256 } from "../auth/encoding";
import { errorBody } from "../http/errors";
import type { AppointmentCheckIn } from "./appointment-check-in";
import type { Bookings, FreshToken } from "./bookings";
import {
  AppointmentToken,
  BookRequest,
  CheckInRequest,
  MoveRequest,
  OFFICE_PATHS,
  ResolveConflictRequest,
} from "./internal";
import { type InternalRouter, internalBody } from "./internal-router";
import { answerResponse } from "./responses";

export interface AppointmentRequestParts {
  bookings: Bookings;
  checkIn: AppointmentCheckIn;
}

/** The holder of a manage link, as the audit log and the check-in's channel see them. */
const holder = (address: string | null): Actor => ({
  kind: "anonymous",
  id: null,
  name: "appointment holder",
  address,
});

const badRequest = (message: string) =>
  Response.json(errorBody("invalid_request", message), { status: 400 });

/** 128 random bits for a manage link, and the hash that is all the office keeps of it. */
async function freshToken(): Promise<FreshToken> {
  const token = randomToken("", 16);
  return { token, hash: await sha256(token) };
}

/** The manage token of a request, checked, with its hash (computed before any transaction). */
async function tokenOf(value: string | null): Promise<{ token: string; hash: string } | null> {
  const parsed = AppointmentToken.safeParse(value);
  return parsed.success ? { token: parsed.data, hash: await sha256(parsed.data) } : null;
}

const unknownLink = () =>
  Response.json(errorBody("unknown_appointment", "No appointment has this link."), {
    status: 404,
  });

/** The office's appointment paths (internal.ts), on the office's one router. */
export function appointmentRequests(
  router: InternalRouter,
  { bookings, checkIn }: AppointmentRequestParts,
): InternalRouter {
  return router
    .on("GET", OFFICE_PATHS.slots, (_request, url) => {
      const from = url.searchParams.get("from") ?? "";
      const to = url.searchParams.get("to") ?? "";
      if (!isCalendarDate(from) || !isCalendarDate(to)) return badRequest("from and to: dates");
      const serviceId = url.searchParams.get("serviceId") ?? "";
      const staff = url.searchParams.get("staff") === "1";
      return answerResponse(bookings.slots(serviceId, { from, to }, staff));
    })
    .on("POST", OFFICE_PATHS.appointments, async (request) => {
      const body = await internalBody(request, BookRequest);
      if (!body.ok) return body.response;
      const { booking, proof, ...caller } = body.value;
      return answerResponse(bookings.book(booking, caller, await freshToken(), proof));
    })
    .on("GET", OFFICE_PATHS.appointments, (_request, url) => {
      const date = url.searchParams.get("date") ?? "";
      if (!isCalendarDate(date)) return badRequest("date: a day of the calendar, YYYY-MM-DD");
      return answerResponse(bookings.day(date));
    })
    .on("GET", OFFICE_PATHS.appointment, async (_request, url) => {
      const link = await tokenOf(url.searchParams.get("token"));
      if (!link) return unknownLink();
      const origin = url.searchParams.get("origin") ?? undefined;
      return answerResponse(bookings.held(link.hash, link.token, origin));
    })
    .on("PATCH", OFFICE_PATHS.appointment, async (request) => {
      const body = await internalBody(request, MoveRequest);
      if (!body.ok) return body.response;
      const { token, start, origin, idempotencyKey } = body.value;
      const hash = await sha256(token);
      return answerResponse(
        bookings.move(hash, token, start, { actor: holder(null), origin, idempotencyKey }),
      );
    })
    .on("DELETE", OFFICE_PATHS.appointment, async (_request, url) => {
      const link = await tokenOf(url.searchParams.get("token"));
      if (!link) return unknownLink();
      return answerResponse(
        bookings.cancel(link.hash, {
          actor: holder(url.searchParams.get("address")),
          idempotencyKey: url.searchParams.get("idempotencyKey") ?? undefined,
        }),
      );
    })
    .on("GET", OFFICE_PATHS.appointmentCalendar, async (_request, url) => {
      const link = await tokenOf(url.searchParams.get("token"));
      if (!link) return unknownLink();
      return bookings.calendar(link.hash, link.token, url.searchParams.get("origin") ?? undefined);
    })
    .on("GET", OFFICE_PATHS.conflicts, (_request, url) =>
      answerResponse(bookings.conflicts(url.searchParams.get("origin") ?? undefined)),
    )
    .on("POST", OFFICE_PATHS.conflicts, async (request) => {
      const body = await internalBody(request, ResolveConflictRequest);
      if (!body.ok) return body.response;
      const { id, action, actor } = body.value;
      return answerResponse(bookings.resolveConflict(id, action, actor));
    })
    .on("POST", OFFICE_PATHS.checkIn, async (request) => {
      const body = await internalBody(request, CheckInRequest);
      if (!body.ok) return body.response;
      const { code, token, ...caller } = body.value;
      const arrival = code !== undefined ? { code } : { tokenHash: await sha256(token ?? "") };
      return answerResponse(checkIn.checkIn(arrival, caller));
    });
}
