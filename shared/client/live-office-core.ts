import { signal } from "@preact/signals-core";
import { evolve } from "../engine/evolve";
import type { TicketView } from "../protocol/api";
import type { CommandInput } from "../protocol/commands";
import type { OfficeEvent } from "../protocol/events";
import type { OfficeState } from "../protocol/state";
// Types only: this file must not pull zod in at run time (see live-office.ts).
import type { LiveRole, ServerMessage } from "../protocol/wire";
import {
  CLOSE_FORBIDDEN,
  CLOSE_RECONNECT,
  CLOSE_SIGNED_OUT,
  CLOSE_TICKET_ENDED,
  PROTOCOL_VERSION,
} from "../protocol/wire-constants";

/** "denied": the server refused this page's credentials (or revoked them); it stops retrying. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "incompatible" | "denied";

/** The `error` frame codes that announce such a close (the frame comes just before it). */
const DENIAL_CODES = ["not_signed_in", "not_paired", "device_revoked", "forbidden"];

/** Why the server turned this page away: "unauthenticated" wants a login or a pairing, "forbidden" another account. */
export interface Denial {
  kind: "unauthenticated" | "forbidden";
  /** The server's error code (not_signed_in, device_revoked, forbidden…), or "" if only the close code said it. */
  code: string;
}

/** What a socket close means: a denial (stop retrying) or an ordinary drop (retry). */
export function denialOf(
  closeCode: number | undefined,
  lastError: { code: string } | null,
): Denial | null {
  const code = lastError && DENIAL_CODES.indexOf(lastError.code) >= 0 ? lastError.code : "";
  if (closeCode === CLOSE_FORBIDDEN) return { kind: "forbidden", code: code || "forbidden" };
  if (closeCode === CLOSE_SIGNED_OUT) return { kind: "unauthenticated", code };
  // The close code can be lost (a proxy, an old browser reporting 1006): the frame before it still
  // says why. Not for "forbidden", which a server may also use for one refused message.
  if (!code || code === "forbidden") return null;
  return { kind: "unauthenticated", code };
}

export interface CommandResult {
  status: number;
  body: unknown;
}

export interface LiveOfficeOptions {
  /** host[:port] of the Turno server; defaults to the page's own. */
  host?: string;
  officeId: string;
  role: LiveRole;
  /** For role "ticket": the ticket's tracking token. */
  token?: string;
  /** Called for each batch of events folded into the state (e.g. to announce calls). `replayed` is true for events missed while offline. */
  onEvents?: (events: OfficeEvent[], info: { replayed: boolean }) => void;
  /** Called for each ticket frame (role "ticket"). */
  onTicket?: (ticket: TicketView) => void;
  /** The server closed with 1012 (reconnect now): rights may have changed, a good moment to read them again. */
  onReconnectAsked?: () => void;
  /** Role "ticket": the ticket is no longer open (4410); the socket has stopped for good. */
  onTicketEnded?: () => void;
  /** Injected in tests. */
  WebSocket?: typeof WebSocket;
}

/** The little a live office needs from a socket that reconnects by itself. */
export interface LiveSocket {
  /** 1 when open, as WebSocket.readyState. */
  readonly readyState: number;
  send(data: string): void;
  /** Tries to connect now instead of waiting for the next backoff step. */
  reconnect(): void;
  close(): void;
}

export interface LiveSocketTarget {
  host: string;
  /** Without a leading slash, e.g. "api/offices/scandicci/live". */
  path: string;
  query: Record<string, string>;
}

export interface LiveSocketHandlers {
  open(): void;
  message(data: unknown): void;
  /** `code`: the close frame's code, if the server sent one (undefined when the client gave up on the socket). */
  close(code?: number): void;
}

/**
 * What differs between the apps: how frames are checked (zod schemas for the
 * modern apps; a lighter check for the ES5 display, whose size budget cannot
 * hold zod) and which reconnecting socket carries them.
 */
export interface LiveOfficeParts {
  /** Reads one text frame; returns null or throws for a frame to drop. */
  parseMessage: (text: string) => ServerMessage | null;
  openSocket: (target: LiveSocketTarget, handlers: LiveSocketHandlers) => LiveSocket;
}

const COMMAND_TIMEOUT_MS = 8000;
const UNREADABLE_RESYNC_MS = 10_000;

/**
 * One office, live: the snapshot and every later event, folded with the
 * engine's own `evolve`. Reconnects with backoff, forever unless the server
 * turns the page's credentials away (`denied`); on a sequence gap or a
 * reconnect it asks for a fresh snapshot. Display, kiosk and counter
 * are views over this one model. Use `LiveOffice` (live-office.ts) unless a
 * size budget forbids zod.
 */
export class LiveOfficeCore {
  readonly state = signal<OfficeState | null>(null);
  readonly status = signal<ConnectionStatus>("connecting");
  /** Server clock minus local clock, so screens show the office's time. */
  readonly clockOffset = signal(0);
  /** The server's last `error` frame (e.g. unknown_office before it closes the socket); cleared by a snapshot. */
  readonly serverError = signal<{ code: string; message: string } | null>(null);
  /** Set when the server refused or revoked this page's session or device: the socket is closed for good. */
  readonly denial = signal<Denial | null>(null);
  seq = 0;
  private readonly socket: LiveSocket;
  private readonly pending = new Map<string, (result: CommandResult) => void>();
  private requestCounter = 0;
  private hadSnapshot = false;
  private lastUnreadableResync = 0;
  /** The last `error` frame on the current connection: it explains the close that follows. */
  private connectionError: { code: string } | null = null;

