import { useEffect, useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { WebhookEndpointView } from "../../../shared/protocol/webhooks";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatDateTime } from "../../model/format";
import { problemText } from "../../model/problem-text";
import type { WebhooksModel } from "../../model/webhooks-model";
import { EMPTY_WEBHOOK, WebhookForm } from "./WebhookForm";

/**
 * Setup's webhooks (issue 15): add an endpoint (URL, events, contact opt-in),
 * see its secret once, and for each endpoint its state, a change of URL or
 * events, a new secret, on and off, a test event and the delivery log.
 */
export function WebhooksSection({ app, webhooks }: { app: DashboardApp; webhooks: WebhooksModel }) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.webhooks;
  const lang = app.lang.value;
  const timeZone = app.workspace.value?.live.state.value?.config.timeZone ?? "UTC";
  const endpoints = webhooks.endpoints.value;
  const problem = webhooks.problem.value;
  const secret = webhooks.secret.value;
  const busy = webhooks.busy.value;
  const words = problem ? problemText(problem, messages, lang) : null;
  useEffect(() => {
    void webhooks.load();
  }, [webhooks]);

  return (
    <section
      class="panel setup-section"
      aria-labelledby="webhooks-title"
      data-testid="setup-webhooks"
    >
      <h2 id="webhooks-title" class="section-title">
        {m.heading}
      </h2>
      <p class="muted">{m.hint}</p>
      {secret && (
        <div class="webhook-secret" role="status" data-testid="webhook-secret">
          <p>{format(m.secretTitle, { url: secret.url })}</p>
          <code class="webhook-secret-value" data-testid="webhook-secret-value">
            {secret.secret}
          </code>
          <p class="field-hint">{m.secretHint}</p>
          <button
            type="button"
            class="button-secondary button-small"
            onClick={webhooks.dismissSecret}
          >
            {m.secretDone}
          </button>
        </div>
      )}
      <WebhookForm
        app={app}
        initial={EMPTY_WEBHOOK}
        idPrefix="webhook"
        testIdPrefix="webhook"
        submitLabel={m.create}
        submitTestId="webhook-create"
        busy={busy !== null}
        onSubmit={webhooks.create}
      />
      {words && (
        <p class="note note-error" role="alert" data-testid="webhooks-error">
          {words.message}
          {words.detail && <span class="note-detail">{words.detail}</span>}
        </p>
      )}
      <h3 class="subsection-title">{m.list}</h3>
      {endpoints && endpoints.length === 0 && <p class="muted">{m.none}</p>}
      {endpoints && endpoints.length > 0 && (
        <ul class="webhook-list" data-testid="webhook-list">
          {endpoints.map((endpoint) => (
            <EndpointItem
              key={endpoint.id}
              app={app}
              webhooks={webhooks}
              endpoint={endpoint}
              timeZone={timeZone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function EndpointItem({
  app,
  webhooks,
  endpoint,
  timeZone,
}: {
  app: DashboardApp;
  webhooks: WebhooksModel;
  endpoint: WebhookEndpointView;
  timeZone: string;
}) {
  const m = app.messages.value.dashboard.setup.webhooks;
  const lang = app.lang.value;
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const busy = webhooks.busy.value !== null;
  const log = webhooks.log.value?.endpointId === endpoint.id ? webhooks.log.value : null;
  const when = (instant: number) => formatDateTime(instant, timeZone, lang);
  const rotating =
    endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > Date.now();
  const status = endpoint.enabled
    ? m.active
    : endpoint.disabledReason === "failing"
      ? m.switchedOff
      : m.off;
  return (
    <li class="card webhook-item" data-testid={`webhook-${endpoint.id}`}>
      <p class="webhook-url">
        <code>{endpoint.url}</code>
        {endpoint.description && <span class="muted"> — {endpoint.description}</span>}
      </p>
      <p class="webhook-facts">
        <span
          class={`status-pill ${endpoint.enabled ? "status-open" : "status-closed"}`}
          data-testid="webhook-status"
        >
          {status}
        </span>{" "}
        <span>{endpoint.events.join(", ")}</span>
        {endpoint.includeContact && <span> ({m.contact})</span>}
      </p>
      <p class="webhook-facts muted">
        {format(m.pending, { count: String(endpoint.pending) })}
        {endpoint.failingSince !== null && (
          <span class="webhook-failing" data-testid="webhook-failing">
            {" · "}
            {format(m.failingSince, { time: when(endpoint.failingSince) })}
          </span>
        )}
        {rotating && (
          <span> · {format(m.rotating, { time: when(endpoint.previousSecretUntil!) })}</span>
        )}
      </p>
      {webhooks.tested.value === endpoint.id && (
        <p class="note" role="status">
          {m.testQueued}
        </p>
      )}
      {editing && (
        <WebhookForm
          app={app}
          initial={endpoint}
          idPrefix={`webhook-edit-${endpoint.id}`}
          testIdPrefix="webhook-edit"
          submitLabel={m.saveChanges}
          submitTestId="webhook-edit-save"
          hint={m.editHint}
          busy={busy}
          onSubmit={async (input) => {
            const saved = await webhooks.update(endpoint, input);
            if (saved) setEditing(false);
            return saved;
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <div class="webhook-actions">
        <button
          type="button"
          class="button-secondary button-small"
          aria-expanded={editing}
          disabled={busy}
          data-testid="webhook-edit"
          onClick={() => setEditing(!editing)}
        >
          {m.edit}
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          disabled={busy || !endpoint.enabled}
          data-testid="webhook-test"
          onClick={() => void webhooks.sendTest(endpoint)}
        >
          {m.test}
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          aria-expanded={log !== null}
          data-testid="webhook-log-toggle"
          onClick={() => void webhooks.toggleLog(endpoint.id)}
        >
          {log ? m.hideLog : m.showLog}
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          disabled={busy}
          data-testid="webhook-toggle"
          onClick={() => void webhooks.setEnabled(endpoint, !endpoint.enabled)}
        >
          {endpoint.enabled ? m.disable : m.enable}
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          disabled={busy}
          data-testid="webhook-rotate"
          onClick={() => void webhooks.rotate(endpoint)}
        >
          {m.rotate}
        </button>
        {confirming ? (
          <span class="confirm">
            <span class="confirm-text">{format(m.removeConfirm, { url: endpoint.url })}</span>
            <button
              type="button"
              class="button-danger button-small"
              disabled={busy}
              data-testid="webhook-remove-confirm"
              onClick={() => {
                setConfirming(false);
                void webhooks.remove(endpoint);
              }}
            >
              {m.remove}
            </button>
            <button
              type="button"
              class="button-secondary button-small"
              onClick={() => setConfirming(false)}
            >
              {app.messages.value.dashboard.setup.accounts.cancel}
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="button-secondary button-small"
            data-testid="webhook-remove"
            onClick={() => setConfirming(true)}
          >
            {m.remove}
          </button>
        )}
      </div>
      {log && (
        <div class="webhook-log" data-testid="webhook-log">
          <button
            type="button"
            class="button-secondary button-small"
            onClick={() => void webhooks.refreshLog()}
          >
            {m.refreshLog}
          </button>
          {log.deliveries.length === 0 ? (
            <p class="muted">{m.logEmpty}</p>
          ) : (
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{m.logType}</th>
                    <th scope="col">{m.logOccurred}</th>
                    <th scope="col">{m.logAttempts}</th>
                    <th scope="col">{m.logResult}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.deliveries.map((delivery) => (
                    <tr key={delivery.id} data-testid={`webhook-delivery-${delivery.seq}`}>
                      <th scope="row">
                        <code>{delivery.type}</code> #{delivery.seq}
                      </th>
                      <td>{when(delivery.occurredAt)}</td>
                      <td>{delivery.attempts}</td>
                      <td>
                        {delivery.deliveredAt !== null
                          ? format(m.delivered, { time: when(delivery.deliveredAt) })
                          : m.waiting}
                        {delivery.lastStatus !== null || delivery.lastError !== null ? (
                          <span class="muted">
                            {" "}
                            ({delivery.lastStatus ?? delivery.lastError ?? m.noAnswer})
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </li>
  );
}
