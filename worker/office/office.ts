import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { startOfNextDay } from "../../shared/engine";
import { PING, PONG } from "../../shared/protocol/wire";
import { AuditLog } from "../storage/audit-log";
import { CommandPipeline } from "./command-pipeline";
import type { InternalRouter } from "./internal-router";
import { type LiveConnection, LiveConnections } from "./live-connections";
import { officeRequests, SYSTEM_ACTOR } from "./office-requests";
import { IdempotencyRecords } from "./store/idempotency";
import { OfficeStore } from "./store/office-store";
import { RevokedDevices } from "./store/revoked-devices";
import { TicketHistory } from "./store/ticket-history";

/**
 * One office, as a Durable Object: a thin shell of partyserver hooks around
 * its parts. The command pipeline (command-pipeline.ts) is the single writer
 * of the queue; the live connections (live-connections.ts) serve the
 * sockets; the Worker's requests come through one router
 * (office-requests.ts); all SQL lives in the stores (store/).
 */
export class Office extends Server<Env> {
  static override options = { hibernate: true };

  /** Time source; tests replace it to cross midnight. */
  clock: () => number = () => Date.now();

  private pipeline!: CommandPipeline;
  private live!: LiveConnections;
  private requests!: InternalRouter;

  override async onStart(): Promise<void> {
    const { storage } = this.ctx;
    const sql = storage.sql;
    const clock = () => this.clock();
    // Migrations commit together or not at all: a step failing half way must not leave
    // tables behind that make every later start fail ("table … already exists").
    const store = storage.transactionSync(() => new OfficeStore(sql));
    const auditLog = new AuditLog(sql);
    const history = new TicketHistory(sql, store.tickets);
    const revokedDevices = new RevokedDevices(sql);
    this.pipeline = new CommandPipeline({
      officeId: this.name,
      env: this.env,
      storage,
      clock,
      store,
      idempotency: new IdempotencyRecords(sql),
      auditLog,
      history,
      revokedDevices,
      publish: (firstSeq, events, state) => this.live.publish(firstSeq, events, state),
      rescheduleRollover: () => void this.scheduleRollover(),
    });
    this.live = new LiveConnections({
      ctx: this.ctx,
      env: this.env,
      clock,
      pipeline: this.pipeline,
      tickets: store.tickets,
      revokedDevices,
    });
    this.requests = officeRequests({
      officeId: this.name,
      clock,
      pipeline: this.pipeline,
      live: this.live,
      tickets: store.tickets,
      history,
      auditLog,
    });
    // Screens ping to check the line; answering without waking the object keeps that free.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    await this.scheduleRollover();
  }

  /** One alarm, always recomputed from state: the office's next local midnight. */
  private async scheduleRollover(): Promise<void> {
    const state = this.pipeline.state;
    if (!state) return;
    const due = startOfNextDay(state.day, state.config.timeZone);
    if ((await this.ctx.storage.getAlarm()) !== due) await this.ctx.storage.setAlarm(due);
  }

  override async onAlarm(): Promise<void> {
    this.pipeline.run({ type: "rollover" }, { actor: SYSTEM_ACTOR });
    await this.scheduleRollover();
  }

  override onRequest(request: Request): Response | Promise<Response> {
    return this.requests.handle(request);
  }

  override getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    return this.live.tagsFor(context.request);
  }

  override onConnect(connection: Connection, context: ConnectionContext): void {
    this.live.open(connection, context);
  }

  override onMessage(connection: LiveConnection, message: WSMessage): Promise<void> {
    return this.live.receive(connection, message);
  }
}
