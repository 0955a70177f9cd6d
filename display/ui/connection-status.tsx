import type { DisplayModel } from "../model/display-model";

/**
 * A discreet mark while the live connection is down (hidden when live). The
 * screen keeps showing the last known picture, kept current by polling when
 * it can, and recovers by itself.
 */
export function ConnectionStatus({ model }: { model: DisplayModel }) {
  const connection = model.connection.value;
  const messages = model.messages.value;
  const text =
    connection === "connecting" ? messages.display.connecting : messages.common.reconnecting;
  return (
    <span
      class={`connection-status is-${connection}`}
      data-testid="connection-status"
      data-connection={connection}
      role="status"
      hidden={connection === "live"}
    >
      <span class="connection-dot" aria-hidden="true" />
      {connection === "live" ? "" : text}
    </span>
  );
}
