import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { ConflictRow } from "../../model/appointment-conflicts";
import type { DashboardApp } from "../../model/dashboard-app";
import type { LiveModel } from "../../model/live-model";

/**
 * Bookings a change of setup no longer fits (issue 12, point 7): when, who,
 * why, and two actions — keep it, or cancel it and tell the person. Turno
 * sends no mail: a cancellation leaves a prepared e-mail (mailto:) or the
 * number to call (tel:) on screen, in the person's language.
 */
export function ConflictsPanel({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const { conflicts } = live;
  const m = app.messages.value.dashboard.live.conflicts;
  const rows = conflicts.rows.value;
  const note = conflicts.note.value;
  const [confirming, setConfirming] = useState<string | null>(null);
  if (rows.length === 0 && !note) return null;
  const reasons = m.reasons as Record<string, string>;
  return (
    <section
      class="panel conflicts-panel"
      aria-labelledby="conflicts-title"
      data-testid="conflicts-panel"
    >
      <h2 id="conflicts-title" class="section-title">
        {m.heading}
      </h2>
      <div aria-live="polite">
        {note && (
          <div
            class={note.kind === "failed" ? "note note-error" : "note note-ok"}
            data-testid="conflicts-note"
          >
            <p>
              {note.kind === "kept"
                ? format(m.kept, { code: note.code })
                : note.kind === "cancelled"
                  ? format(m.cancelledTell, { code: note.code })
                  : format(m.failed, {
                      reason:
                        app.messages.value.dashboard.errors[
                          note.reason as keyof typeof app.messages.value.dashboard.errors
                        ] ?? note.reason,
                    })}
            </p>
            {note.kind === "cancelled" && (
              <TellAction tell={note.tell} name={note.name} m={m} testId="conflicts-note-tell" />
            )}
            <button type="button" class="note-dismiss" onClick={conflicts.dismissNote}>
              ×<span class="visually-hidden">OK</span>
            </button>
          </div>
        )}
      </div>
      {rows.length > 0 && <p class="conflicts-intro">{m.intro}</p>}
      <ul class="conflict-list">
        {rows.map((row) => (
          <li key={row.id} class="conflict" data-testid={`conflict-${row.code}`}>
            <p class="conflict-head">
              <strong>{row.when}</strong> · {row.serviceName} · <span class="code">{row.code}</span>
            </p>
            <p class="conflict-why">
              <span class="conflict-name">{row.name ?? "—"}</span>:{" "}
              {reasons[row.reason] ?? row.reason}
            </p>
            {confirming === row.id ? (
              <fieldset class="conflict-confirm">
                <legend class="visually-hidden">{m.cancel}</legend>
                <p>{format(m.cancelQuestion, { code: row.code, when: row.when })}</p>
                <div class="conflict-actions">
                  <button
                    type="button"
                    class="button-danger"
                    data-testid={`conflict-${row.code}-cancel-yes`}
                    disabled={conflicts.pending.value !== null}
                    onClick={async () => {
                      await conflicts.cancel(row.id);
                      setConfirming(null);
                    }}
                  >
                    {m.cancelYes}
                  </button>
                  <button
                    type="button"
                    class="button-secondary"
                    onClick={() => setConfirming(null)}
                  >
                    {m.cancelNo}
                  </button>
                </div>
              </fieldset>
            ) : (
              <div class="conflict-actions">
                <button
                  type="button"
                  class="button-secondary"
                  data-testid={`conflict-${row.code}-keep`}
                  disabled={conflicts.pending.value !== null}
                  onClick={() => void conflicts.keep(row.id)}
                >
                  {m.keep}
                  <span class="visually-hidden">{` (${row.code}, ${row.when})`}</span>
                </button>
                <button
                  type="button"
                  class="button-danger"
                  data-testid={`conflict-${row.code}-cancel`}
                  disabled={conflicts.pending.value !== null}
                  onClick={() => setConfirming(row.id)}
                >
                  {m.cancel}
                  <span class="visually-hidden">{` (${row.code}, ${row.when})`}</span>
                </button>
                <TellAction
                  tell={row.tell}
                  name={row.name}
                  m={m}
                  testId={`conflict-${row.code}-tell`}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type ConflictWords = DashboardApp["messages"]["value"]["dashboard"]["live"]["conflicts"];

/** The prepared e-mail or the number to call; staff send it themselves. */
function TellAction({
  tell,
  name,
  m,
  testId,
}: {
  tell: ConflictRow["tell"];
  name: string | null;
  m: ConflictWords;
  testId: string;
}) {
  if (!tell) return <p class="muted">{m.noContact}</p>;
  return (
    <a class="button-link conflict-tell" href={tell.href} data-testid={testId}>
      {format(tell.kind === "email" ? m.write : m.call, { contact: tell.contact })}
      {name && <span class="visually-hidden"> ({format(m.tell, { name })})</span>}
    </a>
  );
}
