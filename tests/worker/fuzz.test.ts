import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../shared/protocol";
import type { OfficeView } from "../../shared/protocol/responses";
import { bodyArb, pathParamArb } from "./fuzz-arbitraries";
import {
  COUNTERS,
  call,
  expectPlannedShare,
  expectSoundAnswer,
  FUZZ_PLAN,
  params,
  planFor,
  send,
  sleep,
  TIMEOUT,
} from "./fuzz-harness";
import { Observer } from "./fuzz-invariants";
import {
  afterRequest,
  CALLERS,
  type FuzzRequest,
  headersFor,
  MUTATING,
  type OfficeFixture,
  OPERATIONS,
  officeFixture,
  requestArb,
  urlFor,
  type Victim,
  victimOf,
} from "./fuzz-routes";

/**
 * Issue 3, point 6, beyond the documented routes: any method on any path
 * under /api is answered without a 5xx and in the error shape, and a refused
 * request changes nothing in the office. Each documented route is fuzzed in
 * fuzz-routes-1…3.test.ts (tests/worker/fuzz-routes.ts); the queue and the
 * live sockets in fuzz-live*.test.ts.
 *
 * Each property prints its seed on failure; REPLAY in fuzz-harness.ts replays it.
 */

planFor("fuzz.test.ts");

declare global {
  interface ImportMeta {
    /** Vite's: the files matching a pattern, each as a function that would import it. */
    glob(pattern: string): Record<string, () => Promise<unknown>>;
  }
}

const PATH_RUNS = 250;
const REFUSAL_RUNS = 60;

let pathOffice: OfficeFixture;
let stateOffice: OfficeFixture;
let victim: Victim;
const observers: Observer[] = [];

beforeAll(async () => {
  pathOffice = await officeFixture("fuzz-paths");
  stateOffice = await officeFixture("fuzz-state");
  victim = await victimOf(stateOffice);
  observers.push(await Observer.open(pathOffice.id), await Observer.open(stateOffice.id));
}, TIMEOUT);

// ── 1. Any path, any method: never a 5xx, always the error shape ──────────

describe("Fuzzing every path of the API", () => {
  it("The fuzz files are the plan's: each one of them proves its share, so the shares' sum is what runs.", () => {
    // Vite lists the files when it transforms this one (nothing is imported), all but this one.
    const files = Object.keys(import.meta.glob("./fuzz*.test.ts")).map((f) => f.slice(2));
    expect([...files, "fuzz.test.ts"].sort()).toEqual(Object.keys(FUZZ_PLAN).sort());
  });

  it("The document lists the routes (so fuzz-routes-1…3.test.ts cover them all).", () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(30);
    expect(MUTATING.length).toBeGreaterThan(0);
  });

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
        office: pathParamArb([pathOffice.id]),
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
          const sent = await send(r.method, url, headersFor(request, pathOffice), r.body);
          const op = OPERATIONS.find((o) => o.path === r.template && o.method === r.method);
          expectSoundAnswer(sent, op?.successTypes);
          await afterRequest(request, sent, pathOffice);
        }),
        params(PATH_RUNS),
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
  const { body: view } = await call<OfficeView>("GET", `/offices/${officeId}`);
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
        .chain((op) => requestArb(op, office, victim).map((request) => ({ op, request })));
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
        params(REFUSAL_RUNS),
      );
      expect(refused).toBeGreaterThan(REFUSAL_RUNS / 2);
    },
    TIMEOUT,
  );
});

describe("After the fuzz", () => {
  it("Both offices' queues are whole: their events fold into their state, every invariant holds.", async () => {
    for (const observer of observers) await observer.expectWhole();
  });
});

expectPlannedShare("fuzz.test.ts");
