import { execute } from "../../shared/engine";
import type { Actor } from "../../shared/protocol/auth";
import type { Command } from "../../shared/protocol/commands";
import type { OfficeConfig } from "../../shared/protocol/config";
import type { OfficeEvent } from "../../shared/protocol/events";
import type { OfficeState } from "../../shared/protocol/state";
import { errorBody, STATUS_BY_ENGINE_ERROR } from "../http/errors";
import type { AuditLog } from "../storage/audit-log";
import { CommandBatch } from "./command-batch";
import { issueLimits } from "./issue-limits";
import { type Limit, MemoryLimits } from "./rate-limits";
import { answerFor, type CommandAnswer } from "./responses";
import type { IdempotencyRecords } from "./store/idempotency";
import type { OfficeStore } from "./store/office-store";
import type { RemoteTicketLimits } from "./store/remote-ticket-limits";
import type { RevokedDevices } from "./store/revoked-devices";
import type { TicketHistory } from "./store/ticket-history";
import { newTicketToken } from "./tokens";
import type { WebhookPublisher } from "./webhooks/publisher";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CommandOptions {
  idempotencyKey?: string | undefined;
  origin?: string | undefined;
  actor: Actor;
  /**
   * Writes that belong with the command when the engine accepts it (an
   * appointment marked checked in with its ticket), run inside the same
   * transaction; what it returns is the answer.
   */
  alongside?: (answer: CommandAnswer) => CommandAnswer;
}

/** Commands that issue a ticket, which gets its tracking token with it. */
const issuesTicket = (command: Command) =>
  command.type === "issueTicket" || command.type === "checkInAppointment";

/** What the pipeline needs from the office object around it. */
export interface PipelineParts {
  officeId: string;
  env: Env;
  storage: DurableObjectStorage;
  clock: () => number;
  store: OfficeStore;
  idempotency: IdempotencyRecords;
  auditLog: AuditLog;
  history: TicketHistory;
  revokedDevices: RevokedDevices;
  /** The remote-ticket limit per address, in storage (it must outlive an eviction). */
  remoteLimits: RemoteTicketLimits;
  /** Tells every live socket what happened (after the write, never before). */
  publish: (firstSeq: number, events: OfficeEvent[], state: OfficeState) => void;
  /** The day or the configuration changed: the rollover alarm is due at another time. */
  rescheduleRollover: () => void;
  /**
   * The configuration changed: writes that follow from it (bookings it no longer
   * fits flagged as conflicts), inside the transaction that stores it.
   */
  afterConfigured?: (config: OfficeConfig, now: number) => void;
  /** The events, told to the office's webhooks inside the transaction that stores them (the outbox). */
  webhooks: Pick<WebhookPublisher, "officeEvents">;
}

interface Committed {
  events: OfficeEvent[];
  answer: CommandAnswer;
  state: OfficeState | null;
}

/**
 * The office's single writer. Every command runs guard → commit → publish
 * with no await in between, so two clerks pressing "call next" together
 * always get two different tickets, and nothing is told before it is stored.
 */
export class CommandPipeline {
  private current: OfficeState | null = null;
  private lastSeq = 0;
  private readonly memoryLimits = new MemoryLimits();
  private readonly batch = new CommandBatch<Command, CommandOptions, CommandAnswer>(
    (command, options) => this.run(command, options),
    () => this.parts.clock(),
  );

  constructor(private readonly parts: PipelineParts) {
    this.reload();
  }

