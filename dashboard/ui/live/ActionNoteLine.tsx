import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import type { LiveModel } from "../../model/live-model";

/** What the last lever did, or why it did not: read out by screen readers as it changes. */
export function ActionNoteLine({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard;
  const note = live.note.value;
  let text = "";
  if (note?.ok) {
    const values = { ...note.values };
    if (note.key === "mode" && values.mode)
      values.mode = m.modes[values.mode as keyof typeof m.modes];
    text = format(m.live.done[note.key as keyof typeof m.live.done] ?? "", values);
  } else if (note) {
    text = m.errors[note.key as keyof typeof m.errors] ?? m.errors.generic;
  }
  return (
    <div class="note-line" aria-live="polite">
      {note && (
        <p
          class={note.ok ? "note note-ok" : "note note-error"}
          data-testid="action-note"
          data-ok={String(note.ok)}
        >
          <span>{text}</span>
          {!note.ok && note.detail && <span class="note-detail">{note.detail}</span>}
          <button type="button" class="note-dismiss" onClick={live.dismissNote}>
            ×<span class="visually-hidden">OK</span>
          </button>
        </p>
      )}
    </div>
  );
}
