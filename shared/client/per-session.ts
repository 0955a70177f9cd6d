import { effect, type ReadonlySignal, signal, untracked } from "@preact/signals";
import type { StaffSession } from "./staff-session";

/**
 * What a staff page holds for one signed-in session (the counter's console,
 * the dashboard's workspace, each with its live socket): opened when the
 * session is ready, opened anew for each sign-in or renewal (or when
 * `variant` changes), disposed when the session ends. When the server turns
 * its socket away, the session is asked again: it may be over.
 */
export function perSession<T extends { dispose(): void }>(
  session: StaffSession,
  options: {
    /** Read inside an effect: the signals it reads decide when to look again. */
    ready: () => boolean;
    /** A value that needs a new one when it changes (e.g. the admin's extra models). */
    variant?: () => unknown;
    open: () => T;
    /** The server refused its socket (4401/4403). */
    denied: (current: T) => boolean;
  },
): { current: ReadonlySignal<T | null>; dispose(): void } {
  const current = signal<T | null>(null);
  let openedFor: { generation: number; variant: unknown } | null = null;

  const stopOpening = effect(() => {
    const ready = options.ready();
    const generation = session.generation.value;
    const variant = options.variant?.();
    untracked(() => {
      const existing = current.peek();
      const stale = openedFor?.generation !== generation || openedFor?.variant !== variant;
      if (existing && (!ready || stale)) {
        existing.dispose();
        current.value = null;
      }
      if (ready && !current.peek()) {
        openedFor = { generation, variant };
        current.value = options.open();
      }
    });
  });

  const stopDenial = effect(() => {
    const open = current.value;
    if (open && options.denied(open)) untracked(session.lost);
  });

  return {
    current,
    dispose() {
      stopOpening();
      stopDenial();
      current.peek()?.dispose();
    },
  };
}