  get state(): OfficeState | null {
    return this.current;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Storage is the truth: read the queue from it again. */
  reload(): void {
    const loaded = this.parts.store.load();
    this.current = loaded.state;
    this.lastSeq = loaded.seq;
  }

  /** Runs one command atomically and tells everyone; the answer serves HTTP and sockets alike. */
  run(command: Command, options: CommandOptions): CommandAnswer {
    const now = this.parts.clock();
    const fingerprint = JSON.stringify(command);
    const early = this.guard(command, options, fingerprint, now);
    if (early) return early;
    const firstSeq = this.lastSeq + 1;
    const committed = this.commit(command, options, fingerprint, firstSeq, now);
    this.publish(committed, firstSeq, now);
    return committed.answer;
  }

  /**
   * As `run`, with the other commands that arrive before the next turn: they share one
   * durable commit (command-batch.ts). For requests and socket messages, whose answer
   * is all their caller waits for.
   */
  submit(command: Command, options: CommandOptions): Promise<CommandAnswer> {
    return this.batch.submit(command, options);
  }

  /**
   * What is answered without running the engine: a retry's recorded answer,
   * an unknown office, a revoked device, a spent issuing limit.
   */
  private guard(
    command: Command,
    options: CommandOptions,
    fingerprint: string,
    now: number,
  ): CommandAnswer | null {
    if (options.idempotencyKey) {
      const prior = this.parts.idempotency.find(options.idempotencyKey);
      if (prior) {
        if (prior.fingerprint !== fingerprint) {
          return {
            status: 422,
            body: errorBody(
              "idempotency_key_reused",
              "This Idempotency-Key was already used for a different request.",
            ),
          };
        }
        return { status: prior.status, body: JSON.parse(prior.body) };
      }
    }
    if (!this.current && command.type !== "configure") return unknownOffice(this.parts.officeId);
    if (options.actor.kind === "device" && this.parts.revokedDevices.has(options.actor.id)) {
      return {
        status: 401,
        body: errorBody("device_revoked", "This device was revoked; pair it again."),
      };
    }
    if (command.type === "issueTicket") {
      const remoteTickets = this.current?.config.allowRemoteTickets ?? false;
      const waitMs = this.takeIssueLimits(
        issueLimits(options.actor, this.parts.env, remoteTickets),
        now,
      );
      if (waitMs !== null) {
        const seconds = Math.ceil(Math.max(1000, waitMs) / 1000);
        return {
          status: 429,
          body: errorBody(
            "too_many_tickets",
            `Too many tickets from here; try again in ${seconds} s.`,
          ),
          headers: { "retry-after": String(seconds) },
        };
      }
    }
    return null;
  }

  /** Takes one from every limit, or none if any is spent; then how long to wait (ms), else null. */
  private takeIssueLimits(limits: Limit[], now: number): number | null {
    const counter = (limit: Limit) =>
      limit.kept === "storage" ? this.parts.remoteLimits : this.memoryLimits;
    let wait: number | null = null;
    for (const limit of limits) {
      const w = counter(limit).wait(limit, now);
      if (w !== null) wait = Math.max(wait ?? 0, w);
    }
    if (wait !== null) return wait;
    for (const limit of limits) counter(limit).take(limit, now);
    return null;
  }

  /** The engine's decision and everything it writes, in one transaction. */
  private commit(
    command: Command,
    options: CommandOptions,
    fingerprint: string,
    firstSeq: number,
    now: number,
  ): Committed {
    const { storage, store, idempotency } = this.parts;
    const token = issuesTicket(command) ? newTicketToken() : null;
    try {
      return storage.transactionSync(() => {
        const execution = execute(this.current, command, now);
        if (execution.state && execution.events.length > 0) {
          store.append(execution.events, firstSeq, execution.state, token);
          this.parts.webhooks.officeEvents(execution.events, now);
          this.recordWhoDidIt(command, options.actor, execution.events, execution.state, now);
          if (execution.events.some((e) => e.type === "officeConfigured"))
            this.parts.afterConfigured?.(execution.state.config, now);
        }
        const seq = this.lastSeq + execution.events.length;
        const answer: CommandAnswer = execution.error
          ? {
              status: STATUS_BY_ENGINE_ERROR[execution.error.code],
              body: errorBody(execution.error.code, execution.error.message),
            }
          : (options.alongside ?? sameAnswer)(
              answerFor(command, {
                officeId: this.parts.officeId,
                state: execution.state!,
                seq,
                now,
                events: execution.events,
                token,
                origin: options.origin,
              }),
            );
        // Refusals are remembered too: a retry must not succeed later by surprise.
        if (options.idempotencyKey) {
          idempotency.save(
            options.idempotencyKey,
            { fingerprint, status: answer.status, body: JSON.stringify(answer.body) },
            now,
          );
        }
        return { events: execution.events, answer, state: execution.state };
      });
    } catch (error) {
      // The engine updates state in place; after a failed write, storage is the truth.
      this.reload();
      throw error;
    }
  }

  /** After the write: the new state becomes current and every socket hears of it. */
  private publish(committed: Committed, firstSeq: number, now: number): void {
    this.current = committed.state;
    const { events } = committed;
    if (events.length === 0) return;
    this.lastSeq += events.length;
    if (this.current) this.parts.publish(firstSeq, events, this.current);
    // The day that just ended is final: pack it for the reports now, not at the first report.
    for (const event of events)
      if (event.type === "dayRolledOver") this.parts.history.archiveDay(event.fromDay);
    if (events.some((e) => e.type === "dayRolledOver" || e.type === "officeConfigured")) {
      this.parts.idempotency.forgetBefore(now - DAY_MS);
      this.parts.rescheduleRollover();
    }
  }

  /** Staff actions go to the audit log, and who works which counter to the reports. */
  private recordWhoDidIt(
    command: Command,
    actor: Actor,
    events: OfficeEvent[],
    state: OfficeState,
    now: number,
  ) {
    if (actor.kind !== "staff" && actor.kind !== "operator") return;
    const { type, ...detail } = command;
    this.parts.auditLog.append(now, actor, type, detail);
    // A supervisor switching a desk's mode from the dashboard is not working at it.
    if (!("counterId" in command) || command.type === "setCounterMode" || actor.id === null) return;
    const name = actor.name ?? actor.id;
    // An office without per-clerk figures (worker-monitoring rules) does not record who called.
    for (const event of events) {
      if (event.type === "ticketCalled" && state.config.clerkFigures)
        this.parts.history.recordClerk(event.ticketId, event.counterId, actor.id, name, now);
    }
    this.parts.history.recordCounterStaff(command.counterId, actor.id, name, now);
  }
}

const sameAnswer = (answer: CommandAnswer) => answer;

export function unknownOffice(officeId: string): CommandAnswer {
  return { status: 404, body: errorBody("unknown_office", `There is no office "${officeId}".`) };
}
