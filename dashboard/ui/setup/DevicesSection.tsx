import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatClock, formatDateTime, formatTimeOfDay } from "../../model/format";
import { deviceThatUsedCode } from "../../model/pairing";
import { problemText } from "../../model/problem-text";
import type { SetupModel } from "../../model/setup-model";

/** Pairing codes for new kiosks and displays (big, with their countdown), and the paired devices. */
export function DevicesSection({ app, setup }: { app: DashboardApp; setup: SetupModel }) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.devices;
  const lang = app.lang.value;
  const live = app.workspace.value?.live;
  const now = live?.now.value ?? Date.now();
  const timeZone = live?.state.value?.config.timeZone ?? "UTC";
  const [name, setName] = useState("");
  const [role, setRole] = useState<"kiosk" | "display">("display");
  const [confirming, setConfirming] = useState<string | null>(null);
  const pairing = setup.pairing.value;
  const devices = setup.devices.value;
  const problem = setup.deviceProblem.value;
  const problemWords = problem
    ? problemText(problem, messages, app.lang.value)
    : { message: "", detail: null };
  const busy = setup.deviceBusy.value;
  // A used code is spent: say which device took it instead of counting down.
  const usedBy = pairing ? deviceThatUsedCode(pairing, devices) : null;
  const remaining = pairing && !usedBy ? pairing.expiresAt - now : 0;
  return (
    <section
      class="panel setup-section"
      aria-labelledby="devices-title"
      data-testid="setup-devices"
    >
      <h2 id="devices-title" class="section-title">
        {m.heading}
      </h2>
      <p class="muted">{m.pairHint}</p>
      <form
        class="inline-form"
        data-testid="pairing-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void setup.createPairingCode(role, name.trim());
        }}
      >
        <div class="field">
          <label for="device-name" class="field-label">
            {m.name}
          </label>
          <input
            id="device-name"
            type="text"
            value={name}
            maxLength={60}
            required
            data-testid="pairing-name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="device-role" class="field-label">
            {m.role}
          </label>
          <select
            id="device-role"
            value={role}
            data-testid="pairing-role"
            onChange={(e) => setRole(e.currentTarget.value as "kiosk" | "display")}
          >
            <option value="display">{m.display}</option>
            <option value="kiosk">{m.kiosk}</option>
          </select>
        </div>
        <button
          type="submit"
          class="button-primary"
          disabled={busy !== null || !name.trim()}
          data-testid="pairing-create"
        >
          {m.create}
        </button>
      </form>
      {pairing && (
        <div class="pairing-code" data-testid="pairing-code-box">
          {/* Announced once; the countdown below ticks silently. */}
          <div role="status">
            <p>{format(m.code, { name: pairing.name })}</p>
            <p
              class={
                remaining > 0 && !usedBy
                  ? "pairing-code-value"
                  : "pairing-code-value pairing-expired"
              }
              data-testid="pairing-code"
            >
              {pairing.code.length === 8
                ? `${pairing.code.slice(0, 4)}-${pairing.code.slice(4)}`
                : pairing.code}
            </p>
          </div>
          {usedBy ? (
            <p data-testid="pairing-used" role="status">
              {format(m.usedBy, {
                name: usedBy.name,
                role: usedBy.role === "kiosk" ? m.kiosk : m.display,
                time: formatTimeOfDay(usedBy.createdAt, timeZone, lang),
              })}
            </p>
          ) : (
            <p data-testid="pairing-expiry">
              {remaining > 0 ? format(m.expiresIn, { time: formatClock(remaining) }) : m.expired}
            </p>
          )}
        </div>
      )}
      {problem && (
        <p class="note note-error" role="alert" data-testid="devices-error">
          {problemWords.message}
          {problemWords.detail && <span class="note-detail">{problemWords.detail}</span>}
        </p>
      )}
      <h3 class="subsection-title">{m.list}</h3>
      {devices && devices.length === 0 && <p class="muted">{m.none}</p>}
      {devices && devices.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-testid="devices-table">
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.created}</th>
                <th scope="col">{m.lastSeen}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">
                  <span class="visually-hidden">{m.revoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr key={device.id} data-testid={`device-${device.id}`}>
                  <th scope="row">{device.name}</th>
                  <td>{device.role === "kiosk" ? m.kiosk : m.display}</td>
                  <td>{formatDateTime(device.createdAt, timeZone, lang)}</td>
                  <td>
                    {device.lastSeenAt
                      ? formatDateTime(device.lastSeenAt, timeZone, lang)
                      : m.never}
                  </td>
                  <td>
                    {device.revokedAt ? (
                      <span class="status-pill status-closed">{m.revoked}</span>
                    ) : (
                      <span class="status-pill status-open">{m.active}</span>
                    )}
                  </td>
                  <td>
                    {!device.revokedAt &&
                      (confirming === device.id ? (
                        <div class="confirm">
                          <p class="confirm-text">
                            {format(m.revokeConfirm, { name: device.name })}
                          </p>
                          <button
                            type="button"
                            class="button-danger button-small"
                            disabled={busy !== null}
                            data-testid={`device-revoke-confirm-${device.id}`}
                            onClick={() => {
                              setConfirming(null);
                              void setup.revokeDevice(device.id);
                            }}
                          >
                            {m.revoke}
                          </button>
                          <button
                            type="button"
                            class="button-secondary button-small"
                            onClick={() => setConfirming(null)}
                          >
                            {messages.dashboard.setup.accounts.cancel}
                          </button>
                        </div>
                      ) : (
                        <button
                          type="button"
                          class="button-secondary button-small"
                          data-testid={`device-revoke-${device.id}`}
                          onClick={() => setConfirming(device.id)}
                        >
                          {m.revoke}
                          <span class="visually-hidden"> {device.name}</span>
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
