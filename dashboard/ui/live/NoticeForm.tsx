import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatTimeOfDay } from "../../model/format";
import type { LiveModel } from "../../model/live-model";

const MAX_NOTICE = 280;

/** A notice on every waiting-room display, until cleared. */
export function NoticeForm({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard.live.notice;
  const state = live.state.value!;
  const notice = state.notice;
  const [text, setText] = useState("");
  const [empty, setEmpty] = useState(false);
  const busy = live.pending.value !== null;
  return (
    <section class="panel notice-panel" aria-labelledby="notice-title">
      <h2 id="notice-title" class="section-title">
        {m.heading}
      </h2>
      {notice ? (
        <div class="notice-current" data-testid="notice-current">
          <p class="muted">
            {format(m.current, {
              time: formatTimeOfDay(notice.at, state.config.timeZone, app.lang.value),
            })}
          </p>
          <blockquote class="notice-text">{notice.text}</blockquote>
          <button
            type="button"
            class="button-secondary"
            disabled={busy}
            data-testid="notice-clear"
            onClick={() => void live.setNotice(null)}
          >
            {m.clear}
          </button>
        </div>
      ) : (
        <p class="muted" data-testid="notice-none">
          {m.none}
        </p>
      )}
      <form
        class="notice-form"
        data-testid="notice-form"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = text.trim();
          if (!trimmed) {
            setEmpty(true);
            return;
          }
          void live.setNotice(trimmed).then((ok) => {
            if (ok) setText("");
          });
        }}
      >
        <label for="notice-text" class="field-label">
          {m.label}
        </label>
        <textarea
          id="notice-text"
          rows={3}
          maxLength={MAX_NOTICE}
          value={text}
          aria-describedby="notice-hint notice-count"
          aria-invalid={empty}
          data-testid="notice-input"
          onInput={(event) => {
            setText(event.currentTarget.value);
            setEmpty(false);
          }}
        />
        <div class="field-help">
          <span id="notice-hint">{empty ? m.empty : m.hint}</span>
          <span id="notice-count" class="count">
            {format(m.count, { n: text.length })}
          </span>
        </div>
        <button type="submit" class="button-primary" disabled={busy} data-testid="notice-send">
          {notice ? m.replace : m.send}
        </button>
      </form>
    </section>
  );
}
