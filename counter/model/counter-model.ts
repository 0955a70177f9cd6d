import { computed, effect, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import { requestJson } from "../../shared/client/http";
import { LiveOffice } from "../../shared/client/live-office";
import { rememberLanguage, staffLanguage } from "../../shared/client/staff-language";
import { counterMessages } from "../../shared/i18n/counter";
import type { Ticket } from "../../shared/protocol/ticket";
import { createCounterCheckIn } from "./appointment-check-in";
import { appointmentMarkerOf } from "./appointment-marker";
import { createCounterActions } from "./counter-actions";
import { createCounterNavigation } from "./counter-navigation";
import {
  ACTION_IDS,
  type ActionId,
  availableActions,
  counterQueue,
  counterViewOf,
  primaryAction,
  refusalFor,
  situationKey,
  transferTargets,
} from "./counter-view";
import type { ActionProblem } from "./errors";

export interface CounterModelOptions {
  officeId: string;
  /** The clerk's language choice, kept by the page across sign-ins. */
  chosenLanguage: Signal<string | null>;
  /** Supervisors and admins may change a counter's mode (pause, back office); clerks may not. */
  canChangeMode: ReadonlySignal<boolean>;
  /** A command answered 401: the session ended. */
  onUnauthorized: () => void;
  /** A command answered 403, or the server asked for a new connection (1012): read the person's rights again. */
  onForbidden: () => void;
}

/**
 * Everything the counter console shows and does, as signals: the live office
 * (one socket, role "counter"), the chosen counter, the clerk's language and
 * the actions. Components only render this. Everything shown is derived
 * from the shared live state, so a second browser on the same counter shows
 * exactly the same thing. It exists only while someone with a grant for the
 * office is signed in (counter-app.ts): the socket goes with the session.
 */
export function createCounterModel(options: CounterModelOptions) {
  const { officeId, chosenLanguage, canChangeMode } = options;
  const live = new LiveOffice({ officeId, role: "counter", onReconnectAsked: options.onForbidden });
  const state = live.state;
  const navigation = createCounterNavigation(officeId);
  const { counterId } = navigation;
  /** Server time, ticking every second: timers agree with the server's timestamps. */
  const now = signal(Date.now() + live.clockOffset.peek());
  const refreshNow = () => {
    now.value = Date.now() + live.clockOffset.peek();
  };
  const tick = setInterval(refreshNow, 1000);

  const lang = computed(() => staffLanguage(state.value?.config.languages, chosenLanguage.value));
  const messages = computed(() => counterMessages(lang.value));
  const view = computed(() => {
    const id = counterId.value;
    return state.value && id ? counterViewOf(state.value, id) : null;
  });
  const openCounterId = computed(() => view.value?.counter.id ?? null);
  const counterName = computed(() => view.value?.counter.name ?? null);
  /** The URL named a counter this office does not have. */
  const unknownCounterId = computed(() =>
    state.value && counterId.value && !view.value ? counterId.value : null,
  );
  // In call order now: an appointment not due yet waits at the end, as call-next skips it.
  const queue = computed(() =>
    state.value && view.value ? counterQueue(state.value, view.value.counter, now.value) : null,
  );
  /** Whether some service takes appointments: then the console can check people in. */
  const takesAppointments = computed(
    () => state.value?.config.services.some((s) => s.mode !== "walk-in") ?? false,
  );
  const checkIn = createCounterCheckIn({
    officeId,
    post: (path, body, headers) => requestJson("POST", path, body, undefined, headers),
    onUnauthorized: options.onUnauthorized,
    onForbidden: options.onForbidden,
  });
  /** An appointment's time and whether it is due, for the queue's rows and the current ticket. */
  function appointmentMarker(ticket: Ticket) {
    const config = state.peek()?.config;
    return config ? appointmentMarkerOf(ticket, config, now.value) : null;
  }
  /** Which actions make sense now: the socket is up and the counter's state allows them. */
  const enabled = computed<Record<ActionId, boolean>>(() => {
    const v = view.value;
    const allowed = v ? availableActions(v) : null;
    const connected = live.status.value === "live";
    const result = {} as Record<ActionId, boolean>;
    for (const action of ACTION_IDS) result[action] = connected && allowed?.[action] === true;
    if (!canChangeMode.value) result.pause = result.frontBack = false;
    if (!takesAppointments.value) result.checkIn = false;
    return result;
  });
  /** Queue rows call their ticket only when "call next" could call. */
  const canCallChosen = computed(() => enabled.value.callNext);
  /** Why calling is not possible now (the queue panel says so instead of its usual hint). */
  const callBlocked = computed<ActionProblem | null>(() => {
    const v = view.value;
    if (!v) return null;
    const code = live.status.value === "live" ? refusalFor(v, "callTicket") : "offline";
    return code ? { code, detail: null, mode: v.mode } : null;
  });
  const primary = computed(() => (view.value ? primaryAction(view.value) : "callNext"));
  const targets = computed(() =>
    state.value && view.value ? transferTargets(state.value, view.value) : null,
  );

  const situation = computed(() =>
    view.value
      ? situationKey(view.value, queue.value?.total ?? 0, live.status.value === "live")
      : null,
  );
  const actions = createCounterActions({
    live,
    view,
    situation,
    canChangeMode,
    takesAppointments,
    openCheckIn: checkIn.open,
    onAnswer: refreshNow,
    onUnauthorized: options.onUnauthorized,
    onForbidden: options.onForbidden,
  });
  navigation.rememberWhenOpen(openCounterId);
  // Another counter (chooser, back button): nothing of the last one's dialog or message stays.
  const stopCounterEffect = effect(() => {
    counterId.value;
    actions.closeTransfer();
    checkIn.close();
    actions.dismissProblem();
    // A no-show waiting for its window is about the last counter's ticket: it is not sent.
    actions.undoNoShow();
  });

  // The page says which language it speaks and which counter it drives.
  const stopDocumentEffect = effect(() => {
    document.documentElement.lang = lang.value;
    const appName = messages.value.counter.appName;
    document.title = counterName.value ? `${counterName.value} — ${appName}` : appName;
  });

  return {
    officeId,
    live,
    state,
    status: live.status,
    counterId,
    rememberedId: navigation.rememberedId,
    lang,
    messages,
    now,
    view,
    unknownCounterId,
    queue,
    enabled,
    canCallChosen,
    callBlocked,
    primary,
    targets,
    pending: actions.pending,
    problem: actions.problem,
    pendingNoShow: actions.pendingNoShow,
    undoNoShow: actions.undoNoShow,
    transferOpen: actions.transferOpen,
    canChangeMode,
    takesAppointments,
    checkIn,
    appointmentMarker,
    run: actions.run,
    callTicket: actions.callTicket,
    transferTo: actions.transferTo,
    closeTransfer: actions.closeTransfer,
    dismissProblem: actions.dismissProblem,
    chooseCounter: navigation.choose,
    switchCounter: navigation.showChooser,
    setLanguage(next: string): void {
      chosenLanguage.value = next;
      rememberLanguage("counter", next);
    },
    dispose(): void {
      clearInterval(tick);
      actions.dispose();
      navigation.dispose();
      stopDocumentEffect();
      stopCounterEffect();
      live.close();
    },
  };
}

export type CounterModel = ReturnType<typeof createCounterModel>;
