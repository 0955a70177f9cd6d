import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import {
  averageServiceSeconds,
  decide,
  ENGINE_ERROR_CODES,
  type Execution,
  evolve,
  execute,
  localDay,
  queuePositionByScan,
  queuePositionOf,
  queuePositions,
} from "../../shared/engine";
import {
  ACTIVE_STATUSES,
  COUNTER_MODES,
  type Command,
  type CounterMode,
  OfficeConfig,
  OfficeEvent,
  OfficeState,
  type Ticket,
  type TicketChannel,
} from "../../shared/protocol";
import { ALL_WEEK_HOURS, HOUR, MINUTE, withModes } from "./helpers";

// ---------------------------------------------------------------------------
// The office under test: the demo office, open all week, plus two variants a
// random "configure" can switch to (one removes a service and a counter, so
// config_conflict is exercised).

const demoConfig = OfficeConfig.parse({ ...demoOfficeConfig, openingHours: ALL_WEEK_HOURS });
/** School enrolment takes walk-ins and appointments (edilizia, as in the demo, appointments only). */
const mixed = (config: OfficeConfig) => withModes(config, { scuola: "mixed" });

const baseConfig = mixed(demoConfig);
const TZ = baseConfig.timeZone;

const remoteConfig = mixed(
  OfficeConfig.parse({
    ...demoOfficeConfig,
    openingHours: ALL_WEEK_HOURS,
    allowRemoteTickets: true,
    services: demoConfig.services.map((s) => (s.id === "anagrafe" ? { ...s, open: false } : s)),
    counters: demoConfig.counters.map((c) =>
      c.id === "sportello-5" ? { ...c, defaultMode: "front" as const } : c,
    ),
  }),
);

const smallerConfig = mixed(
  OfficeConfig.parse({
    ...demoOfficeConfig,
    openingHours: ALL_WEEK_HOURS,
    services: demoConfig.services.filter((s) => s.id !== "elettorale"),
    counters: demoConfig.counters
      .filter((c) => c.id !== "sportello-7")
      .map((c) => ({ ...c, serviceIds: c.serviceIds.filter((s) => s !== "elettorale") })),
  }),
);

const CONFIGS = [baseConfig, remoteConfig, smallerConfig];

/** The wire check sees the mixed service as walk-in: "mixed" joins the schema with the booking settings. */
const schemaConfig = (config: OfficeConfig): OfficeConfig =>
  withModes(config, { scuola: "walk-in" });
const schemaEvent = (event: OfficeEvent): OfficeEvent =>
  event.type === "officeConfigured" ? { ...event, config: schemaConfig(event.config) } : event;

const UNKNOWN_TICKET = "2026-01-01-Z999";

// ---------------------------------------------------------------------------
// Random command sequences. Tickets are picked by index among those issued so
// far (finished ones included); counter commands often go to a counter that
// holds a ticket, so sequences get past "no current ticket". Both are resolved
// while the sequence runs, which keeps shrinking meaningful.

type CounterAction = "callNext" | "recall" | "startService" | "complete" | "noShow";

/** A counter by name (possibly unknown), or "one of the counters holding a ticket, by index". */
type CounterRef = { id: string } | { busy: number };

type Op =
  | {
      kind: "issue";
      serviceId: string;
      priority: boolean;
      channel: TicketChannel;
      lang: string | null;
    }
  | { kind: "counter"; action: CounterAction; counter: CounterRef }
  | { kind: "transferToService"; counter: CounterRef; toServiceId: string }
  | { kind: "transferToCounter"; counter: CounterRef; toCounterId: string }
  | { kind: "callTicket"; counter: CounterRef; pick: number }
  | { kind: "mode"; counterId: string; mode: CounterMode }
  | { kind: "cancel"; pick: number }
  | {
      kind: "checkIn";
      serviceId: string;
      appointment: number;
      slotOffset: number;
      channel: TicketChannel;
    }
  | { kind: "rollover" }
  | { kind: "configure"; variant: number };

interface Step {
  op: Op;
  /** How far the clock moves before the command runs. */
  advance: number;
}

const FRONT_COUNTERS = ["sportello-1", "sportello-2", "sportello-3", "sportello-4"];
const BACK_OFFICE_DESKS = ["sportello-5", "sportello-6", "sportello-7"];
const WALK_IN_SERVICES = baseConfig.services
  .filter((s) => s.mode !== "appointment")
  .map((s) => s.id);

const counterIdArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FRONT_COUNTERS) },
  { weight: 3, arbitrary: fc.constantFrom(...BACK_OFFICE_DESKS) },
  { weight: 1, arbitrary: fc.constant("sportello-99") },
);
const counterRefArb: fc.Arbitrary<CounterRef> = fc.oneof(
  fc.record({ id: counterIdArb }),
  fc.record({ busy: fc.nat({ max: 6 }) }),
);
const serviceIdArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...WALK_IN_SERVICES) },
  { weight: 1, arbitrary: fc.constant("edilizia") }, // appointment only
  { weight: 1, arbitrary: fc.constant("passaporti") }, // unknown
);
const pick = fc.nat({ max: 1000 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("issue" as const),
      serviceId: serviceIdArb,
      priority: fc.nat({ max: 4 }).map((n) => n === 0),
      channel: fc.constantFrom<TicketChannel>("kiosk", "kiosk", "kiosk", "staff", "api", "remote"),
      lang: fc.constantFrom<string | null>(null, "it", "en"),
    }),
  },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant("counter" as const),
      action: fc.constantFrom<CounterAction>(
        "callNext",
        "callNext",
        "callNext",
        "startService",
        "startService",
        "complete",
        "recall",
        "noShow",
      ),
      counter: counterRefArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("transferToService" as const),
      counter: counterRefArb,
      toServiceId: fc.oneof(serviceIdArb, fc.constant("edilizia")),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("transferToCounter" as const),
      counter: counterRefArb,
      toCounterId: counterIdArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("callTicket" as const),
      counter: counterRefArb,
      pick,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("mode" as const),
      counterId: counterIdArb,
      mode: fc.constantFrom<CounterMode>(...COUNTER_MODES, "front", "front"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("checkIn" as const),
      serviceId: fc.constantFrom("scuola", "scuola", "edilizia", "urp", "passaporti"),
      // Few ids, so the same appointment is often checked in twice.
      appointment: fc.nat({ max: 8 }),
      // From an hour late to an hour and a half early.
      slotOffset: fc.integer({ min: -60 * MINUTE, max: 90 * MINUTE }),
      channel: fc.constantFrom<TicketChannel>("kiosk", "staff", "remote"),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "rollover" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("configure" as const),
      variant: fc.nat({ max: CONFIGS.length - 1 }),
    }),
  },
);

/** Mostly seconds to a few minutes between commands; now and then hours, often across midnight. */
const advanceArb = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: 0, max: 4 * MINUTE }) },
  { weight: 1, arbitrary: fc.integer({ min: HOUR, max: 30 * HOUR }) },
);

const stepArb: fc.Arbitrary<Step> = fc.record({ op: opArb, advance: advanceArb });

/** Start anywhere in 2026, or just before a Rome midnight next to a DST change. */
const startArb = fc.oneof(
  fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-01-01T00:00:00Z") }),
  fc.constantFrom(
    Date.parse("2026-03-28T22:30:00Z"), // Sat 23:30 CET, summer time starts that night
    Date.parse("2026-03-29T21:30:00Z"), // Sun 23:30 CEST, after the 23-hour day
    Date.parse("2026-10-24T21:30:00Z"), // Sat 23:30 CEST, winter time returns that night
    Date.parse("2026-10-25T22:30:00Z"), // Sun 23:30 CET, the 25-hour day's last hour
    Date.parse("2026-12-31T22:45:00Z"), // New Year's Eve, 23:45
  ),
);

