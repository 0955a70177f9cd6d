import { effect, type ReadonlySignal, signal } from "@preact/signals";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";
import type { LiveOffice } from "../../shared/client/live-office";
import type { CommandInput } from "../../shared/protocol/commands";
import type { CounterMode } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";
import { type ActionId, type CounterView, refusalFor } from "./counter-view";
import { type ActionProblem, problemFrom } from "./errors";
import { createNoShowUndo } from "./no-show-undo";

/** A refusal stays on screen this long unless the clerk acts or dismisses it first. */
const PROBLEM_MS = 15_000;

type SimpleCommandType = "callNext" | "recall" | "startService" | "complete" | "noShow";

export type TransferDestination = { toServiceId: string } | { toCounterId: string };

/**
 * What the clerk's presses do: each one is checked against the counter's
 * state (and explained if it cannot be done), then sent over the counter's
 * socket with its own idempotency key. Success is never assumed: the screen
 * changes when the live state does; only a refusal is shown from the answer.
 */
export function createCounterActions(options: {
  live: LiveOffice;
  view: ReadonlySignal<CounterView | null>;
  /**
   * What a problem is about (the counter's mode and ticket, whether anyone
   * waits, the link): when it changes, the problem shown no longer applies.
   */
  situation: ReadonlySignal<string | null>;
  /** Whether this person may change the counter's mode (supervisor or admin). */
  canChangeMode: ReadonlySignal<boolean>;
  /** Whether some service of the office takes appointments (else there is nothing to check in). */
  takesAppointments: ReadonlySignal<boolean>;
  /** Opens the check-in dialog (appointment-check-in.ts). */
  openCheckIn: () => void;
  /** Called after every answer, so timers restart from the server's time at once. */
  onAnswer: () => void;
  /** The server answered 401: the session is over (the console goes back to the login). */
  onUnauthorized: () => void;
  /** The server answered 403: the person's rights may have changed. */
  onForbidden: () => void;
}) {
  const { live, view } = options;
  /** The last action still waiting for its answer (its button shows it). */
  const pending = signal<ActionId | "callTicket" | null>(null);
  const problem = signal<ActionProblem | null>(null);
  const transferOpen = signal(false);
  let inFlight = 0;
  /** The state the last action was decided on. */
  let sentOnState: OfficeState | null = null;
  let problemTimer: ReturnType<typeof setTimeout> | undefined;
  /** The situation the problem on screen was shown in. */
  let problemSituation: string | null = null;

  function showProblem(next: ActionProblem | null): void {
    clearTimeout(problemTimer);
    problem.value = next;
    problemSituation = options.situation.peek();
    if (next) problemTimer = setTimeout(() => (problem.value = null), PROBLEM_MS);
  }

  // Another browser started the ticket, someone arrived, the link came back:
  // a message about how things were goes as soon as they change.
  const stopSituationEffect = effect(() => {
    const situation = options.situation.value;
    if (problem.peek() && situation !== problemSituation) showProblem(null);
  });

  const noShowUndo = createNoShowUndo({
    send: () => {
      const counterId = view.peek()?.counter.id;
      return counterId ? send("noShow", { type: "noShow", counterId }) : Promise.resolve();
    },
    stillCalled: (ticketId) => {
      const current = view.peek()?.current;
      return current?.id === ticketId && current.status === "called";
    },
  });
  // The ticket was started, sent elsewhere or marked by another browser: nothing left to mark.
  const stopStaleEffect = effect(() => {
    view.value;
    noShowUndo.dropIfStale();
  });

  /**
   * While a no-show waits for its undo window: what goes on with the person
   * (recall, start, complete, transfer) takes it back; what moves on from
   * them (call next, a chosen ticket, pause, back office) sends it first.
   */
  function settleNoShow(action: ActionId | "callTicket", then: () => void): void {
    if (!noShowUndo.pending.peek()) {
      then();
      return;
    }
    if (["recall", "start", "complete", "transfer"].includes(action)) {
      noShowUndo.undo();
      then();
    } else {
      void noShowUndo.commit().then(then);
    }
  }

  async function send(action: ActionId | "callTicket", command: CommandInput): Promise<void> {
    const mode: CounterMode = view.peek()?.mode ?? "closed";
    sentOnState = live.state.peek();
    inFlight++;
    pending.value = action;
    showProblem(null);
    try {
      const result = await live.command(command, newIdempotencyKey("counter"));
      if (result.status < 200 || result.status >= 300) showProblem(problemFrom(result.body, mode));
      options.onAnswer();
      if (result.status === 401) options.onUnauthorized();
      if (result.status === 403) options.onForbidden();
    } finally {
      inFlight--;
      if (inFlight === 0) pending.value = null;
    }
  }

  /**
   * A second press while an answer is due, on a screen that has not changed
   * since: a double click, dropped. Once the new state shows (the answer's
   * events arrive just before the answer), the next press is deliberate.
   */
  function isDoublePress(): boolean {
    return inFlight > 0 && live.state.peek() === sentOnState;
  }

  /**
   * Runs an action if it makes sense now; otherwise says why (a shortcut or a
   * queue row used at the wrong moment), without asking the server.
   */
  function attempt(action: ActionId | "callTicket", act: (counterId: string) => void): void {
    const v = view.peek();
    if (!v || isDoublePress()) return;
    const refusal = live.status.peek() === "live" ? refusalFor(v, action) : "offline";
    if (
      !refusal &&
      !options.canChangeMode.peek() &&
      (action === "pause" || action === "frontBack")
    ) {
      // The server would refuse it (403): say who can, without asking.
      showProblem({ code: "needs_supervisor", detail: null, mode: v.mode });
      return;
    }
    if (refusal) showProblem({ code: refusal, detail: null, mode: v.mode });
    else act(v.counter.id);
  }

  const simple = (action: ActionId, type: SimpleCommandType) => () =>
    attempt(action, (counterId) => void send(action, { type, counterId }));

  const byAction = {
    callNext: simple("callNext", "callNext"),
    recall: simple("recall", "recall"),
    start: simple("start", "startService"),
    complete: simple("complete", "complete"),
    noShow: () =>
      attempt("noShow", () => {
        const current = view.peek()?.current;
        if (current) noShowUndo.begin(current);
      }),
    transfer: () =>
      attempt("transfer", () => {
        showProblem(null);
        transferOpen.value = true;
      }),
    /** Pause ↔ front office (a closed counter opens with the same button). */
    pause: () =>
      attempt("pause", (counterId) => {
        const mode = view.peek()?.mode;
        const next = mode === "paused" || mode === "closed" ? "front" : "paused";
        void send("pause", { type: "setCounterMode", counterId, mode: next });
      }),
    /** Back office ↔ front office. */
    frontBack: () =>
      attempt("frontBack", (counterId) => {
        const next = view.peek()?.mode === "back-office" ? "front" : "back-office";
        void send("frontBack", { type: "setCounterMode", counterId, mode: next });
      }),
    checkIn: () =>
      attempt("checkIn", () => {
        const mode = view.peek()?.mode ?? "closed";
        if (!options.takesAppointments.peek()) {
          showProblem({ code: "no_appointment_services", detail: null, mode });
          return;
        }
        showProblem(null);
        options.openCheckIn();
      }),
  } satisfies Record<ActionId, () => void>;

  return {
    pending,
    problem,
    transferOpen,
    /** The no-show waiting for its undo window, if any. */
    pendingNoShow: noShowUndo.pending,
    run(action: ActionId): void {
      // A check-in is about someone else at the desk: a no-show in its undo window waits on.
      if (action === "noShow" || action === "checkIn") byAction[action]();
      else settleNoShow(action, () => byAction[action]());
    },
    /** Calls a chosen ticket out of queue order. */
    callTicket(ticketId: string): void {
      settleNoShow("callTicket", () =>
        attempt(
          "callTicket",
          (counterId) => void send("callTicket", { type: "callTicket", counterId, ticketId }),
        ),
      );
    },
    /** Takes back the waiting no-show: nothing is sent. */
    undoNoShow(): void {
      noShowUndo.undo();
    },
    transferTo(destination: TransferDestination): void {
      transferOpen.value = false;
      attempt(
        "transfer",
        (counterId) => void send("transfer", { type: "transfer", counterId, ...destination }),
      );
    },
    closeTransfer(): void {
      transferOpen.value = false;
    },
    showProblem,
    dismissProblem(): void {
      showProblem(null);
    },
    dispose(): void {
      clearTimeout(problemTimer);
      stopSituationEffect();
      stopStaleEffect();
      noShowUndo.dispose();
    },
  };
}
