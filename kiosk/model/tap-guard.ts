import { newIdempotencyKey } from "../../shared/client/idempotency-key";

/** How long after a tap another tap is taken for the same finger bouncing, not a new request. */
export const DOUBLE_TAP_WINDOW_MS = 1500;
/** How long a tap whose answer was lost may be retried with the same key (and so get the same ticket). */
export const RETRY_WINDOW_MS = 120_000;

export interface TapGuardOptions {
  now?: () => number;
  newKey?: () => string;
}

/**
 * Turns taps into at most one issue request each. A tap while a request is
 * pending, or within DOUBLE_TAP_WINDOW_MS of the previous tap, is ignored.
 * Every deliberate tap gets a fresh idempotency key, except a retry of a tap
 * whose answer never came (offline, timeout): the same request tapped again
 * soon reuses its key, so if the first one did issue a ticket the server
 * answers with that same ticket instead of issuing a second.
 */
export class TapGuard {
  private readonly now: () => number;
  private readonly newKey: () => string;
  private pendingSince: number | null = null;
  private lastTapAt = Number.NEGATIVE_INFINITY;
  private unanswered: { request: string; key: string; at: number } | null = null;

  constructor(options: TapGuardOptions = {}) {
    this.now = options.now ?? Date.now;
    this.newKey = options.newKey ?? (() => newIdempotencyKey("kiosk"));
  }

  /** Milliseconds until a new tap is accepted (0: now). */
  cooldownLeft(): number {
    if (this.pendingSince !== null) return DOUBLE_TAP_WINDOW_MS;
    return Math.max(0, this.lastTapAt + DOUBLE_TAP_WINDOW_MS - this.now());
  }

  /**
   * Starts a request for a tap, identified by everything it would send
   * (`request`, e.g. service, priority and language). Returns its
   * idempotency key, or null when the tap must be ignored.
   */
  begin(request: string): string | null {
    if (this.cooldownLeft() > 0) return null;
    const now = this.now();
    this.pendingSince = now;
    this.lastTapAt = now;
    const retry = this.unanswered;
    if (retry && retry.request === request && now - retry.at < RETRY_WINDOW_MS) return retry.key;
    this.unanswered = null;
    const key = this.newKey();
    this.unanswered = { request, key, at: now };
    return key;
  }

  /** The server answered (any HTTP status): the key is spent. */
  answered(): void {
    this.pendingSince = null;
    this.lastTapAt = this.now();
    this.unanswered = null;
  }

  /** No answer came: the same request tapped again soon keeps the key. */
  noAnswer(): void {
    this.pendingSince = null;
    this.lastTapAt = this.now();
  }
}