function toCommand(op: Op, state: OfficeState, issued: readonly string[], now: number): Command {
  const ticketAt = (index: number) =>
    issued.length === 0 || index % (issued.length + 1) === issued.length
      ? UNKNOWN_TICKET
      : issued[index % (issued.length + 1)]!;
  const counter = (ref: CounterRef): string => {
    if ("id" in ref) return ref.id;
    const busy = Object.keys(state.counters).filter((c) => state.counters[c]?.ticketId);
    return busy.length > 0 ? busy[ref.busy % busy.length]! : FRONT_COUNTERS[ref.busy % 4]!;
  };
  switch (op.kind) {
    case "issue":
      return {
        type: "issueTicket",
        serviceId: op.serviceId,
        priority: op.priority,
        lang: op.lang,
        channel: op.channel,
      };
    case "counter":
      return { type: op.action, counterId: counter(op.counter) };
    case "transferToService":
      return { type: "transfer", counterId: counter(op.counter), toServiceId: op.toServiceId };
    case "transferToCounter":
      return { type: "transfer", counterId: counter(op.counter), toCounterId: op.toCounterId };
    case "callTicket":
      return { type: "callTicket", counterId: counter(op.counter), ticketId: ticketAt(op.pick) };
    case "mode":
      return { type: "setCounterMode", counterId: op.counterId, mode: op.mode };
    case "cancel":
      return { type: "cancelTicket", ticketId: ticketAt(op.pick) };
    case "checkIn":
      return {
        type: "checkInAppointment",
        serviceId: op.serviceId,
        appointmentId: `apt-${op.appointment}`,
        slotStart: now + op.slotOffset,
        lang: null,
        channel: op.channel,
      };
    case "rollover":
      return { type: "rollover" };
    case "configure":
      return { type: "configure", config: CONFIGS[op.variant]! };
  }
}

// ---------------------------------------------------------------------------
// The model: every ticket ever issued, folded from the events alone, with the
// checks that each event must pass as it is folded.

interface ModelTicket {
  code: string;
  day: string;
  terminal: string[];
  appointment: Ticket["appointment"];
}

/**
 * Cheap assertions for the hot loop (vitest's expect costs microseconds per
 * call, and the invariants run millions of times): they only build a message,
 * or fall back to expect for a readable diff, when something is wrong.
 */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

function same(actual: unknown, expected: unknown, message: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}

class Model {
  day = "";
  readonly tickets = new Map<string, ModelTicket>();
  /** Ids in issue order, for picking tickets in commands. */
  readonly issued: string[] = [];
  readonly activeIds = new Set<string>();
  readonly codesByDay = new Map<string, Set<string>>();
  readonly lastNumber = new Map<string, number>();

  private expectActive(ticketId: string, type: string) {
    const ticket = this.tickets.get(ticketId);
    check(ticket !== undefined, () => `${type} for a ticket never issued: ${ticketId}`);
    check(
      ticket!.terminal.length === 0,
      () => `${type} for ${ticketId}, already ${ticket!.terminal}`,
    );
  }

  private terminate(ticketId: string, how: string) {
    const ticket = this.tickets.get(ticketId);
    check(ticket !== undefined, () => `${how} for a ticket never issued: ${ticketId}`);
    ticket!.terminal.push(how);
    check(
      ticket!.terminal.length === 1,
      () => `ticket ${ticketId} ended twice: ${ticket!.terminal}`,
    );
    this.activeIds.delete(ticketId);
  }

  fold(event: OfficeEvent, now: number) {
    check(event.at === now, () => `event ${event.type} at ${event.at}, command at ${now}`);
    switch (event.type) {
      case "officeConfigured":
        if (this.day === "") this.day = localDay(event.at, TZ);
        return;
      case "ticketIssued": {
        const { ticket } = event;
        check(!this.tickets.has(ticket.id), () => `ticket id ${ticket.id} issued twice`);
        check(ticket.id === `${this.day}-${ticket.code}`, () => `id ${ticket.id} on ${this.day}`);
        const codes = this.codesByDay.get(this.day) ?? new Set<string>();
        check(!codes.has(ticket.code), () => `code ${ticket.code} issued twice on ${this.day}`);
        codes.add(ticket.code);
        this.codesByDay.set(this.day, codes);
        // Numbering per prefix is 001, 002, … with no gaps, restarting every day.
        const key = `${this.day}|${ticket.code.slice(0, 1)}`;
        const previous = this.lastNumber.get(key) ?? 0;
        const number = Number(ticket.code.slice(1));
        check(number === previous + 1, () => `${ticket.code} issued after number ${previous}`);
        this.lastNumber.set(key, number);
        check(ticket.status === "waiting", () => `${ticket.id} issued as ${ticket.status}`);
        this.tickets.set(ticket.id, {
          code: ticket.code,
          day: this.day,
          terminal: [],
          appointment: ticket.appointment,
        });
        this.issued.push(ticket.id);
        this.activeIds.add(ticket.id);
        return;
      }
      case "ticketCalled":
      case "ticketRecalled":
      case "serviceStarted":
      case "ticketTransferred":
        this.expectActive(event.ticketId, event.type);
        return;
      case "ticketCompleted":
      case "ticketNoShow":
      case "ticketCancelled":
        this.expectActive(event.ticketId, event.type);
        this.terminate(event.ticketId, event.type);
        return;
      case "counterModeChanged":
        return;
      case "dayRolledOver":
        check(
          event.fromDay === this.day,
          () => `rollover from ${event.fromDay}, model on ${this.day}`,
        );
        check(event.toDay > event.fromDay, () => `rollover back to ${event.toDay}`);
        check(event.toDay === localDay(now, TZ), () => `rollover to ${event.toDay} at ${now}`);
        // Every ticket still open expires; nothing else does.
        same([...event.expiredTicketIds].sort(), [...this.activeIds].sort(), "expired tickets");
        for (const ticketId of event.expiredTicketIds) this.terminate(ticketId, "expired");
        this.day = event.toDay;
        return;
    }
  }
}

