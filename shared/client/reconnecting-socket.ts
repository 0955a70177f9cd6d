import { watchLink } from "./link-watchdog";
import type { LiveSocket, LiveSocketHandlers, LiveSocketTarget } from "./live-office-core";

export interface ReconnectingSocketOptions {
  /** First retry delay; each failure multiplies it by 1.6, with ±25 % jitter so screens do not stampede. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A socket that has not opened by then is abandoned and retried. */
  openTimeoutMs?: number;
  WebSocket?: typeof WebSocket;
}

/**
 * A reconnecting WebSocket small and plain enough for old TV browsers
 * (Chromium 47): no EventTarget subclass (partysocket's cannot be lowered to
 * ES5), no URLSearchParams. It reconnects with backoff until closed and pings
 * an idle link with the watchdog every live socket shares (link-watchdog.ts),
 * so a half-open connection after a router restart is noticed within 24 s
 * instead of never.
 */
export function openReconnectingSocket(
  target: LiveSocketTarget,
  handlers: LiveSocketHandlers,
  options: ReconnectingSocketOptions = {},
): LiveSocket {
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const openTimeout = options.openTimeoutMs ?? 10_000;
  const Socket: typeof WebSocket | undefined =
    options.WebSocket ??
    (typeof WebSocket === "function" || typeof WebSocket === "object" ? WebSocket : undefined);
  const url = socketUrl(target);

  let socket: WebSocket | null = null;
  let failures = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = watchLink({
    send: (text) => socket?.send(text),
    dead: () => {
      if (socket) drop(socket);
    },
  });

  function connect(): void {
    clearTimeout(retryTimer);
    if (stopped || !Socket) return; // without WebSocket the display falls back to polling
    let current: WebSocket;
    try {
      current = new Socket(url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = current;
    openTimer = setTimeout(() => drop(current), openTimeout);
    current.onopen = () => {
      if (current !== socket) return;
      clearTimeout(openTimer);
      failures = 0;
      watchdog.opened();
      handlers.open();
    };
    current.onmessage = (event: MessageEvent) => {
      if (current !== socket) return;
      if (watchdog.heard(event.data)) handlers.message(event.data);
    };
    current.onclose = (event: CloseEvent) => {
      if (current !== socket) return;
      socket = null;
      clearTimeout(openTimer);
      watchdog.stopped();
      // The handler may stop this socket for good (a 4401 close): then no retry is scheduled.
      handlers.close(event.code);
      scheduleRetry();
    };
    // An error is always followed by close, which does the work.
    current.onerror = () => undefined;
  }

  /** Gives up on a socket now, without waiting for the browser's own (sometimes very late) close event. */
  function drop(current: WebSocket): void {
    if (current !== socket) return;
    socket = null;
    clearTimeout(openTimer);
    watchdog.stopped();
    current.onopen = current.onmessage = current.onclose = current.onerror = null;
    try {
      current.close();
    } catch {
      // already closing
    }
    handlers.close();
    scheduleRetry();
  }

  function scheduleRetry(): void {
    if (stopped) return;
    clearTimeout(retryTimer);
    const base = Math.min(maxDelay, minDelay * 1.6 ** failures);
    failures++;
    retryTimer = setTimeout(connect, base * (0.75 + Math.random() * 0.5));
  }

  connect();

  return {
    get readyState() {
      return socket ? socket.readyState : 3;
    },
    send(data: string) {
      socket?.send(data);
    },
    reconnect() {
      if (stopped || (socket && socket.readyState <= 1)) return;
      failures = 0;
      connect();
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      if (socket) drop(socket);
    },
  };
}

function socketUrl(target: LiveSocketTarget): string {
  const scheme = typeof location !== "undefined" && location.protocol === "https:" ? "wss" : "ws";
  const query = Object.keys(target.query)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(target.query[key] ?? "")}`)
    .join("&");
  return `${scheme}://${target.host}/${target.path}${query ? `?${query}` : ""}`;
}
