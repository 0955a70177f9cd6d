import { type ReadonlySignal, signal } from "@preact/signals";

/** How long a no-show (X) can still be taken back before it is sent. */
export const NO_SHOW_UNDO_MS = 6_000;

export interface PendingNoShow {
  ticketId: string;
  code: string;
  /** Whole seconds left before it is sent, for the countdown. */
  secondsLeft: number;
}

/**
 * A no-show waits a few seconds in the browser before it is sent, so a
 * slipped X (even a second after the call) can be undone honestly: nothing
 * has reached the server, nobody else saw it. When the window ends, or the
 * clerk moves on (call next, X again), it is sent; if the ticket has left
 * the counter or started meanwhile, it is dropped, never sent for someone else.
 */
export function createNoShowUndo(options: {
  /** Sends the no-show for the counter's current ticket. */
  send: () => Promise<void>;
  /** Whether `ticketId` is still the counter's called ticket (the one the no-show is about). */
  stillCalled: (ticketId: string) => boolean;
  windowMs?: number;
}) {
  const windowMs = options.windowMs ?? NO_SHOW_UNDO_MS;
  const pending = signal<PendingNoShow | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let deadline = 0;

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    pending.value = null;
  }

  function tick(): void {
    const current = pending.peek();
    if (!current) return;
    const left = deadline - Date.now();
    if (left <= 0) {
      void commit();
      return;
    }
    const secondsLeft = Math.ceil(left / 1000);
    if (secondsLeft !== current.secondsLeft) pending.value = { ...current, secondsLeft };
  }

  /** Sends the waiting no-show now (if it still applies); resolves once answered. */
  async function commit(): Promise<void> {
    const current = pending.peek();
    stop();
    if (current && options.stillCalled(current.ticketId)) await options.send();
  }

  return {
    pending: pending as ReadonlySignal<PendingNoShow | null>,
    /** X pressed on a called ticket: wait for the window; X again sends it at once. */
    begin(ticket: { id: string; code: string }): void {
      if (pending.peek()?.ticketId === ticket.id) {
        void commit();
        return;
      }
      stop();
      deadline = Date.now() + windowMs;
      pending.value = {
        ticketId: ticket.id,
        code: ticket.code,
        secondsLeft: Math.ceil(windowMs / 1000),
      };
      // Four ticks a second keep the countdown within a quarter second of the truth.
      timer = setInterval(tick, 250);
    },
    commit,
    /** Undo: nothing is sent. */
    undo(): void {
      stop();
    },
    /** The counter's state moved on (another browser acted): a no-show about it no longer applies. */
    dropIfStale(): void {
      const current = pending.peek();
      if (current && !options.stillCalled(current.ticketId)) stop();
    },
    dispose: stop,
  };
}