// ---------------------------------------------------------------------------
// Invariants of the live state after every command.

const ACTIVE = new Set<string>(ACTIVE_STATUSES);

function checkState(state: OfficeState, model: Model, now: number) {
  // The office's day is the local day of the latest command (time only moves forward here).
  check(
    state.day === localDay(now, TZ),
    () => `state day ${state.day} at ${new Date(now).toISOString()}`,
  );
  check(state.day === model.day, () => `state day ${state.day}, events say ${model.day}`);

  // Only active tickets live in the state, and they are exactly the ones the events left open:
  // no ticket is lost, and every other ticket ever issued ended exactly once (checked in fold).
  const live = Object.keys(state.tickets);
  check(
    live.length === model.activeIds.size,
    () => `${live.length} live tickets, ${model.activeIds.size} open`,
  );
  for (const ticketId of live) {
    check(model.activeIds.has(ticketId), () => `${ticketId} is live but ended or was never issued`);
  }
  for (const [ticketId, ticket] of model.tickets) {
    const isLive = state.tickets[ticketId] !== undefined;
    check(
      isLive === (ticket.terminal.length === 0),
      () => `ticket ${ticketId} live=${isLive} ended=${ticket.terminal}`,
    );
  }

  // Counters: exactly the configured ones, each holding at most one live ticket that points back to it.
  same(
    Object.keys(state.counters).sort(),
    state.config.counters.map((c) => c.id).sort(),
    "counters",
  );
  const held = new Set<string>();
  for (const [counterId, counter] of Object.entries(state.counters)) {
    if (counter.ticketId === null) continue;
    const ticketId = counter.ticketId;
    check(!held.has(ticketId), () => `two counters hold ${ticketId}`);
    held.add(ticketId);
    const ticket = state.tickets[ticketId];
    check(ticket !== undefined, () => `${counterId} holds ${ticketId}, which is not live`);
    check(
      ticket!.status === "called" || ticket!.status === "serving",
      () => `${counterId} holds a ${ticket!.status} ticket`,
    );
    check(
      ticket!.counterId === counterId,
      () => `${counterId} holds ${ticketId}, which is at ${ticket!.counterId}`,
    );
  }

  // Tickets: fields consistent with their status.
  for (const ticket of Object.values(state.tickets)) {
    const where = () => JSON.stringify(ticket);
    check(ACTIVE.has(ticket.status), () => `inactive ticket in the state: ${where()}`);
    if (ticket.status === "waiting") {
      check(
        ticket.counterId === null && ticket.calledAt === null && ticket.startedAt === null,
        where,
      );
      check(
        ticket.targetCounterId === null || state.counters[ticket.targetCounterId] !== undefined,
        where,
      );
    } else {
      check(
        ticket.targetCounterId === null && ticket.counterId !== null && ticket.calledAt !== null,
        where,
      );
      check(
        state.counters[ticket.counterId!]?.ticketId === ticket.id,
        () => `not held by its counter: ${where()}`,
      );
      check((ticket.status === "serving") === (ticket.startedAt !== null), where);
    }
    check(
      state.config.services.some((s) => s.id === ticket.serviceId),
      where,
    );
    check(ticket.queuedAt === ticket.issuedAt, where);
    check(ticket.id.startsWith(`${state.day}-`), where);
    check((state.lastNumbers[ticket.code.slice(0, 1)] ?? 0) >= Number(ticket.code.slice(1)), where);
  }

  // An appointment stays on its ticket through calls and transfers, and holds one active ticket.
  const appointments = new Set<string>();
  for (const ticket of Object.values(state.tickets)) {
    same(
      ticket.appointment,
      model.tickets.get(ticket.id)?.appointment,
      `appointment of ${ticket.id}`,
    );
    if (ticket.appointment === null) continue;
    check(!appointments.has(ticket.appointment.id), () => `${ticket.appointment!.id} twice`);
    appointments.add(ticket.appointment.id);
  }

  // Recent calls: at most 10, newest first, one entry per ticket.
  const calls = state.recentCalls;
  check(calls.length <= 10, () => `${calls.length} recent calls`);
  check(
    new Set(calls.map((c) => c.ticketId)).size === calls.length,
    () => "a ticket twice in recent calls",
  );
  for (let i = 1; i < calls.length; i++) {
    check(calls[i - 1]!.at >= calls[i]!.at, () => "recent calls out of order");
  }

  // Service timings stay within the clamped range.
  for (const [serviceId, timing] of Object.entries(state.timings)) {
    check(
      timing.samples > 0 && timing.averageSeconds >= 30 && timing.averageSeconds <= 2 * 3600,
      () => `timing of ${serviceId}: ${JSON.stringify(timing)}`,
    );
  }
}

