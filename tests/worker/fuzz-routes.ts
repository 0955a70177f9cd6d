import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { BookingProof } from "../../shared/protocol/booking-proof";
import {
  appointmentOfficeConfig,
  bookSomewhere,
  officeDays,
  slotsOf,
  solvedProof,
} from "./appointment-helpers";
import {
  type BodySpec,
  bodyArb,
  type HeaderSpec,
  headersArb,
  type JsonSchema,
  pathParamArb,
  routeQueryArb,
} from "./fuzz-arbitraries";
import {
  COUNTERS,
  call,
  countRequests,
  expectPlannedShare,
  expectSoundAnswer,
  type FUZZ_PLAN,
  Person,
  params,
  planFor,
  SERVICES,
  type Sent,
  send,
  TIMEOUT,
} from "./fuzz-harness";
import { Observer } from "./fuzz-invariants";
import {
  api,
  type Credentials,
  createOffice,
  credentialHeaders,
  issueTicket,
  newOfficeId,
  ORIGIN,
  pairedDevice,
  signedIn,
} from "./helpers";

/**
 * Issue 3, point 6, for every HTTP route: whatever arrives — any path
 * parameter, query, header or body, from any kind of caller — the answer is
 * never a 5xx, is JSON, and refusals are `{ error: { code, message } }`. The
 * routes come from /api/openapi.json, so a new route is fuzzed as soon as it
 * is defined; fuzz-routes-1…3.test.ts each take a third of them
 * (fuzzRouteSlice), fuzz.test.ts the unknown paths and "a refused request
 * changes nothing".
 */

// ── The routes, from the OpenAPI document ────────────────────────────────

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  role: string;
  params: string[];
  /** Query parameters the summary names (`?from=&to=`, `?role=`): the document has no list of them. */
  query: string[];
  body: JsonSchema | undefined;
  /** A WebSocket endpoint (its summary says so): tried mostly as an upgrade. */
  socket: boolean;
  /** Media types of the success answer other than JSON, when the document names one (e.g. text/csv). */
  successTypes: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        "x-turno-role": string;
        summary: string;
        requestBody?: { content: { "application/json": { schema: JsonSchema } } };
        responses: Record<string, { description: string; content?: Record<string, unknown> }>;
      }
    >
  >;
}

const openApi = await api<OpenApiDocument>("GET", "/openapi.json");
export const OPERATIONS: Operation[] = Object.entries(openApi.body.paths).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      role: op["x-turno-role"],
      params: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
      query: [...new Set([...op.summary.matchAll(/[?&]([a-z]\w*)=/g)].map((match) => match[1]!))],
      body: op.requestBody?.content["application/json"].schema,
      socket: /websocket/i.test(op.summary),
      successTypes: Object.entries(op.responses)
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([, response]) =>
          response.content
            ? Object.keys(response.content)
            : /^[a-z]+\/[\w.+-]+$/.test(response.description)
              ? [response.description]
              : [],
        ),
    })),
);
export const MUTATING = OPERATIONS.filter((op) => op.method !== "GET");

// ── Callers and fixtures ─────────────────────────────────────────────────

export type CallerName = "operator" | "anonymous" | "clerk" | "kiosk";
export const CALLERS: CallerName[] = ["operator", "anonymous", "clerk", "kiosk"];

export interface Victim {
  accountId: string;
  deviceId: string;
}

export interface OfficeFixture {
  id: string;
  clerk: Person;
  kiosk: Credentials;
  tokens: string[];
  ticketIds: string[];
  /** Bookings' ids, the {appointment} of the conflict routes. */
  appointmentIds: string[];
  /** Solved proofs of work and bookable starts: a public booking that gets past its proof. */
  proofs: BookingProof[];
  starts: number[];
}

