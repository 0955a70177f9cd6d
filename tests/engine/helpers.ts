import { expect } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import { type EngineErrorCode, type Execution, execute } from "../../shared/engine";
import {
  Command,
  type CommandInput,
  type EventOf,
  OfficeConfig,
  type OfficeConfigInput,
  type OfficeEvent,
  type OfficeEventType,
  type OfficeState,
  type Ticket,
} from "../../shared/protocol";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Monday 23 November 2026, 10:00 in Rome (CET, UTC+1). Tests never read the wall clock. */
export const MONDAY_10 = Date.parse("2026-11-23T09:00:00Z");
/** The office day of MONDAY_10. */
export const MONDAY = "2026-11-23";
/** Local midnight between Monday 23 and Tuesday 24 November 2026 in Rome. */
export const TUESDAY_MIDNIGHT = Date.parse("2026-11-23T23:00:00Z");

/** The demo office (Punto Comune, Scandicci), optionally patched, parsed like the server does. */
export function demoConfig(patch: Partial<OfficeConfigInput> = {}): OfficeConfig {
  return OfficeConfig.parse({ ...demoOfficeConfig, ...patch });
}

export { OPEN_AROUND_THE_CLOCK as ALL_WEEK_HOURS } from "../../shared/demo-office";

/** How a service takes people: "mixed" serves walk-ins and appointments on the same counters. */
export type ServiceMode = "walk-in" | "appointment" | "mixed";

/**
 * The office with some services' modes changed. The engine only asks whether
 * a service takes walk-ins (not "appointment") and appointments (not
 * "walk-in"); "mixed" joins the configuration schema with the booking
 * settings, so it is set here on the parsed configuration.
 */
export function withModes(
  config: OfficeConfig,
  modes: Readonly<Record<string, ServiceMode>>,
): OfficeConfig {
  return {
    ...config,
    services: config.services.map((service) => {
      const mode = modes[service.id];
      return mode
        ? { ...service, mode: mode as OfficeConfig["services"][number]["mode"] }
        : service;
    }),
  };
}

/** The events of one type, typed. */
export function eventsOfType<T extends OfficeEventType>(
  events: readonly OfficeEvent[],
  type: T,
): EventOf<T>[] {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

/** Short ids for readability: `id("A001")` is the ticket id of A001 on the demo Monday. */
export const id = (code: string, day = MONDAY) => `${day}-${code}`;

/**
 * A test office: the engine's state plus a clock that only moves when a test
 * moves it. Commands go through `execute`, exactly as the server runs them.
 */
export class Office {
  state: OfficeState;
  now: number;
  /** Every event the office produced, in order (the office's log). */
  readonly log: OfficeEvent[] = [];

  constructor(config: OfficeConfig = demoConfig(), now = MONDAY_10) {
    const run = execute(null, { type: "configure", config }, now);
    if (!run.state || run.error)
      throw new Error(`cannot configure the test office: ${run.error?.code}`);
    this.state = run.state;
    this.now = now;
    this.log.push(...run.events);
  }

  /** Moves the clock forward (or back, with a negative step). */
  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  at(instant: number): this {
    this.now = instant;
    return this;
  }

  /** Runs a command (defaults filled in by the protocol schema) and returns the whole execution. */
  run(input: CommandInput): Execution {
    const command = Command.parse(input);
    const result = execute(this.state, command, this.now);
    if (!result.state) throw new Error("execute lost the state");
    this.state = result.state;
    this.log.push(...result.events);
    return result;
  }

  /** Runs a command that must be accepted; returns its events. */
  ok(input: CommandInput): OfficeEvent[] {
    const result = this.run(input);
    expect(result.error, `${input.type} should be accepted`).toBeNull();
    return result.events;
  }

  /** Runs a command that must be refused with `code`, without events and without touching the state. */
  refuse(input: CommandInput, code: EngineErrorCode): void {
    const before = structuredClone(this.state);
    const result = this.run(input);
    expect(result.error?.code).toBe(code);
    expect(result.error?.message).toMatch(/\S/);
    expect(result.events).toEqual([]);
    expect(this.state).toEqual(before);
  }

  issue(
    serviceId: string,
    options: { priority?: boolean; channel?: Ticket["channel"]; lang?: string | null } = {},
  ): Ticket {
    const events = this.ok({ type: "issueTicket", serviceId, channel: "kiosk", ...options });
    const issued = eventsOfType(events, "ticketIssued");
    expect(issued).toHaveLength(1);
    return issued[0]!.ticket;
  }

  /** Checks an appointment in; returns its ticket. */
  checkIn(
    serviceId: string,
    appointmentId: string,
    slotStart: number,
    options: { channel?: Ticket["channel"]; lang?: string | null } = {},
  ): Ticket {
    const events = this.ok({
      type: "checkInAppointment",
      serviceId,
      appointmentId,
      slotStart,
      channel: "kiosk",
      ...options,
    });
    const issued = eventsOfType(events, "ticketIssued");
    expect(issued).toHaveLength(1);
    return issued[0]!.ticket;
  }

  /** Call next at a counter; returns the id of the ticket called. */
  callNext(counterId: string): string {
    const called = eventsOfType(this.ok({ type: "callNext", counterId }), "ticketCalled");
    expect(called).toHaveLength(1);
    return called[0]!.ticketId;
  }

  ticket(ticketId: string): Ticket | undefined {
    return this.state.tickets[ticketId];
  }

  counter(counterId: string) {
    const counter = this.state.counters[counterId];
    if (!counter) throw new Error(`no counter ${counterId} in the state`);
    return counter;
  }
}