/**
 * The test's own statement of call-next at `now`, written independently of
 * routing.ts: the call order, then the look-ahead ("kept": the counter stays
 * free for an appointment).
 */
function expectedNext(
  state: OfficeState,
  counterId: string,
  now: number,
): Ticket | "kept" | undefined {
  const counter = state.config.counters.find((c) => c.id === counterId);
  if (!counter) return undefined;
  const bound = 2 * state.config.targetWaitMinutes * MINUTE;
  const dueAt = (t: Ticket) => (t.appointment?.slotStart ?? 0) - 2 * MINUTE;
  const step = (t: Ticket) =>
    t.priority ? 0 : t.appointment ? 2 : now - t.queuedAt > bound ? 1 : 3;
  const mayCall = (t: Ticket, c: { id: string; serviceIds: readonly string[] }) =>
    t.status === "waiting" &&
    (t.targetCounterId === null ? c.serviceIds.includes(t.serviceId) : t.targetCounterId === c.id);
  const callable = Object.values(state.tickets).filter(
    (t) => mayCall(t, counter) && (t.appointment === null || dueAt(t) <= now),
  );
  const byId = (a: Ticket, b: Ticket) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  callable.sort(
    (a, b) =>
      step(a) - step(b) ||
      (step(a) === 2 ? dueAt(a) - dueAt(b) : 0) ||
      a.queuedAt - b.queuedAt ||
      byId(a, b),
  );
  const first = callable[0];
  if (!first || step(first) !== 3) return first;
  // Look-ahead: a walk-in may be called if the appointments falling due while it is expected
  // at the desk are no more than the other free counters that may call one of them.
  const leftOver = (walkIn: Ticket): Ticket | undefined => {
    const doneAt = now + averageServiceSeconds(state, walkIn.serviceId) * 1000;
    const soon = Object.values(state.tickets)
      .filter((t) => t.appointment && mayCall(t, counter) && dueAt(t) > now && dueAt(t) < doneAt)
      .sort((a, b) => dueAt(a) - dueAt(b) || a.queuedAt - b.queuedAt || byId(a, b));
    const freeElsewhere = state.config.counters.filter(
      (c) =>
        c.id !== counterId &&
        state.counters[c.id]?.mode === "front" &&
        state.counters[c.id]?.ticketId === null &&
        soon.some((t) => mayCall(t, c)),
    ).length;
    return soon[freeElsewhere];
  };
  return callable.find((t) => leftOver(t) === undefined) ?? "kept";
}

// ---------------------------------------------------------------------------
// Running a sequence.

interface StepContext {
  index: number;
  command: Command;
  now: number;
  result: Execution;
  model: Model;
}

interface Hooks {
  /** Called with the events of the initial configure. */
  started?: (events: readonly OfficeEvent[]) => void;
  beforeStep?: (state: OfficeState, command: Command, now: number) => void;
  afterStep?: (context: StepContext) => void;
}

