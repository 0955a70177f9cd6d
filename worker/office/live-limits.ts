import type { LiveRole } from "../../shared/protocol/wire";

/**
 * What one phone, or one address, may ask of the office's single thread over
 * live sockets (issue 13, point 2): a ticket token opens a few sockets, an
 * address a bounded number, and no socket sends faster than its role needs.
 */
export const DEFAULT_LIVE_LIMITS = {
  /** A ticket followed on a phone, a tablet and a home-screen app, with room for a reload. */
  socketsPerTicket: 4,
  /** A waiting room's guest Wi-Fi puts many phones behind one address. */
  ticketSocketsPerAddress: 100,
};

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function ticketSocketCaps(env: Partial<Env>): { perTicket: number; perAddress: number } {
  return {
    perTicket: positive(env.TURNO_SOCKETS_PER_TICKET, DEFAULT_LIVE_LIMITS.socketsPerTicket),
    perAddress: positive(
      env.TURNO_TICKET_SOCKETS_PER_ADDRESS,
      DEFAULT_LIVE_LIMITS.ticketSocketsPerAddress,
    ),
  };
}

/** A token bucket: `burst` messages at once, refilled at `perMinute`. */
export interface Allowance {
  burst: number;
  perMinute: number;
}

/**
 * Messages a socket may send. A phone needs none (its pings are answered
 * without waking the object; a `sync` after an unreadable frame comes at most
 * every 10 s): anyone holding a ticket's link may open one, so it gets little.
 * A kiosk, counter or display is a paired device or a signed-in clerk, which
 * may do as much over HTTP with no tighter limit: its socket is only kept from
 * running away (a client stuck in a loop), above what an office can serve
 * (commands share commits: the bench's bare floor takes ~12,000 a second), so a
 * busy kiosk issuing over its socket (npm run bench) is never cut off.
 */
export const MESSAGE_ALLOWANCES: Record<"ticket" | "stream", Allowance> = {
  ticket: { burst: 10, perMinute: 10 },
  stream: { burst: 20_000, perMinute: 1_200_000 },
};

/** A socket of unknown role gets a phone's allowance, the smallest. */
export const allowanceOf = (role: LiveRole | undefined): Allowance =>
  role === "display" || role === "kiosk" || role === "counter"
    ? MESSAGE_ALLOWANCES.stream
    : MESSAGE_ALLOWANCES.ticket;

/** A message's fate: served, the first one over the allowance (tell and close), or dropped unread. */
export type MessageVerdict = "ok" | "over" | "silenced";

/**
 * One bucket per socket, in memory: O(1) a message, gone with the socket. A
 * hibernation forgets it, but the object hibernates only after seconds of
 * silence, in which a bucket refills anyway; a flood keeps it awake.
 *
 * A socket over its allowance is told once and closed; what it sent after
 * (a flooding client has thousands of frames in flight by then, and may
 * never answer the close) is dropped without a word. Answering each one
 * (a frame, a close, an exception from sending on a closed socket) cost the
 * office most of its time under a flood, and a call waited behind it.
 */
export class MessageAllowances {
  private readonly buckets = new WeakMap<object, { tokens: number; at: number }>();
  private readonly silenced = new WeakSet<object>();

  /** Takes one message from the socket's bucket. */
  take(socket: object, allowance: Allowance, now: number): MessageVerdict {
    if (this.silenced.has(socket)) return "silenced";
    const bucket = this.buckets.get(socket) ?? { tokens: allowance.burst, at: now };
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(
      allowance.burst,
      bucket.tokens + (elapsed * allowance.perMinute) / 60_000,
    );
    bucket.at = now;
    this.buckets.set(socket, bucket);
    if (bucket.tokens < 1) {
      this.silenced.add(socket);
      return "over";
    }
    bucket.tokens -= 1;
    return "ok";
  }

  /** A socket the office closed for another reason (refused, ended): nothing it sends is read. */
  silence(socket: object): void {
    this.silenced.add(socket);
  }

  /** True once the socket went over its allowance or was closed: its messages are dropped before any work. */
  isSilenced(socket: object): boolean {
    return this.silenced.has(socket);
  }
}
