import type * as z from "zod/mini";
import { readErrorBody } from "../../shared/client/error-body";
import {
  AppointmentSlots,
  type BookAppointmentBody,
  BookedAppointment,
  CancelledAppointment,
  CheckedIn,
  HeldAppointment,
} from "../../shared/protocol/appointments";
import { MeView } from "../../shared/protocol/auth";
import { BookingChallenge } from "../../shared/protocol/booking-proof";
import { OWN_PAGE_HEADER } from "../../shared/protocol/wire-constants";
import { BookingOffice } from "./booking-office";

/** The one network call the page makes, injected so that tests can answer as the office would. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * What a call came to: an answer in the shape expected; a refusal with the
 * server's stable code (its English message is never shown); or no answer
 * (offline, a timeout, a server error), after which the same request with the
 * same Idempotency-Key is safe to send again.
 */
export type ApiResult<T> =
  | { kind: "ok"; value: T }
  | { kind: "refused"; status: number; code: string; body: unknown }
  | { kind: "unreachable" };

/** Longer than a busy office takes to answer, shorter than a person waits before tapping again. */
const TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The appointment routes of the API contract, over the given fetch. */
export function createAppointmentsApi(fetchImpl: FetchLike, timeoutMs = TIMEOUT_MS) {
  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodMiniType<T>,
    options: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    // Marks the request as our own page's where old engines send `Origin: null` (worker/http/same-site.ts).
    if (method !== "GET") headers[OWN_PAGE_HEADER] = "1";
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    let response: Response;
    let body: unknown;
    try {
      response = await withTimeout(
        fetchImpl(path, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          credentials: "same-origin",
          cache: "no-store",
        }),
        timeoutMs,
      );
      body = await withTimeout(
        response.json().catch(() => null),
        timeoutMs,
      );
    } catch {
      return { kind: "unreachable" };
    }
    if (response.status >= 500) return { kind: "unreachable" };
    if (response.ok) {
      const parsed = schema.safeParse(body);
      return parsed.success
        ? { kind: "ok", value: parsed.data }
        : { kind: "refused", status: response.status, code: "unreadable_answer", body };
    }
    const code =
      response.status === 429 ? "too_many_requests" : (readErrorBody(body)?.code ?? "generic");
    return { kind: "refused", status: response.status, code, body };
  }

  const office = (officeId: string) => `/api/offices/${encodeURIComponent(officeId)}`;
  const held = (officeId: string, token: string) =>
    `${office(officeId)}/appointments/${encodeURIComponent(token)}`;

  return {
    office: (officeId: string) => call("GET", office(officeId), BookingOffice),

    /** Who is signed in on this browser (401 for the public): staff book on someone's behalf. */
    me: () => call("GET", "/api/auth/me", MeView),

    /** A proof-of-work challenge for one public booking. */
    challenge: (officeId: string) =>
      call("GET", `${office(officeId)}/appointments/challenge`, BookingChallenge),

    /** Every start of the days from `from` to `to` (office-local dates), full ones included. */
    slots: (officeId: string, serviceId: string, from: string, to: string) =>
      call(
        "GET",
        `${office(officeId)}/services/${encodeURIComponent(serviceId)}/slots?from=${from}&to=${to}`,
        AppointmentSlots,
      ),

    book: (officeId: string, request: BookAppointmentBody, idempotencyKey: string) =>
      call("POST", `${office(officeId)}/appointments`, BookedAppointment, {
        body: request,
        idempotencyKey,
      }),

    view: (officeId: string, token: string) => call("GET", held(officeId, token), HeldAppointment),

    move: (officeId: string, token: string, start: number, idempotencyKey: string) =>
      call("PATCH", held(officeId, token), HeldAppointment, {
        body: { start },
        idempotencyKey,
      }),

    cancel: (officeId: string, token: string, idempotencyKey: string) =>
      call("DELETE", held(officeId, token), CancelledAppointment, { idempotencyKey }),

    checkIn: (officeId: string, token: string, idempotencyKey: string) =>
      call("POST", `${held(officeId, token)}/check-in`, CheckedIn, {
        body: {},
        idempotencyKey,
      }),
  };
}

export type AppointmentsApi = ReturnType<typeof createAppointmentsApi>;
