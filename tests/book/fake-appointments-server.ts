import type { FetchLike } from "../../book/model/appointments-api";
import { checkInWindow } from "../../shared/booking/check-in";
import { slotAt, slotsFor } from "../../shared/booking/slots";
import type { BookingConfigInput, OfficeConfig } from "../../shared/protocol";
import type { Ticket } from "../../shared/protocol/ticket";
import { BOOKED, bookingOffice } from "../engine/booking-helpers";

/*
 * An office that answers the appointment routes as the API contract says
 * (README, "HTTP API"): slots from the real generator with seats taken away
 * by bookings, Idempotency-Key replays, the refusals with their codes, the
 * check-in window. In memory, for the booking page's model in Node.
 */

export const OFFICE = "scandicci";
export const SERVICE = BOOKED;
export const ORIGIN = "https://turno.example";

/** Edilizia by appointment: weekday mornings 09:00–12:00, 20-minute slots, 2 seats, two weeks ahead. */
export const BOOKING: BookingConfigInput = {
  windows: {
    mon: [{ start: "09:00", end: "12:00", seats: 2 }],
    tue: [{ start: "09:00", end: "12:00", seats: 2 }],
    wed: [{ start: "09:00", end: "12:00", seats: 2 }],
    thu: [{ start: "09:00", end: "12:00", seats: 2 }],
    fri: [{ start: "09:00", end: "12:00", seats: 2 }],
  },
  slotMinutes: 20,
  daysAhead: 14,
  minNoticeMinutes: 60,
  checkIn: { earlyMinutes: 30, lateMinutes: 10 },
};

/** Monday 2026-12-07, 08:00 in Rome (07:00 UTC). */
export const MONDAY_8 = Date.UTC(2026, 11, 7, 7, 0);

interface Booking {
  token: string;
  id: string;
  code: string;
  serviceId: string;
  start: number;
  startLocal: string;
  status: "booked" | "checked-in" | "missed" | "cancelled";
  name: string;
  email?: string;
  phone?: string;
  reason?: string;
  lang?: string;
  ticketCode: string | null;
}

interface FakeProof {
  challenge: { parameters: { nonce: string } };
  solution: { derivedKey: string };
}

interface Recorded {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: unknown;
}

/** What the network does to the next request: nothing, drop it before the office, or lose the answer after. */
export type NetworkTrouble = "none" | "offline" | "answer-lost";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refusal = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { error: { code, message: `${code} (the server's English)`, ...extra } });

