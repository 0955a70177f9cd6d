import { computed, type ReadonlySignal, signal } from "@preact/signals";
import { LiveOffice } from "../../shared/client/live-office";
import type { CounterMode } from "../../shared/protocol/config";
import { TodayFigures } from "../../shared/protocol/responses";
import { defaultRequest, type Outcome, officePath, outcomeOf, type Request } from "./api";
import { createAppointmentsModel } from "./appointments-model";
import { createConflictsModel } from "./conflicts-model";
import { counterRows, serviceRows, waitingTotal } from "./live-view";
import { switchBackAdvice, waitAlerts } from "./staffing-advice";
import { todayTotals } from "./today";

/** Today's figures are read again this often (the live socket carries the queue itself). */
export const TODAY_POLL_MS = 25_000;
/** Waits and staffing advice are estimated again this often as the clock moves. */
const ESTIMATE_STEP_MS = 15_000;

export interface LiveModelOptions {
  officeId: string;
  lang: ReadonlySignal<string>;
  /** A request answered 401: the session ended. */
  onUnauthorized: () => void;
  /** A request answered 403, or the server asked for a new connection: read the rights again. */
  onForbidden: () => void;
  request?: Request;
}

/** The last thing a supervisor did, and how it went (an aria-live line under the header). */
export interface ActionNote {
  ok: boolean;
  /** Message key under dashboard.live.done (ok) or an error code (not ok). */
  key: string;
  values: Record<string, string>;
  detail: string | null;
}

/**
 * The live view: the office's queue over the live socket
 * (role "counter", which a supervisor may open), today's figures polled from
 * /today, today's appointments (appointments-model.ts), and the supervisor's levers — a counter's mode, a service's
 * tickets for today, the displays' notice — over HTTP. Everything shown is
 * derived from the shared state, so a change made on another dashboard or a
 * counter shows here by itself.
 */
export function createLiveModel(options: LiveModelOptions) {
  const { officeId, lang } = options;
  const request = options.request ?? defaultRequest;
  const live = new LiveOffice({ officeId, role: "counter", onReconnectAsked: options.onForbidden });
  const state = live.state;
  /** Server time, ticking every second: the timers agree with the server's timestamps. */
  const now = signal(Date.now() + live.clockOffset.peek());
  const tick = setInterval(() => {
    now.value = Date.now() + live.clockOffset.peek();
  }, 1000);
  const today = signal<TodayFigures | null>(null);
  /** Which lever is being pulled ("mode:sportello-5", "today:anagrafe", "notice"). */
  const pending = signal<string | null>(null);
  const note = signal<ActionNote | null>(null);

  /**
   * The time the estimates are taken at, to the quarter minute: an appointment checked in
   * early only counts as ahead once it falls due, and the advice need not be redone each second.
   */
  const estimateTime = computed(() => Math.floor(now.value / ESTIMATE_STEP_MS) * ESTIMATE_STEP_MS);
  const services = computed(() =>
    state.value ? serviceRows(state.value, lang.value, today.value, estimateTime.value) : [],
  );
  const counters = computed(() => (state.value ? counterRows(state.value, today.value) : []));
  const alerts = computed(() => (state.value ? waitAlerts(state.value, estimateTime.value) : []));
  const switchBack = computed(() =>
    state.value ? switchBackAdvice(state.value, estimateTime.value) : [],
  );
  const totals = computed(() => todayTotals(today.value));
  const waiting = computed(() => (state.value ? waitingTotal(state.value) : 0));
  const appointments = createAppointmentsModel({
    officeId,
    request,
    state,
    now,
    lang,
    onUnauthorized: options.onUnauthorized,
    onForbidden: options.onForbidden,
  });

  const conflicts = createConflictsModel({
    officeId,
    request,
    state,
    lang,
    onUnauthorized: options.onUnauthorized,
    onForbidden: options.onForbidden,
  });

  let disposed = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  function pollToday(): void {
    clearTimeout(pollTimer);
    request("GET", officePath(officeId, "/today")).then((answer) => {
      if (disposed) return;
      if (answer.status === 200) {
        const parsed = TodayFigures.safeParse(answer.body);
        if (parsed.success) today.value = parsed.data;
      } else if (answer.status === 401) {
        options.onUnauthorized();
        return;
      } else if (answer.status === 403) {
        options.onForbidden();
        return;
      }
      pollTimer = setTimeout(pollToday, TODAY_POLL_MS);
    });
  }
  pollToday();

  async function act(
    key: string,
    method: string,
    path: string,
    body: unknown,
    done: Omit<ActionNote, "ok" | "detail">,
  ): Promise<boolean> {
    if (pending.peek()) return false;
    pending.value = key;
    note.value = null;
    const answer = await request(method, path, body);
    if (disposed) return false;
    pending.value = null;
    const outcome: Outcome = outcomeOf(answer);
    if (outcome.ok) {
      // The change itself comes back over the live socket, as it does to every other screen.
      note.value = { ok: true, ...done, detail: null };
      return true;
    }
    note.value = { ok: false, key: outcome.code, values: {}, detail: outcome.detail };
    if (answer.status === 401) options.onUnauthorized();
    if (answer.status === 403) options.onForbidden();
    return false;
  }

  function counterLabel(counterId: string): string {
    return state.peek()?.config.counters.find((c) => c.id === counterId)?.name ?? counterId;
  }

  function serviceLabel(serviceId: string): string {
    return services.peek().find((s) => s.serviceId === serviceId)?.name ?? serviceId;
  }

  return {
    officeId,
    live,
    state,
    status: live.status,
    now,
    today,
    services,
    counters,
    alerts,
    switchBack,
    totals,
    waiting,
    appointments,
    conflicts,
    pending,
    note,
    setMode(counterId: string, mode: CounterMode): Promise<boolean> {
      return act(
        `mode:${counterId}`,
        "PUT",
        officePath(officeId, `/counters/${encodeURIComponent(counterId)}/mode`),
        { mode },
        { key: "mode", values: { counter: counterLabel(counterId), mode } },
      );
    },
    setServiceToday(serviceId: string, open: boolean): Promise<boolean> {
      return act(
        `today:${serviceId}`,
        "PUT",
        officePath(officeId, `/services/${encodeURIComponent(serviceId)}/today`),
        { open },
        { key: open ? "reopened" : "closedToday", values: { service: serviceLabel(serviceId) } },
      );
    },
    setNotice(text: string | null): Promise<boolean> {
      return act(
        "notice",
        "PUT",
        officePath(officeId, "/notice"),
        { text },
        { key: text === null ? "noticeCleared" : "noticeSent", values: {} },
      );
    },
    dismissNote(): void {
      note.value = null;
    },
    refreshToday: pollToday,
    dispose(): void {
      disposed = true;
      clearInterval(tick);
      clearTimeout(pollTimer);
      appointments.dispose();
      conflicts.dispose();
      live.close();
    },
  };
}

export type LiveModel = ReturnType<typeof createLiveModel>;
