import {
  type Decision,
  decideLogin,
  decidePairing,
  type LoginDecision,
  type LoginLimit,
  WINDOW_MS,
} from "../login-limits";
import type { SignInLimitsStore } from "./store/sign-in-limits-store";

/** An address that signed in successfully is "known" to the account for this long. */
const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
/** Sign-in attempts are kept a day: far longer than any limit's window. */
const KEEP_LOGIN_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

/**
 * Counts the guesses of passwords and pairing codes, and asks the pure rules
 * (login-limits.ts) whether one more may be tried.
 */
export class SignInLimits {
  constructor(private readonly store: SignInLimitsStore) {}

  /**
   * May this address try this name now? `accountId` is the account the name
   * belongs to, if any: its known addresses are not held back by attacks
   * from elsewhere.
   */
  checkLogin(
    username: string,
    address: string,
    accountId: string | null,
    now: number,
  ): { decision: LoginDecision; knownAddress: boolean } {
    const knownAddress =
      accountId !== null && this.store.signedInFrom(accountId, address, now - KNOWN_ADDRESS_MS);
    const since = now - WINDOW_MS;
    const decision = decideLogin(
      {
        byAddress: this.store.failedLoginsFromAddress(address, since),
        byAccountAndAddress: this.store.failedLoginsForAccountFromAddress(username, address, since),
        byAccountFromNewAddresses: this.store.failedLoginsForAccountFromNewAddresses(
          username,
          since,
        ),
        knownAddress,
      },
      now,
    );
    return { decision, knownAddress };
  }

  /** Forgets attempts too old to count for any limit, and throttles that have ended. */
  forgetOldLogins(now: number): void {
    this.store.deleteLoginsBefore(now - KEEP_LOGIN_ATTEMPTS_MS);
    this.store.deleteThrottlesUntil(now);
  }

  /**
   * A sign-in was held off by `limit`: is it the first time in this window (then it is
   * recorded, and the caller audits it)? Issue 13, point 3: a throttled try is refused
   * without a password check, so it is cheap to repeat; each one used to write an audit
   * row here and in every office of the account. Keyed by what the limit counts (the
   * address, the account from that address, or the account), so varying the name from a
   * held-off address writes nothing more.
   */
  firstThrottleInWindow(
    limit: LoginLimit,
    username: string,
    address: string,
    now: number,
  ): boolean {
    const key =
      limit === "address"
        ? `address ${address}`
        : limit === "account-and-address"
          ? `account ${username} address ${address}`
          : `account ${username}`;
    return this.store.recordThrottle(key, now, now + WINDOW_MS);
  }

  /**
   * Records an attempt as failed at once, so parallel guesses cannot slip
   * past the limit while the password is checked; answers its id.
   */
  recordLoginAttempt(attempt: {
    at: number;
    address: string;
    username: string;
    knownAddress: boolean;
  }): number {
    return this.store.insertFailedLogin(attempt);
  }

  loginAttempt(attemptId: number): { username: string; address: string } | null {
    return this.store.loginAttempt(attemptId);
  }

  /** The password matched: the attempt no longer counts, and the address becomes known. */
  recordLoginSuccess(attemptId: number, accountId: string, address: string, now: number): void {
    this.store.markLoginSucceeded(attemptId);
    this.store.rememberAddress(accountId, address, now);
  }

  /** May this address try a pairing code for this office now? */
  checkPairing(office: string, address: string, now: number): Decision {
    const since = now - WINDOW_MS;
    return decidePairing(
      {
        byOffice: this.store.pairingFailuresInOffice(office, since),
        byAddress: this.store.pairingFailuresFromAddress(address, since),
      },
      now,
    );
  }

  recordPairingFailure(office: string, address: string, now: number): void {
    this.store.insertPairingFailure({ at: now, office, address });
  }
}
