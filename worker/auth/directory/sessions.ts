import type { Grant } from "../../../shared/protocol/auth";
import { CLOSE_SIGNED_OUT } from "../../../shared/protocol/wire-constants";
import { accountTag, sessionTag } from "../../live/socket-tags";
import { randomToken, sha256 } from "../encoding";
import type { StaffPrincipal } from "../principal";
import type { DirectoryAudit } from "./audit";
import type { OfficeFanout } from "./office-fanout";
import type { AccountsStore } from "./store/accounts-store";
import type { SessionsStore } from "./store/sessions-store";

/** A session ends after an hour without use, and after 12 hours (a working day) in any case. */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A session just opened: its token goes to the browser once, only its digest is kept. */
export interface OpenedSession {
  token: string;
  staff: StaffPrincipal;
}

/** Signed-in sessions: opening, using, expiring and ending them. */
export class Sessions {
  constructor(
    private readonly sessions: SessionsStore,
    private readonly accounts: AccountsStore,
    private readonly audit: DirectoryAudit,
    private readonly fanout: OfficeFanout,
  ) {}

  /**
   * The person behind a session token's digest, or null when the session is
   * unknown, expired, idle too long or its account disabled (then it is
   * deleted). Counts as use.
   */
  resolve(tokenHash: string, now: number): StaffPrincipal | null {
    const session = this.sessions.byTokenHash(tokenHash);
    if (!session) return null;
    const account = this.accounts.byId(session.account_id);
    if (
      !account ||
      account.disabled ||
      now >= session.expires_at ||
      now >= session.last_seen_at + SESSION_IDLE_MS
    ) {
      this.sessions.delete(tokenHash);
      return null;
    }
    let lastSeen = session.last_seen_at;
    if (now - lastSeen > TOUCH_EVERY_MS) {
      lastSeen = now;
      this.sessions.setLastSeen(tokenHash, now);
    }
    return {
      accountId: account.id,
      username: account.username,
      displayName: account.display_name,
      sessionId: session.id,
      grants: this.accounts.grantsOf(account.id),
      idleExpiresAt: Math.min(lastSeen + SESSION_IDLE_MS, session.expires_at),
      expiresAt: session.expires_at,
    };
  }

  /**
   * When the session with this public id ends if it is not used again (its idle or
   * absolute expiry, whichever is sooner), or null when it has ended. Not a use: an open
   * socket that only listens must not keep its session alive.
   */
  endsAt(sessionId: string, now: number): number | null {
    const session = this.sessions.byId(sessionId);
    if (!session) return null;
    const account = this.accounts.byId(session.account_id);
    const end = Math.min(session.last_seen_at + SESSION_IDLE_MS, session.expires_at);
    return !account || account.disabled || now >= end ? null : end;
  }

  /** Is the session with this public id still valid? Counts as use, like `resolve`. */
  isAlive(sessionId: string, now: number): boolean {
    const session = this.sessions.byId(sessionId);
    return session ? this.resolve(session.token_hash, now) !== null : false;
  }

  async open(accountId: string, address: string | null): Promise<OpenedSession> {
    const now = Date.now();
    // A new token at every login: a token planted before sign-in (session fixation) is worthless.
    const token = randomToken("ses_");
    const tokenHash = await sha256(token);
    this.sessions.insert({
      tokenHash,
      id: randomToken("", 9),
      accountId,
      createdAt: now,
      expiresAt: now + SESSION_ABSOLUTE_MS,
      address,
    });
    const staff = this.resolve(tokenHash, now);
    if (!staff) throw new Error("a session just opened did not resolve");
    return { token, staff };
  }

  /** Signs out one session, and closes its sockets. */
  async logout(tokenHash: string, address: string): Promise<void> {
    const session = this.sessions.byTokenHash(tokenHash);
    if (!session) return;
    this.sessions.delete(tokenHash);
    const account = this.accounts.byId(session.account_id);
    const grants = this.accounts.grantsOf(session.account_id);
    this.audit.record(
      { kind: "staff", id: session.account_id, name: account?.username ?? null, address },
      "logout",
      {},
      grants,
    );
    await this.fanout.closePersonSockets(grants, {
      tag: sessionTag(session.id),
      code: CLOSE_SIGNED_OUT,
      reason: "signed out",
      errorCode: "not_signed_in",
    });
  }

  /** Ends every session of a person, sockets included, in the offices of `grants`. */
  async endAll(accountId: string, grants: Grant[], reason: string): Promise<void> {
    this.sessions.deleteAllOf(accountId);
    await this.fanout.closePersonSockets(grants, {
      tag: accountTag(accountId),
      code: CLOSE_SIGNED_OUT,
      reason,
      errorCode: "not_signed_in",
    });
  }
}
