import { type Decision, decideLogin, decidePairing, WINDOW_MS } from "../login-limits";
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
  ): { decision: Decision; knownAddress: boolean } {
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

  /** Forgets attempts too old to count for any limit. */
  forgetOldLogins(now: number): void {
    this.store.deleteLoginsBefore(now - KEEP_LOGIN_ATTEMPTS_MS);
  }

  /**
   * The Directory's alarm: forgets attempts and wrong pairing codes older than
   * a day, and addresses no longer known, even when no one signs in. At most
   * `limit` rows of each; `more` when a kind had more.
   */
  forgetExpired(now: number, limit: number): { more: boolean } {
    const counts = [
      this.store.forgetLoginsBefore(now - KEEP_LOGIN_ATTEMPTS_MS, limit),
      this.store.forgetPairingFailuresBefore(now - KEEP_LOGIN_ATTEMPTS_MS, limit),
      this.store.forgetAddressesBefore(now - KNOWN_ADDRESS_MS, limit),
    ];
    return { more: counts.some((count) => count === limit) };
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