  constructor(
    private readonly options: LiveOfficeOptions,
    private readonly parts: LiveOfficeParts,
  ) {
    const query: Record<string, string> = { v: String(PROTOCOL_VERSION), role: options.role };
    if (options.token) query.token = options.token;
    this.socket = parts.openSocket(
      {
        host: options.host ?? location.host,
        path: `api/offices/${options.officeId}/live`,
        query,
      },
      {
        open: () => {
          this.connectionError = null;
          if (this.status.peek() !== "incompatible") {
            this.status.value = this.hadSnapshot ? "reconnecting" : "connecting";
          }
        },
        message: (data) => this.receive(data),
        close: (code) => {
          if (code === CLOSE_TICKET_ENDED) {
            // Nothing more will happen to that ticket: retrying would only be refused again.
            this.socket.close();
            this.connectionError = null;
            this.failPending();
            this.options.onTicketEnded?.();
            return;
          }
          const denial = denialOf(code, this.connectionError);
          this.connectionError = null;
          if (denial) {
            // Retrying cannot help: the page must sign in or pair again.
            this.socket.close();
            this.denial.value = denial;
            this.status.value = "denied";
          } else if (this.status.peek() !== "incompatible" && this.status.peek() !== "denied") {
            this.status.value = "reconnecting";
          }
          this.failPending();
          if (code === CLOSE_RECONNECT) this.options.onReconnectAsked?.();
        },
      },
    );
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") return;
    let parsed: ServerMessage | null;
    try {
      parsed = this.parts.parseMessage(data);
    } catch {
      parsed = null;
    }
    if (!parsed) {
      // A frame we cannot read is dropped, and a fresh snapshot repairs what it carried.
      this.resyncAfterUnreadableFrame();
      return;
    }
    switch (parsed.type) {
      case "snapshot": {
        const previous = this.state.peek();
        const missed = previous ? this.seq : null;
        this.seq = parsed.seq;
        this.clockOffset.value = parsed.serverTime - Date.now();
        this.state.value = parsed.state;
        this.serverError.value = null;
        this.status.value = "live";
        this.hadSnapshot = true;
        if (missed !== null && parsed.seq > missed) this.options.onEvents?.([], { replayed: true });
        return;
      }
      case "events": {
        const current = this.state.peek();
        if (!current || parsed.seq !== this.seq + 1) {
          this.send({ type: "sync" });
          return;
        }
        let next = structuredCloneState(current);
        try {
          next = parsed.events.reduce<OfficeState>((folded, event) => evolve(folded, event), next);
        } catch {
          // An event this client cannot fold (it should not happen): start again from a snapshot.
          this.send({ type: "sync" });
          return;
        }
        this.seq = parsed.seq + parsed.events.length - 1;
        this.state.value = next;
        this.options.onEvents?.(parsed.events, { replayed: false });
        return;
      }
      case "ticket":
        this.status.value = "live";
        this.options.onTicket?.(parsed.ticket);
        return;
      case "result": {
        const resolve = this.pending.get(parsed.requestId);
        this.pending.delete(parsed.requestId);
        resolve?.({ status: parsed.status, body: parsed.body });
        return;
      }
      case "incompatible":
        // An older page meeting a newer server: reload to fetch the new app.
        this.status.value = "incompatible";
        return;
      case "error":
        this.connectionError = parsed.error;
        this.serverError.value = parsed.error;
        return;
    }
  }

  /** At most one sync per 10 s: a server sending only unreadable frames must not be asked in a loop. */
  private resyncAfterUnreadableFrame(): void {
    const now = Date.now();
    if (now - this.lastUnreadableResync < UNREADABLE_RESYNC_MS) return;
    this.lastUnreadableResync = now;
    this.send({ type: "sync" });
  }

  private send(message: unknown): boolean {
    if (this.socket.readyState !== 1) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Sends a command over the socket; resolves with the same status and body as the HTTP API. */
  command(command: CommandInput, idempotencyKey?: string): Promise<CommandResult> {
    const requestId = `r${++this.requestCounter}-${Date.now().toString(36)}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({
          status: 0,
          body: { error: { code: "timeout", message: "No answer from the server." } },
        });
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(requestId, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      if (!this.send({ type: "command", requestId, command, idempotencyKey })) {
        this.pending.delete(requestId);
        clearTimeout(timer);
        resolve({
          status: 0,
          body: { error: { code: "offline", message: "Not connected to the server." } },
        });
      }
    });
  }

  /**
   * Tries to reconnect now rather than at the next backoff step, e.g. when
   * another request just showed that the server is back. Harmless when live.
   */
  reconnectNow(): void {
    if (this.status.peek() === "denied") return;
    if (this.socket.readyState !== 1) this.socket.reconnect();
  }

  private failPending(): void {
    this.pending.forEach((resolve) => {
      resolve({
        status: 0,
        body: { error: { code: "offline", message: "The connection dropped." } },
      });
    });
    this.pending.clear();
  }

  close(): void {
    this.socket.close();
  }
}

/** Events fold in place; the view gets a new object so signals see the change. */
function structuredCloneState(state: OfficeState): OfficeState {
  return JSON.parse(JSON.stringify(state)) as OfficeState;
}