const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export class FakeAppointmentsServer {
  now = MONDAY_8;
  readonly config: OfficeConfig;
  readonly bookings: Booking[] = [];
  readonly requests: Recorded[] = [];
  /** What happens to the next request on the way; back to "none" after it. */
  nextTrouble: NetworkTrouble = "none";
  private readonly replies = new Map<string, { request: string; status: number; body: unknown }>();
  private counter = 0;
  private tickets = 0;
  /** Staff of the office signed in on this browser (GET /api/auth/me), or nobody. */
  staff: { name: string } | null = null;
  /** Proof-of-work challenges given (by nonce, with their expiry in epoch ms) and those used. */
  private readonly challenges = new Map<string, number>();
  private readonly usedProofs = new Set<string>();

  constructor(booking: BookingConfigInput = BOOKING) {
    this.config = bookingOffice(booking, { languages: ["it", "en"] });
  }

  /** The page's fetch. */
  readonly fetch: FetchLike = async (url, init) => {
    const method = init.method ?? "GET";
    const headers = new Headers(init.headers);
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const idempotencyKey = headers.get("idempotency-key");
    this.requests.push({ method, path: url, idempotencyKey, body });
    const trouble = this.nextTrouble;
    this.nextTrouble = "none";
    if (trouble === "offline") throw new TypeError("Failed to fetch");
    const answer = this.answer(method, url, body, idempotencyKey);
    if (trouble === "answer-lost") throw new TypeError("network connection was lost");
    return answer;
  };

  /** Someone else books a seat (another phone, the counter). */
  takeSeat(start: number, contact = `other${this.counter}@example.org`): void {
    const made = this.book({ serviceId: SERVICE, start, name: "Someone else", email: contact });
    if (made.status !== 201) throw new Error(`could not take a seat: ${made.status}`);
  }

  seatsLeft(start: number): number {
    const slot = slotAt(this.config, SERVICE, start, this.now);
    return slot ? slot.seats - this.activeAt(SERVICE, start) : 0;
  }

  private activeAt(serviceId: string, start: number, except?: Booking): number {
    return this.bookings.filter(
      (b) =>
        b !== except &&
        b.serviceId === serviceId &&
        b.start === start &&
        (b.status === "booked" || b.status === "checked-in"),
    ).length;
  }

  private answer(method: string, url: string, body: unknown, key: string | null): Response {
    const path = new URL(url, ORIGIN);
    const parts = path.pathname.split("/").filter(Boolean);
    if (method === "GET" && path.pathname === "/api/auth/me") return this.me();
    if (parts[0] !== "api" || parts[1] !== "offices") return refusal(404, "not_found");
    if (parts[2] !== OFFICE) return refusal(404, "unknown_office");
    const rest = parts.slice(3);
    if (method === "GET" && rest.length === 0) return json(200, this.officeView());
    if (method === "GET" && rest[0] === "services" && rest[2] === "slots") {
      return this.slots(rest[1] ?? "", path.searchParams);
    }
    if (rest[0] !== "appointments") return refusal(404, "not_found");
    if (method === "GET" && rest[1] === "challenge") return json(200, this.challenge());
    const booking = method === "POST" && rest.length === 1;
    const { proof, ...withoutProof } = (body ?? {}) as { proof?: FakeProof };
    if (booking && !this.staff) {
      // As the Worker does before the office: a proof there, of ours, not expired.
      if (!proof) return refusal(400, "proof_required");
      const expires = this.challenges.get(proof.challenge?.parameters?.nonce ?? "");
      if (expires === undefined || expires <= this.now || proof.solution?.derivedKey !== "ab")
        return refusal(400, "proof_invalid");
    }
    if (method !== "GET") {
      if (!key) return refusal(400, "invalid_request");
      // The proof is not part of what a key stands for: a retry may carry a new one.
      const request = `${method} ${path.pathname} ${JSON.stringify(booking ? withoutProof : body)}`;
      const earlier = this.replies.get(key);
      if (earlier) {
        return earlier.request === request
          ? json(earlier.status, earlier.body)
          : refusal(422, "idempotency_key_reused");
      }
      if (booking && proof && !this.staff) {
        const nonce = proof.challenge.parameters.nonce;
        if (this.usedProofs.has(nonce)) return refusal(400, "proof_invalid");
        this.usedProofs.add(nonce);
      }
      const response = this.change(method, rest, body);
      this.replies.set(key, { request, status: response.status, body: response.body });
      return json(response.status, response.body);
    }
    const held = this.byToken(rest[1]);
    if (!held) return refusal(404, "unknown_appointment");
    return json(200, this.heldView(held));
  }

  private change(method: string, rest: string[], body: unknown): { status: number; body: unknown } {
    if (method === "POST" && rest.length === 1) return this.book(body);
    const held = this.byToken(rest[1]);
    if (!held) return { status: 404, body: { error: { code: "unknown_appointment" } } };
    if (method === "PATCH" && rest.length === 2) return this.move(held, body);
    if (method === "DELETE" && rest.length === 2) {
      if (held.status !== "booked") return { status: 409, body: this.err(this.endedCode(held)) };
      held.status = "cancelled";
      return { status: 200, body: { appointment: this.view(held) } };
    }
    if (method === "POST" && rest[2] === "check-in") return this.checkIn(held);
    return { status: 404, body: this.err("not_found") };
  }

  /** How many challenges the page asked for. */
  get challengesGiven(): number {
    return this.challenges.size;
  }

  private me(): Response {
    if (!this.staff) return refusal(401, "not_signed_in");
    return json(200, {
      account: {
        id: "acc_0123456789abcdef",
        username: "mrossi",
        displayName: this.staff.name,
        disabled: false,
        grants: [{ office: OFFICE, role: "clerk" }],
        createdAt: 0,
      },
      session: { idleExpiresAt: this.now + 3_600_000, expiresAt: this.now + 43_200_000 },
    });
  }

  /** A challenge shaped as the office's; the page's solver in these tests answers "ab". */
  private challenge() {
    const nonce = (this.challenges.size + 1).toString(16).padStart(32, "0");
    const expiresAt = this.now + 20 * 60_000;
    this.challenges.set(nonce, expiresAt);
    return {
      parameters: {
        algorithm: "SHA-256",
        nonce,
        salt: "00".repeat(16),
        cost: 1,
        keyLength: 32,
        keyPrefix: "00".repeat(16),
        keySignature: "00".repeat(32),
        expiresAt: Math.floor(expiresAt / 1000),
        data: { office: OFFICE },
      },
      signature: "00".repeat(32),
    };
  }

  private endedCode(held: Booking): string {
    switch (held.status) {
      case "checked-in":
        return "appointment_checked_in";
      case "missed":
        return "appointment_missed";
      case "cancelled":
      case "booked":
        return "appointment_cancelled";
    }
  }

  private err(code: string, extra: Record<string, unknown> = {}) {
    return { error: { code, message: `${code} (the server's English)`, ...extra } };
  }

  private book(raw: unknown): { status: number; body: unknown } {
    const body = raw as Partial<Booking> & { start?: number };
    if (
      typeof body.name !== "string" ||
      body.name.length < 1 ||
      body.name.length > 80 ||
      typeof body.start !== "number" ||
      (!body.email && !body.phone) ||
      (body.reason !== undefined && body.reason.length > 200)
    )
      return { status: 400, body: this.err("invalid_request") };
    if (body.serviceId !== SERVICE) return { status: 404, body: this.err("unknown_service") };
    const slot = slotAt(this.config, SERVICE, body.start, this.now);
    if (!slot) return { status: 409, body: this.err("slot_unavailable") };
    if (this.activeAt(SERVICE, body.start) >= slot.seats)
      return { status: 409, body: this.err("slot_full") };
    const contact = body.email ?? body.phone;
    const sameContact = this.bookings.filter(
      (b) => b.status === "booked" && (b.email ?? b.phone) === contact,
    );
    if (sameContact.length >= 1) return { status: 409, body: this.err("too_many_bookings") };
    this.counter += 1;
    const booking: Booking = {
      token: `${"t".repeat(20)}${String(this.counter).padStart(2, "0")}`,
      id: `appt-${this.counter}`,
      code: Array.from(
        { length: 6 },
        (_, i) => CODE_ALPHABET[(this.counter * 7 + i * 5) % CODE_ALPHABET.length],
      ).join(""),
      serviceId: SERVICE,
      start: body.start,
      startLocal: slot.startLocal,
      status: "booked",
      name: body.name,
      ...(body.email ? { email: body.email } : {}),
      ...(body.phone ? { phone: body.phone } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.lang ? { lang: body.lang } : {}),
      ticketCode: null,
    };
    this.bookings.push(booking);
    return {
      status: 201,
      body: {
        appointment: this.view(booking),
        token: booking.token,
        manageUrl: `${ORIGIN}/a/${OFFICE}/${booking.token}`,
        calendarUrl: `${ORIGIN}/api/offices/${OFFICE}/appointments/${booking.token}/calendar.ics`,
      },
    };
  }

  private move(held: Booking, raw: unknown): { status: number; body: unknown } {
    const start = (raw as { start?: unknown }).start;
    if (typeof start !== "number") return { status: 400, body: this.err("invalid_request") };
    if (held.status !== "booked") return { status: 409, body: this.err(this.endedCode(held)) };
    const slot = slotAt(this.config, SERVICE, start, this.now);
    if (!slot) return { status: 409, body: this.err("slot_unavailable") };
    if (this.activeAt(SERVICE, start, held) >= slot.seats)
      return { status: 409, body: this.err("slot_full") };
    held.start = start;
    held.startLocal = slot.startLocal;
    return { status: 200, body: this.heldView(held) };
  }

  private checkIn(held: Booking): { status: number; body: unknown } {
    if (held.status !== "booked") return { status: 409, body: this.err(this.endedCode(held)) };
    const window = this.window(held);
    if (this.now < window.opensAt)
      return { status: 409, body: this.err("check_in_too_early", { opensAt: window.opensAt }) };
    if (this.now > window.closesAt) return { status: 409, body: this.err("check_in_too_late") };
    this.tickets += 1;
    const code = `G${String(this.tickets).padStart(3, "0")}`;
    held.status = "checked-in";
    held.ticketCode = code;
    const ticket: Ticket = {
      id: `2026-12-07-${code}`,
      code,
      serviceId: SERVICE,
      priority: false,
      status: "waiting",
      lang: null,
      channel: "remote",
      issuedAt: this.now,
      queuedAt: this.now,
      targetCounterId: null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: 0,
      appointment: { id: held.id, slotStart: held.start },
    };
    return {
      status: 201,
      body: {
        ticket,
        token: `ticket-token-${this.tickets}`.padEnd(22, "x"),
        trackingUrl: `${ORIGIN}/t/${OFFICE}/ticket-token-${this.tickets}`,
        peopleAhead: 0,
        estimatedWaitSeconds: null,
        appointment: this.view(held),
        // The office always says whether the check-in came after its window (the contract).
        lateArrival: false,
      },
    };
  }

  private window(held: Booking) {
    const booking = this.config.services.find((s) => s.id === held.serviceId)?.booking;
    if (!booking) throw new Error("no booking settings");
    return checkInWindow(held.start, booking.checkIn);
  }

  private byToken(token: string | undefined): Booking | undefined {
    return this.bookings.find((b) => b.token === token);
  }

  private view(b: Booking) {
    return {
      id: b.id,
      code: b.code,
      serviceId: b.serviceId,
      start: b.start,
      startLocal: b.startLocal,
      status: b.status,
      ticketCode: b.ticketCode,
    };
  }

  private heldView(b: Booking) {
    return {
      appointment: {
        ...this.view(b),
        name: b.name,
        contact: { ...(b.email ? { email: b.email } : {}), ...(b.phone ? { phone: b.phone } : {}) },
        ...(b.reason ? { reason: b.reason } : {}),
      },
      manageUrl: `${ORIGIN}/a/${OFFICE}/${b.token}`,
      calendarUrl: `${ORIGIN}/api/offices/${OFFICE}/appointments/${b.token}/calendar.ics`,
      checkIn: this.window(b),
    };
  }

  private officeView() {
    return {
      id: OFFICE,
      name: this.config.name,
      timeZone: this.config.timeZone,
      languages: this.config.languages,
      serverTime: this.now,
      services: this.config.services.map((s) => ({
        ...s,
        waiting: 0,
        estimatedWaitSeconds: null,
        averageServiceSeconds: 600,
      })),
    };
  }

  private slots(serviceId: string, query: URLSearchParams): Response {
    if (!this.config.services.some((s) => s.id === serviceId))
      return refusal(404, "unknown_service");
    const from = query.get("from") ?? "";
    const to = query.get("to") ?? "";
    const slots = slotsFor(this.config, serviceId, { from, to }, this.now).map((slot) => ({
      start: slot.start,
      startLocal: slot.startLocal,
      seatsLeft: slot.seats - this.activeAt(serviceId, slot.start),
    }));
    return json(200, { slots });
  }
}
