import { computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import {
  AppointmentConflicts,
  type ConflictingAppointment,
} from "../../shared/client/appointment-answers";
import type { OfficeState } from "../../shared/protocol/state";
import { officePath, outcomeOf, type Request } from "./api";
import { type ConflictRow, conflictRows, type TellLink, tellLink } from "./appointment-conflicts";

/** Conflicts change with the setup (which the live state brings) or a holder's move: read this often anyway. */
export const CONFLICTS_POLL_MS = 60_000;

export interface ConflictsModelOptions {
  officeId: string;
  request: Request;
  state: ReadonlySignal<OfficeState | null>;
  lang: ReadonlySignal<string>;
  onUnauthorized: () => void;
  onForbidden: () => void;
}

/** What the last keep or cancel did: a cancelled one keeps its tell link, so staff can still tell the person. */
export type ConflictNote =
  | { kind: "kept"; code: string }
  | { kind: "cancelled"; code: string; name: string | null; tell: TellLink | null }
  | { kind: "failed"; code: string; reason: string };

/**
 * Bookings a change of setup no longer fits (issue 12, point 7): read from
 * GET …/appointment-conflicts when the office's configuration changes and
 * every minute, kept or cancelled one at a time. Nothing is cancelled
 * without a supervisor's click, and a cancellation leaves the holder's
 * contact on screen to tell them.
 */
export function createConflictsModel(options: ConflictsModelOptions) {
  const { officeId, request, state, lang } = options;
  const list = signal<ConflictingAppointment[]>([]);
  const loaded = signal(false);
  /** The booking being kept or cancelled ("keep:apt_…"). */
  const pending = signal<string | null>(null);
  const note = signal<ConflictNote | null>(null);
  const rows = computed<ConflictRow[]>(() =>
    state.value ? conflictRows(list.value, state.value, lang.value) : [],
  );

  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function read(): Promise<void> {
    clearTimeout(timer);
    if (disposed) return;
    const answer = await request("GET", officePath(officeId, "/appointment-conflicts"));
    if (disposed) return;
    if (answer.status === 200) {
      const parsed = AppointmentConflicts.safeParse(answer.body);
      if (parsed.success) {
        list.value = parsed.data.conflicts;
        loaded.value = true;
      }
    } else if (answer.status === 401) options.onUnauthorized();
    else if (answer.status === 403) options.onForbidden();
    timer = setTimeout(() => void read(), CONFLICTS_POLL_MS);
  }

  // The first read once the office is known, and again with every new configuration.
  // By its text: a frame may bring the same configuration as a new object.
  const config = computed(() => (state.value ? JSON.stringify(state.value.config) : null));
  const stopConfigEffect = effect(() => {
    if (config.value) void read();
  });

  async function resolve(id: string, action: "keep" | "cancel"): Promise<boolean> {
    if (pending.peek()) return false;
    const conflict = list.peek().find((c) => c.id === id);
    const current = state.peek();
    if (!conflict || !current) return false;
    pending.value = `${action}:${id}`;
    note.value = null;
    const answer = await request(
      "POST",
      officePath(officeId, `/appointment-conflicts/${encodeURIComponent(id)}/${action}`),
    );
    if (disposed) return false;
    pending.value = null;
    const outcome = outcomeOf(answer);
    if (outcome.ok) {
      list.value = list.peek().filter((c) => c.id !== id);
      note.value =
        action === "keep"
          ? { kind: "kept", code: conflict.code }
          : {
              kind: "cancelled",
              code: conflict.code,
              name: conflict.name,
              tell: tellLink(conflict, current),
            };
    } else {
      note.value = { kind: "failed", code: conflict.code, reason: outcome.code };
      if (answer.status === 401) options.onUnauthorized();
      if (answer.status === 403) options.onForbidden();
    }
    void read();
    return outcome.ok;
  }

  return {
    rows,
    loaded: loaded as ReadonlySignal<boolean>,
    pending: pending as ReadonlySignal<string | null>,
    note: note as ReadonlySignal<ConflictNote | null>,
    refresh: read,
    keep: (id: string) => resolve(id, "keep"),
    cancel: (id: string) => resolve(id, "cancel"),
    dismissNote(): void {
      note.value = null;
    },
    dispose(): void {
      disposed = true;
      clearTimeout(timer);
      stopConfigEffect();
    },
  };
}
