import { PartySocket } from "partysocket";
import { ServerMessage } from "../protocol/wire";
import { watchLink } from "./link-watchdog";
import {
  LiveOfficeCore,
  type LiveOfficeOptions,
  type LiveSocket,
  type LiveSocketHandlers,
  type LiveSocketTarget,
} from "./live-office-core";

export type { CommandResult, ConnectionStatus, LiveOfficeOptions } from "./live-office-core";

/**
 * One office, live, for the modern apps (kiosk, counter, ticket): every frame
 * is validated with the protocol's zod schemas and carried by partysocket.
 * All the behaviour is in LiveOfficeCore; the ES5 display uses the core with a
 * lighter frame check and its own socket, because zod does not fit its size
 * budget and partysocket's classes cannot be lowered to ES5.
 */
export class LiveOffice extends LiveOfficeCore {
  constructor(options: LiveOfficeOptions) {
    super(options, {
      parseMessage: (text) => ServerMessage.parse(JSON.parse(text)),
      openSocket: partySocketOpener(options.WebSocket),
    });
  }
}

/**
 * partysocket with the heartbeat every live socket shares (link-watchdog.ts):
 * partysocket itself never pings, so a half-open link (Wi-Fi drop, NAT
 * timeout) looked connected until a command timed out.
 */
function partySocketOpener(injected: typeof WebSocket | undefined) {
  return (target: LiveSocketTarget, handlers: LiveSocketHandlers): LiveSocket => {
    const socket = new PartySocket({
      protocol: pageSocketScheme(),
      host: target.host,
      basePath: target.path,
      query: target.query,
      maxReconnectionDelay: 15_000,
      minReconnectionDelay: 500 + Math.random() * 1500,
      ...(injected ? { WebSocket: injected } : {}),
    });
    let up = false;
    let droppingDeadLink = false;
    const watchdog = watchLink({
      send: (text) => {
        // Not into partysocket's buffer: a ping is only worth sending on an open link.
        if (socket.readyState !== 1) throw new Error("not open");
        socket.send(text);
      },
      dead: () => {
        // reconnect() gives up on the silent socket and opens a new one at once, through
        // partysocket's own single connect path (its retry and ours cannot both fire), resetting
        // its backoff. It reports the drop with a close event of its own making, unless the socket
        // was already closing; then we report it.
        droppingDeadLink = true;
        try {
          socket.reconnect();
        } finally {
          droppingDeadLink = false;
        }
        if (up) reportClosed(undefined);
      },
    });
    function reportClosed(code: number | undefined): void {
      up = false;
      watchdog.stopped();
      handlers.close(code);
    }
    socket.addEventListener("open", () => {
      up = true;
      watchdog.opened();
      handlers.open();
    });
    socket.addEventListener("message", (event) => {
      if (watchdog.heard(event.data)) handlers.message(event.data);
    });
    // A dead link given up by the watchdog has no server close code (it would read as a clean 1000).
    socket.addEventListener("close", (event) =>
      reportClosed(droppingDeadLink ? undefined : event.code),
    );
    return socket;
  };
}

/**
 * The page's own scheme (ws on an http page, wss on https). Left to itself,
 * partysocket guesses wss:// for any host it does not know as local, which
 * fails for an office server reached by name over plain http on the LAN.
 */
function pageSocketScheme(): "ws" | "wss" | undefined {
  if (typeof location === "undefined") return undefined;
  return location.protocol === "https:" ? "wss" : "ws";
}