/** An office with waiting, called and serving tickets, its own clerk and kiosk. */
export async function officeFixture(label: string): Promise<OfficeFixture> {
  const config = appointmentOfficeConfig({ frontCounters: 2 });
  const id = await createOffice(config, newOfficeId(label));
  const tickets = [
    await issueTicket(id),
    await issueTicket(id, "registry"),
    await issueTicket(id),
    await issueTicket(id, "general", { priority: true }),
  ];
  await call("POST", `/offices/${id}/counters/desk-1/call-next`, { body: {} });
  await call("POST", `/offices/${id}/counters/desk-2/call-next`, { body: {} });
  await call("POST", `/offices/${id}/counters/desk-2/start`, { body: {} });
  const clerk = await signedIn([{ office: id, role: "clerk" }]);
  const appointments = [
    await bookSomewhere(id, { timeZone: config.timeZone }),
    await bookSomewhere(id, { timeZone: config.timeZone }),
  ];
  const days = officeDays(config.timeZone);
  const slots = await slotsOf(id, "permits", { from: days.after(2), to: days.after(3) });
  const proofs = await Promise.all(Array.from({ length: 6 }, () => solvedProof(id)));
  countRequests(19);
  return {
    id,
    clerk: new Person(clerk.username, clerk.as),
    kiosk: (await pairedDevice(id, "kiosk")).as,
    // Tickets' tracking tokens and bookings' manage tokens: both are the {token} of some route.
    tokens: [...tickets.map((t) => t.token), ...appointments.map((a) => a.token)],
    ticketIds: tickets.map((t) => t.ticket.id),
    appointmentIds: appointments.map((a) => a.appointment.id),
    proofs,
    starts: slots.slice(0, 20).map((slot) => slot.start),
  };
}

/** A public booking with a solved proof (some used already: replays), so the booking itself is fuzzed. */
function provenBookingArb(office: OfficeFixture): fc.Arbitrary<BodySpec> {
  return fc
    .record({
      serviceId: fc.constantFrom(...SERVICES),
      start: fc.constantFrom(...office.starts),
      name: fc.string({ minLength: 1, maxLength: 90 }),
      email: fc.nat({ max: 5 }).map((n) => `fuzz${n}@example.org`),
      proof: fc.constantFrom(...office.proofs),
      lang: fc.option(fc.constantFrom("en", "it", "xx"), { nil: undefined }),
    })
    .map((body) => ({ label: "booking with a solved proof", text: JSON.stringify(body) }));
}

/** Someone else's account and device, for the account and device path parameters. */
export async function victimOf(office: OfficeFixture): Promise<Victim> {
  const account = await signedIn([{ office: office.id, role: "clerk" }]);
  const device = await pairedDevice(office.id, "display");
  countRequests(3);
  return { accountId: account.accountId, deviceId: device.deviceId };
}

function credentials(name: CallerName, office: OfficeFixture): Credentials {
  if (name === "clerk") return office.clerk.as;
  if (name === "kiosk") return office.kiosk;
  return name;
}

// ── Sending a fuzzed request and judging the answer ──────────────────────

export interface FuzzRequest {
  caller: CallerName;
  params: Record<string, string>;
  query: string;
  headers: HeaderSpec;
  body: BodySpec | null;
}

export function urlFor(template: string, values: Record<string, string>, query = ""): string {
  return `${ORIGIN}${template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "")}${query}`;
}

export function headersFor(request: FuzzRequest, office: OfficeFixture): Record<string, string> {
  const headers: Record<string, string> = credentialHeaders(credentials(request.caller, office));
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "cookie" && headers.cookie ? `${headers.cookie}; ${value}` : value;
  }
  return headers;
}

/** The fuzz may have signed a clerk out (logout, password change): sign them in again. */
export async function afterRequest(request: FuzzRequest, sent: Sent, office: OfficeFixture) {
  if (
    request.caller === "clerk" &&
    sent.answer.status < 300 &&
    sent.method === "POST" &&
    /\/api\/auth\/(logout|password)/.test(sent.url)
  ) {
    await office.clerk.signInAgain();
  }
}

