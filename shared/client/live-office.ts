import { PartySocket } from "partysocket";
import { ServerMessage } from "../protocol/wire";
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
 * budget and partysocket's classes cannot be lowered to ES5 (issue 4).
 */
export class LiveOffice extends LiveOfficeCore {
  constructor(options: LiveOfficeOptions) {
    super(options, {
      parseMessage: (text) => ServerMessage.parse(JSON.parse(text)),
      openSocket: partySocketOpener(options.WebSocket),
    });
  }
}

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
    socket.addEventListener("message", (event) => handlers.message(event.data));
    socket.addEventListener("open", () => handlers.open());
    socket.addEventListener("close", (event) => handlers.close(event.code));
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
