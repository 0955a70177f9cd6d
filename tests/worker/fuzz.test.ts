import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../shared/protocol";
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
  expectSoundAnswer,
  Person,
  params,
  SERVICES,
  type Sent,
  send,
  sleep,
  statusSummary,
  TIMEOUT,
} from "./fuzz-harness";
import {
  api,
  type Credentials,
  createOffice,
  credentialHeaders,
  getOffice,
  issueTicket,
  newOfficeId,
  ORIGIN,
  pairedDevice,
  signedIn,
} from "./helpers";

/**
 * Issue 3, point 6, for every HTTP route: whatever arrives — any path
 * parameter, query, header or body, from any kind of caller — the answer is
 * never a 5xx, is JSON, refusals are `{ error: { code, message } }`, and a
 * refused request changes nothing in the office. The routes come from
 * /api/openapi.json, so a new route is fuzzed as soon as it is defined.
 * The queue's invariants and the live socket are fuzzed in
 * fuzz-live.test.ts (a file of its own: SELF.fetch slows down with every
 * request in one file; this one makes about 600).
 *
 * Each property prints its seed on failure; REPLAY in fuzz-harness.ts replays it.
 */

const RUNS_PER_ROUTE = 12;

// ── The routes, from the OpenAPI document ────────────────────────────────