function simulate(start: number, steps: readonly Step[], hooks: Hooks = {}) {
  const model = new Model();
  const first = execute(null, { type: "configure", config: baseConfig }, start);
  expect(first.error).toBeNull();
  let state = first.state!;
  const log: OfficeEvent[] = [...first.events];
  for (const event of first.events) model.fold(event, start);
  hooks.started?.(first.events);
  let now = start;
  steps.forEach((step, index) => {
    now += step.advance;
    const command = toCommand(step.op, state, model.issued, now);
    hooks.beforeStep?.(state, command, now);
    const result = execute(state, command, now);
    check(result.state !== null, () => "execute lost the state");
    state = result.state!;
    log.push(...result.events);
    for (const event of result.events) model.fold(event, now);
    hooks.afterStep?.({ index, command, now, result, model });
  });
  return { state, model, log, now };
}

/** Long enough for fast-check to shrink a failure and report it, rather than a bare timeout. */
const PROPERTY_TIMEOUT = 120_000;

const sequences = fc.tuple(
  startArb,
  fc.array(stepArb, { minLength: 1, maxLength: 200, size: "max" }),
);

describe("Properties of the engine over random command sequences", () => {
  it(
    "No ticket is ever lost or ended twice, counters never share a ticket, codes are unique per day, and a refused command produces no events except a preceding rollover.",
    () => {
      fc.assert(
        fc.property(sequences, ([start, steps]) => {
          let expected: Ticket | "kept" | undefined;
          let rolls = false;
          const {
            state,
            model,
            now: end,
          } = simulate(start, steps, {
            beforeStep: (before, command, now) => {
              rolls = localDay(now, TZ) > before.day;
              expected =
                command.type === "callNext" && !rolls
                  ? expectedNext(before, command.counterId, now)
                  : undefined;
            },
            afterStep: ({ command, now, result, model }) => {
              const state = result.state!;
              const types = result.events.map((e) => e.type);
              if (result.error) {
                const { code } = result.error;
                check(ENGINE_ERROR_CODES.includes(code), () => `unknown error code ${code}`);
                // A refused command produces no events, except the rollover that came first.
                check(
                  types.length <= 1 && types.every((t) => t === "dayRolledOver"),
                  () => `${command.type} refused with ${code} but produced ${types}`,
                );
              }
              if (command.type !== "rollover") {
                // The day rolls over first, exactly when the local day changed.
                const rollovers = types.filter((t) => t === "dayRolledOver").length;
                check(
                  rollovers === (rolls ? 1 : 0),
                  () => `${rollovers} rollovers (expected ${rolls})`,
                );
                check(!rolls || types[0] === "dayRolledOver", () => `rollover not first: ${types}`);
              }
              if (command.type === "callNext" && !rolls) {
                // Call next takes the first callable ticket in queue order.
                const called = result.events.find((e) => e.type === "ticketCalled");
                const expectedId = typeof expected === "object" ? expected.id : expected;
                if (called?.type === "ticketCalled") {
                  check(
                    called.ticketId === expectedId,
                    () => `called ${called.ticketId}, expected ${expectedId}`,
                  );
                }
                if (result.error?.code === "queue_empty") {
                  check(expected === undefined, () => `queue_empty but ${expectedId} was waiting`);
                }
                if (result.error?.code === "kept_for_appointment") {
                  check(expected === "kept", () => `kept, expected ${expectedId}`);
                }
              }
              for (const event of result.events) OfficeEvent.parse(schemaEvent(event));
              checkState(state, model, now);
              // The queue census evolve keeps step by step (a just-issued walk-in's fast
              // path) agrees with reading every ticket.
              for (const ticket of Object.values(state.tickets)) {
                if (ticket.status !== "waiting") continue;
                same(
                  queuePositionOf(state, ticket, now),
                  queuePositionByScan(state, ticket, now),
                  `census position of ${ticket.id} at ${now}`,
                );
              }
            },
          });
          // The final state is valid for the wire schema, and positions agree with each other.
          OfficeState.parse({ ...state, config: schemaConfig(state.config) });
          for (const at of [undefined, end, end + 30 * MINUTE]) {
            const positions = queuePositions(state, at);
            for (const ticket of Object.values(state.tickets)) {
              if (ticket.status === "waiting") {
                same(
                  queuePositionOf(state, ticket, at),
                  positions.get(ticket.id),
                  `position of ${ticket.id} at ${at}`,
                );
              }
            }
          }
          expect(model.issued.length).toBe(model.tickets.size);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "Folding the events with evolve, from the configure event or from any snapshot, gives the state execute produced.",
    () => {
      fc.assert(
        fc.property(sequences, fc.nat(), ([start, steps], snapshotAt) => {
          const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
          let client: OfficeState | null = null;
          let resumed: OfficeState | null = null;
          let clientEvents = 0;
          const resumeIndex = snapshotAt % steps.length;
          const { state, log } = simulate(start, steps, {
            started: (events) => {
              // A fresh client starts from the configure event alone.
              expect(events.map((e) => e.type)).toEqual(["officeConfigured"]);
              for (const event of events) client = evolve(client, wire(event));
              clientEvents = events.length;
            },
            afterStep: ({ index, result }) => {
              for (const event of result.events) {
                client = evolve(client, wire(event));
                if (resumed) resumed = evolve(resumed, wire(event));
              }
              clientEvents += result.events.length;
              const server = result.state!;
              if (!isDeepStrictEqual(client, server)) expect(client).toEqual(server);
              // A client that reconnects here gets a snapshot and follows the later events.
              if (index === resumeIndex) resumed = wire(server);
            },
          });
          expect(clientEvents).toBe(log.length);
          expect(resumed).toEqual(state);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "decide never changes the state it is given, and a refused command leaves the state exactly as the rollover left it.",
    () => {
      fc.assert(
        fc.property(
          fc.tuple(startArb, fc.array(stepArb, { minLength: 1, maxLength: 120, size: "max" })),
          ([start, steps]) => {
            let snapshot: OfficeState | undefined;
            simulate(start, steps, {
              beforeStep: (state, command, now) => {
                snapshot = structuredClone(state);
                decide(state, command, now);
                decide(state, { type: "rollover" }, now);
                if (!isDeepStrictEqual(state, snapshot)) expect(state).toEqual(snapshot);
              },
              afterStep: ({ result }) => {
                if (!result.error) return;
                let expected = snapshot!;
                for (const event of result.events) expected = evolve(expected, event);
                if (!isDeepStrictEqual(result.state, expected))
                  expect(result.state).toEqual(expected);
              },
            });
          },
        ),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "Random sequences reach every kind of event and most refusals, so the properties above are not vacuous.",
    () => {
      const events = new Set<string>();
      const errors = new Set<string>();
      fc.assert(
        fc.property(sequences, ([start, steps]) => {
          const { log } = simulate(start, steps, {
            afterStep: ({ result }) => {
              if (result.error) errors.add(result.error.code);
            },
          });
          for (const event of log) events.add(event.type);
        }),
        { numRuns: 60, seed: 20261123 },
      );
      expect([...events].sort()).toEqual(
        [
          "counterModeChanged",
          "dayRolledOver",
          "officeConfigured",
          "serviceStarted",
          "ticketCalled",
          "ticketCancelled",
          "ticketCompleted",
          "ticketIssued",
          "ticketNoShow",
          "ticketRecalled",
          "ticketTransferred",
        ].sort(),
      );
      for (const code of [
        "unknown_service",
        "unknown_counter",
        "unknown_ticket",
        "service_appointment_only",
        "service_closed",
        "counter_cannot_call",
        "counter_busy",
        "queue_empty",
        "no_current_ticket",
        "ticket_not_waiting",
        "ticket_not_called",
        "invalid_transfer",
        "config_conflict",
        "remote_tickets_disabled",
        "service_walk_in_only",
        "appointment_checked_in",
      ]) {
        expect(errors, code).toContain(code);
      }
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "A ticket transferred to a counter is only ever called at that counter.",
    () => {
      fc.assert(
        fc.property(sequences, ([start, steps]) => {
          const targets = new Map<string, string>();
          simulate(start, steps, {
            beforeStep: (state) => {
              targets.clear();
              for (const ticket of Object.values(state.tickets)) {
                if (ticket.targetCounterId !== null) targets.set(ticket.id, ticket.targetCounterId);
              }
            },
            afterStep: ({ result }) => {
              for (const event of result.events) {
                if (event.type !== "ticketCalled") continue;
                const target = targets.get(event.ticketId);
                check(
                  target === undefined || target === event.counterId,
                  () => `${event.ticketId} was sent to ${target} but called at ${event.counterId}`,
                );
              }
            },
          });
        }),
        { numRuns: 300, seed: 42 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
