import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { startOfNextDay } from "../../shared/engine";
import { PING, PONG } from "../../shared/protocol/wire";
import { CLOSE_SIGNED_OUT } from "../../shared/protocol/wire-constants";
import { sessionTag } from "../live/socket-tags";
import { AuditLog } from "../storage/audit-log";
import { retentionPeriods } from "../storage/retention";
import { alarmTime } from "./alarm-time";
import { AppointmentCheckIn } from "./appointment-check-in";
import { nextAppointmentWork, runAppointmentWork } from "./appointment-upkeep";
import { Bookings } from "./bookings";
import { CommandPipeline } from "./command-pipeline";
import type { InternalRouter } from "./internal-router";
import { type ConnectionInfo, type LiveConnection, LiveConnections } from "./live-connections";
import { type CommandReply, commandReply, officeRequests, SYSTEM_ACTOR } from "./office-requests";
import { runOfficeRetention } from "./office-retention";
import { SessionWatch } from "./session-watch";
import { AppointmentsTable } from "./store/appointments-table";
import { FeedbackTable } from "./store/feedback-table";
import { IdempotencyRecords } from "./store/idempotency";
import { OfficeStore } from "./store/office-store";
import { RemoteTicketLimits } from "./store/remote-ticket-limits";
import { RevokedDevices } from "./store/revoked-devices";
import { TicketHistory } from "./store/ticket-history";
import { UsedProofs } from "./store/used-proofs";
import { WebhookEndpoints } from "./store/webhook-endpoints";
import { WebhookOutbox } from "./store/webhook-outbox";
import { WEBHOOK_TIMEOUT_MS, WebhookDelivery, type WebhookSend } from "./webhooks/delivery";
import { WebhookPublisher } from "./webhooks/publisher";

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
  /** How webhooks leave the office; tests put a receiver of their own here. */
  webhookSend: WebhookSend = (url, init) => fetch(url, init);
  /** How long a webhook attempt may take; tests shorten it to time out quickly. */
  webhookTimeoutMs = WEBHOOK_TIMEOUT_MS;

  private pipeline!: CommandPipeline;
  private live!: LiveConnections;
  private requests!: InternalRouter;
  private appointments!: AppointmentsTable;
  private sessionWatch!: SessionWatch;
  private webhooks!: WebhookPublisher;
  private webhookDelivery!: WebhookDelivery;
  /** Deletes and cuts what has been kept long enough (office-retention.ts). */
  private retention!: (today: string, now: number) => { more: boolean };
  /** Retention left work for a next run: the alarm comes back soon (the real clock's now). */
  private retentionDue: number | null = null;

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
    const idempotency = new IdempotencyRecords(sql);
    const feedback = new FeedbackTable(sql);
    this.appointments = new AppointmentsTable(sql);
    const webhookEndpoints = new WebhookEndpoints(sql);
    const webhookOutbox = new WebhookOutbox(sql);
    const periods = retentionPeriods(this.env);
    this.retention = (today, now) =>
      runOfficeRetention(
        { sql, tickets: store.tickets, history, idempotency, webhookOutbox, feedback },
        periods,
        today,
        now,
      );
    const reschedule = () => void this.scheduleAlarm();
    let wakeQueued = false;
    this.webhooks = new WebhookPublisher({
      endpoints: webhookEndpoints,
      outbox: webhookOutbox,
      lookupTicket: (id) => store.tickets.byId(id),
      // Inside a transaction: the alarm is recomputed once it has committed, once per command.
      queued: () => {
        if (wakeQueued) return;
        wakeQueued = true;
        queueMicrotask(() => {
          wakeQueued = false;
          reschedule();
        });
      },
    });
    this.webhookDelivery = new WebhookDelivery({
      officeId: this.name,
      storage,
      endpoints: webhookEndpoints,
      outbox: webhookOutbox,
      clock,
      send: () => this.webhookSend,
      timeoutMs: () => this.webhookTimeoutMs,
      endpointsChanged: () => this.webhooks.endpointsChanged(),
    });
    const bookings = new Bookings({
      officeId: this.name,
      storage,
      clock,
      config: () => this.pipeline.state?.config ?? null,
      appointments: this.appointments,
      idempotency,
      usedProofs: new UsedProofs(sql),
      auditLog,
      reschedule,
      webhooks: this.webhooks,
    });
    this.pipeline = new CommandPipeline({
      officeId: this.name,
      env: this.env,
      storage,
      clock,
      store,
      idempotency,
      auditLog,
      history,
      revokedDevices,
      remoteLimits: new RemoteTicketLimits(sql),
      publish: (firstSeq, events, state) => this.live.publish(firstSeq, events, state),
      rescheduleRollover: () => void this.scheduleAlarm(),
      afterConfigured: (config, now) => bookings.recheckConflicts(config, now),
      webhooks: this.webhooks,
    });
    this.sessionWatch = new SessionWatch({
      storage,
      endsOf: (ids) => this.env.Directory.getByName("directory").sessionEnds(ids),
      hasSockets: (id) => this.ctx.getWebSockets(sessionTag(id)).length > 0,
      closeSession: (id) =>
        this.live.close({
          tag: sessionTag(id),
          code: CLOSE_SIGNED_OUT,
          reason: "session ended",
          errorCode: "not_signed_in",
        }),
    });
    await this.sessionWatch.load();
    this.live = new LiveConnections({
      ctx: this.ctx,
      env: this.env,
      clock,
      pipeline: this.pipeline,
      tickets: store.tickets,
      revokedDevices,
      connections: (tag) => this.getConnections<ConnectionInfo>(tag),
      watchSession: (id, endsAt) => {
        if (this.sessionWatch.watch(id, endsAt)) void this.scheduleAlarm();
      },
    });
    this.requests = officeRequests({
      officeId: this.name,
      clock,
      pipeline: this.pipeline,
      live: this.live,
      tickets: store.tickets,
      history,
      appointments: this.appointments,
      auditLog,
      feedback,
      bookings,
      checkIn: new AppointmentCheckIn({
        officeId: this.name,
        clock,
        pipeline: this.pipeline,
        appointments: this.appointments,
        idempotency,
        reschedule,
        webhooks: this.webhooks,
      }),
      webhooks: {
        storage,
        clock,
        endpoints: webhookEndpoints,
        outbox: webhookOutbox,
        publisher: this.webhooks,
        auditLog,
        reschedule,
      },
    });
    // Screens ping to check the line; answering without waking the object keeps that free.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    await this.scheduleAlarm();
  }

  /**
   * One alarm, always recomputed from state: the earliest of the office's
   * next local midnight, the next appointment whose grace period ends, the
   * next erasure of an appointment's personal data, and the earliest time a
   * staff socket's session could end (session-watch.ts), the next webhook
   * attempt due (webhooks/delivery.ts); sooner when the last retention run
   * left work (it runs at every alarm, so at least daily).
   */
  private async scheduleAlarm(): Promise<void> {
    const state = this.pipeline.state;
    if (!state) return;
    const rollover = startOfNextDay(state.day, state.config.timeZone);
    const appointments = nextAppointmentWork(this.appointments, state.config);
    const sessions = this.sessionWatch.next();
    const webhooks = this.webhookDelivery.nextDue();
    const earliest = Math.min(
      rollover,
      appointments ?? Number.POSITIVE_INFINITY,
      sessions ?? Number.POSITIVE_INFINITY,
      this.retentionDue ?? Number.POSITIVE_INFINITY,
      webhooks ?? Number.POSITIVE_INFINITY,
    );
    const due = alarmTime(earliest);
    const set = await this.ctx.storage.getAlarm();
    // An alarm already set between the work's time and the one-second floor serves it: moving
    // it to a second from now at each new event would put webhooks off while events keep coming.
    if (set !== null && set >= earliest && set <= due) return;
    if (set !== due) await this.ctx.storage.setAlarm(due);
  }

  /** Whatever is due now, judged from the rows: running it twice changes nothing the second time. */
  override async onAlarm(): Promise<void> {
    this.pipeline.run({ type: "rollover" }, { actor: SYSTEM_ACTOR });
    const state = this.pipeline.state;
    if (state) {
      const now = this.clock();
      this.ctx.storage.transactionSync(() =>
        runAppointmentWork(this.appointments, state.config, now, this.webhooks),
      );
      const { more } = this.ctx.storage.transactionSync(() => this.retention(state.day, now));
      this.retentionDue = more ? Date.now() : null;
    }
    // The real clock: sessions end by the Directory's time, not the office's test clock.
    await this.sessionWatch.checkDue(Date.now());
    // Last: the rollover and the rest never wait behind a slow endpoint. Commands go on
    // being served while a delivery is out; each run is bounded (delivery.ts).
    await this.webhookDelivery.run();
    await this.scheduleAlarm();
  }

  /** A queue command by RPC, the Worker's hot path (client.ts). */
  async runCommand(input: unknown): Promise<CommandReply> {
    await this.__unsafe_ensureInitialized();
    return commandReply(this.pipeline, input);
  }

  override onRequest(request: Request): Response | Promise<Response> {
    return this.requests.handle(request);
  }

  override getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    return this.live.tagsFor(context.request);
  }

  override onConnect(connection: LiveConnection, context: ConnectionContext): void {
    this.live.open(connection, context);
  }

  /**
   * Frames of a socket the office is closing or has silenced (live-limits.ts) stop here,
   * before partyserver reads the socket's attachment: a flooding client's backlog costs a
   * check each.
   */
  override webSocketMessage(ws: WebSocket, message: WSMessage): Promise<void> {
    // After a wake from hibernation `live` is not built yet (partyserver's start builds it),
    // and nothing is silenced: silencing is kept in memory only.
    const silenced = this.live?.isSilenced(ws) === true;
    if (ws.readyState !== WebSocket.OPEN || silenced) return Promise.resolve();
    return super.webSocketMessage(ws, message);
  }

  override onMessage(connection: LiveConnection, message: WSMessage): Promise<void> {
    return this.live.receive(connection, message);
  }
}
