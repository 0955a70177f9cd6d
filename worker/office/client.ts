import type { Actor } from "../../shared/protocol/auth";
import type { Command, CommandInput } from "../../shared/protocol/commands";
import { errorResponse } from "../http/errors";
import {
  type AuditRequest,
  type BookRequest,
  type CheckInRequest,
  INTERNAL_ORIGIN,
  LIVE_GRANT_HEADER,
  type LiveGrant,
  type MoveRequest,
  OFFICE_PATHS,
  type ResolveConflictRequest,
  type RevokeRequest,
  type WebhookRequest,
} from "./internal";
import type { Office } from "./office";
import type { CommandReply } from "./office-requests";
import { jsonAnswer } from "./responses";

/** The messages the Directory sends an office, and a socket's grant, for callers outside office/. */
export type { AuditRequest, LiveGrant, RevokeRequest } from "./internal";

/** Who asked for a command, and what the office needs to answer it. */
export interface CommandContext {
  actor: Actor;
  idempotencyKey?: string | undefined;
  /** Public origin of the API, for links such as the ticket's tracking URL. */
  origin?: string | undefined;
}

/**
 * The one typed way into an office object, for the routes and the Directory.
 *
 * Most calls speak HTTP to the object (its own small router, internal.ts):
 * their answers go straight back to the browser as they are (status,
 * Retry-After, the CSV as a stream, the socket upgrade), which fetch carries
 * natively. Queue commands, the hot path (every ticket issued, every call),
 * go by RPC (Office.runCommand) and the Worker builds the answer: on `npm run
 * serve`, where the Worker and the office share one thread, that took server
 * CPU per ticket issued over HTTP to 0.64× and issues/s to 1.35× of the
 * fetch path (`npm run bench:ab`, 10 pairs; an earlier measurement under
 * wrangler dev had found fetch the cheaper). The Directory is
 * reached by RPC too: its answers are values (principals, sessions) that the
 * Worker builds its own responses from.
 */
export class OfficeClient {
  private readonly stub: DurableObjectStub<Office>;

  constructor(
    env: Env,
    private readonly officeId: string,
  ) {
    this.stub = env.Office.getByName(officeId);
  }

  /** Runs one queue command; the answer is the HTTP answer to give the caller. */
  async command(command: Command | CommandInput, context: CommandContext): Promise<Response> {
    let reply: CommandReply;
    try {
      reply = await this.stub.runCommand({
        command,
        idempotencyKey: context.idempotencyKey,
        origin: context.origin,
        actor: context.actor,
      });
    } catch (error) {
      console.error("office failed", error);
      return officeUnavailable();
    }
    return jsonAnswer(reply.status, reply.json, reply.headers);
  }

  /** The public office view: configuration and live snapshot, public tickets only. */
  view(): Promise<Response> {
    return this.get(OFFICE_PATHS.view);
  }

  /** The ticket as its holder sees it, by its tracking token. */
  ticket(token: string): Promise<Response> {
    return this.get(OFFICE_PATHS.ticket, { token });
  }

  /** The holder gives up their place. */
  cancelTicket(
    token: string,
    options: { idempotencyKey?: string | undefined; address: string },
  ): Promise<Response> {
    return this.call("DELETE", OFFICE_PATHS.ticket, {
      token,
      idempotencyKey: options.idempotencyKey,
      address: options.address,
    });
  }

  /** The holder's feedback after service (the body is checked again by the office). */
  giveFeedback(token: string, body: unknown): Promise<Response> {
    return this.send("POST", `${OFFICE_PATHS.feedback}?${new URLSearchParams({ token })}`, body);
  }

  /** The feedback figures over a range of local dates. */
  feedbackReport(query: { from: string; to: string }): Promise<Response> {
    return this.get(OFFICE_PATHS.feedbackReport, query);
  }

  /** Every feedback answer of a range as CSV. */
  feedbackCsv(query: { from: string; to: string; format?: string | undefined }): Promise<Response> {
    return this.get(OFFICE_PATHS.feedbackCsv, query);
  }

  /** The office's audit log, newest first. */
  auditEntries(query: { limit: number; before?: number | undefined }): Promise<Response> {
    return this.get(OFFICE_PATHS.audit, {
      limit: String(query.limit),
      before: query.before === undefined ? undefined : String(query.before),
    });
  }

  /** Records a staff action that happened elsewhere (a sign-in, a pairing) in this office's log. */
  async appendAudit(entry: AuditRequest): Promise<void> {
    await (await this.post(OFFICE_PATHS.audit, entry)).body?.cancel();
  }

  /** Closes the sockets a revocation names; answers how many were closed. */
  async revoke(revocation: RevokeRequest): Promise<number> {
    const answer = await this.post(OFFICE_PATHS.revoke, revocation);
    const body = (await answer.json()) as { closed?: number };
    return body.closed ?? 0;
  }

  /** Imports past tickets (and bookings) for the reports. */
  importHistory(history: {
    tickets: unknown[];
    appointments?: unknown[] | undefined;
  }): Promise<Response> {
    return this.post(OFFICE_PATHS.history, history);
  }

  /** The report over a range of local dates. */
  report(query: {
    from: string;
    to: string;
    onTimeMinutes?: number | undefined;
  }): Promise<Response> {
    const { onTimeMinutes, ...range } = query;
    return this.get(
      OFFICE_PATHS.report,
      onTimeMinutes === undefined ? range : { ...range, onTimeMinutes: String(onTimeMinutes) },
    );
  }

