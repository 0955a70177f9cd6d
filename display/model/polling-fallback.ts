import { type DisplayData, fromOfficeView } from "./display-data";
import { getJson } from "./get-json";

export interface PollingFallbackOptions {
  officeId: string;
  /** Whether the live socket is delivering. */
  isLive: () => boolean;
  /** Never poll again (the screen was unpaired). */
  isStopped: () => boolean;
  /** What the screen shows now: a view that lacks a field keeps it (see fromOfficeView). */
  current: () => DisplayData | null;
  /** A fresh picture of the office, and the server's clock when it was taken. */
  onView: (data: DisplayData, serverTime: number) => void;
  /** The server answers again after failing: a good moment to retry the socket at once. */
  onReachable: () => void;
}

const POLL_EVERY_MS = 3000;
/** How long the socket may stay down (or never open) before the screen polls instead. */
const SOCKET_GRACE_MS = 15_000;

/**
 * Keeps the screen current where WebSockets fail: a browser without them, or
 * a proxy that blocks them. After 15 s without a live socket it polls
 * GET /api/offices/{office} every 3 s, and stops as soon as the socket is
 * live again.
 */
export function startPollingFallback(options: PollingFallbackOptions): void {
  const hasWebSocket = typeof WebSocket === "function" || typeof WebSocket === "object";
  let downSince: number | null = hasWebSocket ? Date.now() : 0;
  let inFlight = false;
  let lastPollFailed = true;
  const tick = () => {
    if (options.isStopped()) {
      clearInterval(timer);
      return;
    }
    if (options.isLive()) {
      downSince = null;
      return;
    }
    const now = Date.now();
    if (downSince === null) downSince = now;
    if (now - downSince < SOCKET_GRACE_MS || inFlight) return;
    inFlight = true;
    getJson(`/api/offices/${encodeURIComponent(options.officeId)}`).then((view) => {
      inFlight = false;
      const data = fromOfficeView(view, options.current());
      const cameBack = data !== null && lastPollFailed;
      lastPollFailed = data === null;
      if (!data || options.isLive()) return;
      const serverTime = (view as { serverTime?: unknown }).serverTime;
      options.onView(data, typeof serverTime === "number" ? serverTime : Date.now());
      if (cameBack) options.onReachable();
    });
  };
  const timer = setInterval(tick, POLL_EVERY_MS);
}