export function requestArb(
  op: Operation,
  office: OfficeFixture,
  victim: Victim,
): fc.Arbitrary<FuzzRequest> {
  const known: Record<string, { ids: string[]; shape?: fc.Arbitrary<string> }> = {
    office: { ids: [office.id, "nowhere-office"] },
    counter: { ids: COUNTERS },
    service: { ids: SERVICES },
    token: { ids: office.tokens, shape: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
    account: { ids: [victim.accountId], shape: fc.stringMatching(/^acc_[A-Za-z0-9_-]{16}$/) },
    device: { ids: [victim.deviceId], shape: fc.stringMatching(/^dev_[A-Za-z0-9_-]{12}$/) },
    appointment: {
      ids: office.appointmentIds,
      shape: fc.stringMatching(/^apt_[A-Za-z0-9_-]{16}$/),
    },
  };
  const pathParams: Record<string, fc.Arbitrary<string>> = {};
  for (const name of op.params) {
    const pool = known[name];
    pathParams[name] = pathParamArb(pool?.ids ?? [], pool?.shape ? [pool.shape] : []);
  }
  return fc.record({
    // Mostly callers who get past the role check, so the parameters and body are what is judged.
    caller: fc.constantFrom<CallerName>(
      "operator",
      "operator",
      "operator",
      "clerk",
      "kiosk",
      "anonymous",
    ),
    params: fc.record(pathParams),
    // A GET route is also tried as a WebSocket upgrade, with the live route's own query.
    query:
      op.method === "GET"
        ? fc.oneof(
            { weight: op.socket ? 1 : 3, arbitrary: routeQueryArb(op.query) },
            {
              weight: op.socket ? 2 : 1,
              arbitrary: fc
                .tuple(
                  fc.constantFrom("display", "kiosk", "counter", "ticket"),
                  routeQueryArb(op.query),
                )
                .map(([role, more]) => `?v=1&role=${role}${more.replace("?", "&")}`),
            },
          )
        : routeQueryArb(op.query),
    headers:
      op.method === "GET"
        ? fc
            .tuple(
              headersArb,
              fc.nat({ max: 2 }).map((n) => (op.socket ? n > 0 : n === 0)),
            )
            .map(([headers, upgrade]) => (upgrade ? { ...headers, upgrade: "websocket" } : headers))
        : headersArb,
    body:
      op.method === "GET"
        ? fc.constant(null)
        : op.operationId === "bookAppointment"
          ? fc.oneof(bodyArb(op.body), provenBookingArb(office))
          : bodyArb(op.body),
  });
}

// ── Every route of a slice: never a 5xx, always the error shape, always JSON ──

/** Requests per route: each slice file sends RUNS_PER_ROUTE × its routes. */
const RUNS_PER_ROUTE = 60;

/**
 * The tests of one fuzz-routes file: every `slices`-th route from the
 * document (starting at `slice`, 1-based) fuzzed RUNS_PER_ROUTE times
 * against one office, whose queue must be whole at the end.
 */
export function fuzzRouteSlice(file: keyof typeof FUZZ_PLAN, slice: number, slices: number): void {
  planFor(file);
  const operations = OPERATIONS.filter((_, index) => index % slices === slice - 1);
  let office: OfficeFixture;
  let victim: Victim;
  let observer: Observer;

  beforeAll(async () => {
    office = await officeFixture(`fuzz-routes-${slice}`);
    victim = await victimOf(office);
    observer = await Observer.open(office.id);
  }, TIMEOUT);

  describe(`Fuzzing routes ${slice} of every ${slices} in /api/openapi.json`, () => {
    for (const op of operations) {
      it(
        `${op.method} ${op.path} (${op.operationId}, ${op.role}): never a 5xx, errors in { error: { code, message } }, JSON`,
        async () => {
          await fc.assert(
            fc.asyncProperty(requestArb(op, office, victim), async (request) => {
              const sent = await send(
                op.method,
                urlFor(op.path, request.params, request.query),
                headersFor(request, office),
                request.body,
              );
              expectSoundAnswer(sent, op.successTypes);
              await afterRequest(request, sent, office);
            }),
            params(RUNS_PER_ROUTE),
          );
        },
        TIMEOUT,
      );
    }

    it("After them all, the office's queue is whole: its events fold into its state, every invariant holds.", async () => {
      await observer.expectWhole();
    });
  });
  expectPlannedShare(file);
}
