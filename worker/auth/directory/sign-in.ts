import type { Actor } from "../../../shared/protocol/auth";
import type { StaffPrincipal } from "../principal";
import type { DirectoryAudit } from "./audit";
import type { OpenedSession, Sessions } from "./sessions";
import type { SignInLimits } from "./sign-in-limits";
import type { AccountsStore } from "./store/accounts-store";

export type LoginStart =
  | { status: "throttled"; retryAfterMs: number }
  | { status: "verify"; attemptId: number; passwordHash: string | null };

/** A password change's check of the current password: the stored hash to verify it against. */
export type PasswordCheckStart =
  | { status: "throttled"; retryAfterMs: number }
  | { status: "verify"; checkId: number; passwordHash: string | null };

/**
 * Signing in with a password, in two halves around the Worker's hashing
 * (too slow for the single-threaded Directory), and changing one's password.
 */
export class SignIn {
  constructor(
    private readonly accounts: AccountsStore,
    private readonly limits: SignInLimits,
    private readonly sessions: Sessions,
    private readonly audit: DirectoryAudit,
  ) {}

  /**
   * First half of a login: may this caller (an address, and the browser's
   * place cookie's digest if it sent one) try this name now? The attempt is
   * recorded as failed at once, so parallel guesses cannot slip past the
   * limit while the Worker checks the password.
   */
  begin(username: string, address: string, place: string | null): LoginStart {
    const now = Date.now();
    const name = username.toLowerCase();
    const account = this.accounts.byUsername(name);
    const { decision, knownPlace } = this.limits.checkLogin(
      name,
      address,
      place,
      account?.id ?? null,
      now,
    );
    if (!decision.allowed) {
      // Only reads from here, after the first of the window: a held-off caller repeating
      // itself costs no writes, here or in the account's offices (issue 13, point 3).
      if (this.limits.firstThrottleInWindow(decision.limit, name, address, place, now))
        this.audit.record(
          { kind: "anonymous", id: null, name, address },
          "login.throttled",
          { username: name, limit: decision.limit },
          account ? this.accounts.grantsOf(account.id) : [],
        );
      return { status: "throttled", retryAfterMs: decision.retryAfterMs };
    }
    const attemptId = this.limits.recordLoginAttempt({
      at: now,
      address,
      username: name,
      place,
      knownPlace,
    });
    const usable = account && !account.disabled ? account.password_hash : null;
    return { status: "verify", attemptId, passwordHash: usable };
  }

  /** Second half: the Worker says whether the password matched. A match opens a session. */
  async finish(
    attemptId: number,
    passwordMatched: boolean,
    newPasswordHash?: string,
  ): Promise<OpenedSession | null> {
    const attempt = this.limits.loginAttempt(attemptId);
    if (!attempt) return null;
    const account = this.accounts.byUsername(attempt.username);
    const actor: Actor = {
      kind: "staff",
      id: account?.id ?? null,
      name: attempt.username,
      address: attempt.address,
    };
    if (!passwordMatched || !account || account.disabled) {
      this.audit.record(
        actor,
        "login.failed",
        {},
        account ? this.accounts.grantsOf(account.id) : [],
      );
      return null;
    }
    this.limits.recordLoginSuccess(attemptId, account.id, attempt.place, Date.now());
    // The Worker re-hashed a password stored with older parameters.
    if (newPasswordHash) this.accounts.setPasswordHash(account.id, newPasswordHash);
    const opened = await this.sessions.open(account.id, attempt.address);
    this.audit.record(actor, "login", {}, opened.staff.grants);
    return opened;
  }

  /**
   * First half of a password change: may this person try their current
   * password now (issue 13, point 10: a stolen session must not become a
   * way to guess the password)? Counted as a failure until `changePassword`
   * says it was right.
   */
  beginPasswordCheck(accountId: string): PasswordCheckStart {
    const now = Date.now();
    const { decision, checkId } = this.limits.beginPasswordCheck(accountId, now);
    if (!decision.allowed) return { status: "throttled", retryAfterMs: decision.retryAfterMs };
    const account = this.accounts.byId(accountId);
    return { status: "verify", checkId: checkId!, passwordHash: account?.password_hash ?? null };
  }

  /**
   * A new password ends every session of the person, sockets included, and
   * opens a fresh one for the browser that asked.
   */
  async changePassword(
    staff: StaffPrincipal,
    newPasswordHash: string,
    address: string,
    checkId: number,
  ): Promise<OpenedSession> {
    this.limits.passwordCheckPassed(checkId, staff.accountId);
    this.accounts.setPasswordHash(staff.accountId, newPasswordHash);
    await this.sessions.endAll(staff.accountId, staff.grants, "password changed");
    this.audit.record(
      { kind: "staff", id: staff.accountId, name: staff.username, address },
      "password.changed",
      {},
      staff.grants,
    );
    return this.sessions.open(staff.accountId, address);
  }
}