  /** Every ticket of a range as CSV, streamed. */
  ticketsCsv(query: { from: string; to: string; format?: string | undefined }): Promise<Response> {
    return this.get(OFFICE_PATHS.ticketsCsv, query);
  }

  /** Every booking of a range as CSV, without personal data, streamed. */
  appointmentsCsv(query: {
    from: string;
    to: string;
    format?: string | undefined;
  }): Promise<Response> {
    return this.get(OFFICE_PATHS.appointmentsCsv, query);
  }

  /** Today's figures for the dashboard. */
  today(): Promise<Response> {
    return this.get(OFFICE_PATHS.today);
  }

  /** A service's slots of a range of local dates, with the seats left (staff see their extra seats). */
  slots(
    serviceId: string,
    range: { from: string; to: string },
    options: { staff: boolean },
  ): Promise<Response> {
    return this.get(OFFICE_PATHS.slots, {
      serviceId,
      ...range,
      staff: options.staff ? "1" : undefined,
    });
  }

  /** Books a seat; the actor says whether staff book on someone's behalf. */
  book(request: BookRequest): Promise<Response> {
    return this.post(OFFICE_PATHS.appointments, request);
  }

  /** A local day's appointments, for staff. */
  appointmentsOn(date: string): Promise<Response> {
    return this.get(OFFICE_PATHS.appointments, { date });
  }

  /** The booking as its holder sees it, by its manage token. */
  appointment(token: string, origin: string): Promise<Response> {
    return this.get(OFFICE_PATHS.appointment, { token, origin });
  }

  /** The holder moves their booking to another start. */
  moveAppointment(request: MoveRequest): Promise<Response> {
    return this.send("PATCH", OFFICE_PATHS.appointment, request);
  }

  /** The holder cancels their booking. */
  cancelAppointment(
    token: string,
    options: { idempotencyKey?: string | undefined; address: string },
  ): Promise<Response> {
    return this.call("DELETE", OFFICE_PATHS.appointment, {
      token,
      idempotencyKey: options.idempotencyKey,
      address: options.address,
    });
  }

  /** The booking as an iCalendar file. */
  appointmentCalendar(token: string, origin: string): Promise<Response> {
    return this.get(OFFICE_PATHS.appointmentCalendar, { token, origin });
  }

  /** The upcoming bookings a change of configuration no longer fits, for staff. */
  appointmentConflicts(origin: string): Promise<Response> {
    return this.get(OFFICE_PATHS.conflicts, { origin });
  }

  /** Staff keep a booking in conflict, or cancel it for the office's reason. */
  resolveConflict(request: ResolveConflictRequest): Promise<Response> {
    return this.post(OFFICE_PATHS.conflicts, request);
  }

  /** An arrival, by code (kiosk, counter) or by the holder's link: the ticket it gives. */
  checkIn(request: CheckInRequest): Promise<Response> {
    return this.post(OFFICE_PATHS.checkIn, request);
  }

  /** The office's webhook endpoints (never their secrets). */
  webhooks(): Promise<Response> {
    return this.get(OFFICE_PATHS.webhooks);
  }

  /** One endpoint's delivery log, newest first. */
  webhookDeliveries(id: string): Promise<Response> {
    return this.get(OFFICE_PATHS.webhookDeliveries, { id });
  }

  /** Creates, changes, removes, rotates or tests an endpoint. */
  changeWebhooks(request: WebhookRequest): Promise<Response> {
    return this.post(OFFICE_PATHS.webhooks, request);
  }

  /**
   * Hands a checked socket upgrade to the office with its grant: who it is
   * and what it may do. The office trusts only this header, which the Worker
   * always replaces.
   */
  live(upgrade: Request, grant: LiveGrant): Promise<Response> {
    const headers = new Headers(upgrade.headers);
    headers.set(LIVE_GRANT_HEADER, JSON.stringify(grant));
    return this.stub.fetch(new Request(upgrade.url, { method: "GET", headers }));
  }

  private get(path: string, query: Record<string, string | undefined> = {}): Promise<Response> {
    return this.call("GET", path, query);
  }

  private post(path: string, body: unknown): Promise<Response> {
    return this.send("POST", path, body);
  }

  private send(method: "POST" | "PATCH", path: string, body: unknown): Promise<Response> {
    return passThrough(
      this.stub.fetch(`${INTERNAL_ORIGIN}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  }

  private call(
    method: "GET" | "DELETE",
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<Response> {
    const url = new URL(`${INTERNAL_ORIGIN}${path}`);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, value);
    return passThrough(this.stub.fetch(url.toString(), { method }));
  }

  toString(): string {
    return `OfficeClient(${this.officeId})`;
  }
}

/** The client for one office; each office is one Durable Object named by its id. */
export function officeClient(env: Env, officeId: string): OfficeClient {
  return new OfficeClient(env, officeId);
}

/**
 * The office object's answer, passed through, except a failure it did not
 * shape itself (e.g. a start-up error): that becomes the standard error body,
 * never a stack trace.
 */
async function passThrough(response: Promise<Response>): Promise<Response> {
  const answer = await response;
  if (answer.status < 500 || answer.headers.get("content-type")?.includes("application/json"))
    return answer;
  console.error("office failed", answer.status, await answer.text());
  return officeUnavailable();
}

const officeUnavailable = () =>
  errorResponse(
    503,
    "office_unavailable",
    "This office cannot answer right now; try again shortly.",
  );