interface Operation {
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
const OPERATIONS: Operation[] = Object.entries(openApi.body.paths).flatMap(([path, methods]) =>
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
const MUTATING = OPERATIONS.filter((op) => op.method !== "GET");

// ── Callers and fixtures ─────────────────────────────────────────────────

type CallerName = "operator" | "anonymous" | "clerk" | "kiosk";
const CALLERS: CallerName[] = ["operator", "anonymous", "clerk", "kiosk"];

interface OfficeFixture {
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
async function officeFixture(label: string): Promise<OfficeFixture> {
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

let routeOffice: OfficeFixture;
let stateOffice: OfficeFixture;
/** Someone else's account and device, for the account and device path parameters. */
let victim: { accountId: string; deviceId: string };

beforeAll(async () => {
  routeOffice = await officeFixture("fuzz-routes");
  stateOffice = await officeFixture("fuzz-state");
  const victimAccount = await signedIn([{ office: routeOffice.id, role: "clerk" }]);
  const victimDevice = await pairedDevice(routeOffice.id, "display");
  victim = { accountId: victimAccount.accountId, deviceId: victimDevice.deviceId };
  countRequests(3);
}, TIMEOUT);

afterAll(() => {
  console.log(
    `fuzz.test.ts: ${countRequests(0)} requests through SELF.fetch; fuzzed answers ${statusSummary()}`,
  );
});

function credentials(name: CallerName, office: OfficeFixture): Credentials {
  if (name === "clerk") return office.clerk.as;
  if (name === "kiosk") return office.kiosk;
  return name;
}

// ── Sending a fuzzed request and judging the answer ──────────────────────

interface FuzzRequest {
  caller: CallerName;
  params: Record<string, string>;
  query: string;
  headers: HeaderSpec;
  body: BodySpec | null;
}

function urlFor(template: string, values: Record<string, string>, query = ""): string {
  return `${ORIGIN}${template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "")}${query}`;
}

function headersFor(request: FuzzRequest, office: OfficeFixture): Record<string, string> {
  const headers: Record<string, string> = credentialHeaders(credentials(request.caller, office));
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = name === "cookie" && headers.cookie ? `${headers.cookie}; ${value}` : value;
  }
  return headers;
}

/** The fuzz may have signed a clerk out (logout, password change): sign them in again. */
async function afterRequest(request: FuzzRequest, sent: Sent, office: OfficeFixture) {
  if (
    request.caller === "clerk" &&
    sent.answer.status < 300 &&
    sent.method === "POST" &&
    /\/api\/auth\/(logout|password)/.test(sent.url)
  ) {
    await office.clerk.signInAgain();
  }
}

function requestArb(op: Operation, office: OfficeFixture): fc.Arbitrary<FuzzRequest> {
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

// ── 1. Every route: never a 5xx, always the error shape, always JSON ─────

describe("Fuzzing every route of /api/openapi.json", () => {
  it("The document lists the routes (so the loop below covers them all).", () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(30);
    expect(MUTATING.length).toBeGreaterThan(0);
  });

  for (const op of OPERATIONS) {
    it(
      `${op.method} ${op.path} (${op.operationId}, ${op.role}): never a 5xx, errors in { error: { code, message } }, JSON`,
      async () => {
        await fc.assert(
          fc.asyncProperty(requestArb(op, routeOffice), async (request) => {
            const sent = await send(
              op.method,
              urlFor(op.path, request.params, request.query),
              headersFor(request, routeOffice),
              request.body,
            );
            expectSoundAnswer(sent, op.successTypes);
            await afterRequest(request, sent, routeOffice);
          }),
          params(RUNS_PER_ROUTE),
        );
      },
      TIMEOUT,
    );
  }

  it(
    "Any method on any path under /api, known or not: never a 5xx, refusals in the error shape.",
    async () => {
      const templates = [
        ...new Set(OPERATIONS.map((op) => op.path)),
        "/api",
        "/api/",
        "/api/nowhere",
        "/api/offices",
        "/api/offices/{office}/",
        "/api/offices/{office}/counters",
        "/api/offices/{office}/counters/{counter}",
        "/api/offices/{office}/counters/{counter}/fly",
        "/api/openapi.json",
        "/api/health",
      ];
      const arb = fc.record({
        method: fc.constantFrom(
          "GET",
          "POST",
          "PUT",
          "PATCH",
          "DELETE",
          "OPTIONS",
          "HEAD",
          "PURGE",
        ),
        template: fc.constantFrom(...templates),
        office: pathParamArb([routeOffice.id]),
        counter: pathParamArb(COUNTERS),
        other: pathParamArb([]),
        caller: fc.constantFrom(...CALLERS),
        body: bodyArb(undefined),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (r) => {
          const url = urlFor(r.template, {
            office: r.office,
            counter: r.counter,
            token: r.other,
            account: r.other,
            device: r.other,
          });
          const request: FuzzRequest = { ...r, params: {}, query: "", headers: {} };
          const sent = await send(r.method, url, headersFor(request, routeOffice), r.body);
          const op = OPERATIONS.find((o) => o.path === r.template && o.method === r.method);
          expectSoundAnswer(sent, op?.successTypes);
          await afterRequest(request, sent, routeOffice);
        }),
        params(30),
      );
    },
    TIMEOUT,
  );
});

// ── 2. A refused request changes nothing ─────────────────────────────────

/**
 * Audit entries that record a refusal on purpose (README "Audit log": failed
 * sign-ins, throttled sign-ins, wrong pairing codes): they are the point of
 * refusing, not a change the refused request made to the office.
 */
const REFUSAL_RECORDS = new Set(["login.failed", "login.throttled", "pairing.failed"]);

interface OfficePicture {
  seq: number;
  queue: unknown;
  counters: unknown;
  waiting: unknown;
  audit: AuditEntry[];
}

async function picture(officeId: string): Promise<OfficePicture> {
  const view = await getOffice(officeId);
  const audit = await call<{ entries: AuditEntry[] }>(
    "GET",
    `/offices/${officeId}/audit?limit=500`,
  );
  expect(audit.status).toBe(200);
  return {
    seq: view.seq,
    queue: view.queue,
    counters: view.counters,
    waiting: view.services.map((s) => [s.id, s.waiting]),
    audit: audit.body.entries.filter((entry) => !REFUSAL_RECORDS.has(entry.action)),
  };
}

describe("A refused request changes nothing", () => {
  it(
    "After any 4xx from a mutating route, the office's seq, queue, counters and audit log are as before.",
    async () => {
      const office = stateOffice;
      const arb = fc
        .constantFrom(...MUTATING)
        .chain((op) => requestArb(op, office).map((request) => ({ op, request })));
      let before = await picture(office.id);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(arb, async ({ op, request }) => {
          const sent = await send(
            op.method,
            urlFor(op.path, request.params, request.query),
            headersFor(request, office),
            request.body,
          );
          expectSoundAnswer(sent, op.successTypes);
          await afterRequest(request, sent, office);
          const { status } = sent.answer;
          let after = await picture(office.id);
          // An accepted request may record audit entries a moment later (the Directory sends
          // its own on): wait until two looks agree before taking the next baseline.
          for (let look = 0; status < 400 && look < 5; look++) {
            await sleep(50);
            const again = await picture(office.id);
            if (JSON.stringify(again) === JSON.stringify(after)) break;
            after = again;
          }
          if (status >= 400) {
            refused++;
            expect(after, `a refused request changed the office:\n  ${sent.describe}`).toEqual(
              before,
            );
          }
          before = after;
        }),
        params(40),
      );
      expect(refused).toBeGreaterThan(20);
    },
    TIMEOUT,
  );
});
