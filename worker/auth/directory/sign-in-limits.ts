import { addressKey } from "../address-key";
import {
  type Decision,
  decideLogin,
  decidePairing,
  decidePasswordCheck,
  type LoginDecision,
  type LoginLimit,
  WINDOW_MS,
} from "../login-limits";
import type { SignInLimitsStore } from "./store/sign-in-limits-store";

/** A place (browser) that signed in successfully is "known" to the account for this long. */
const KNOWN_PLACE_MS = 90 * 24 * 60 * 60 * 1000;
/** Sign-in attempts are kept a day: far longer than any limit's window. */
const KEEP_LOGIN_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

/**
 * Counts the guesses of passwords and pairing codes, and asks the pure rules
 * (login-limits.ts) whether one more may be tried.
 */
export class SignInLimits {
  constructor(private readonly store: SignInLimitsStore) {}

  /**
   * May this caller try this name now? `place` is the digest of the browser's place
   * cookie, if it sent one; `accountId` is the account the name belongs to, if any: its
   * known places are held back only by their own failures, never by attacks from
   * elsewhere, even from the same address.
   */
  checkLogin(
    username: string,
    address: string,
    place: string | null,
    accountId: string | null,
    now: number,
  ): { decision: LoginDecision; knownPlace: boolean } {
    const knownPlace =
      accountId !== null &&
      place !== null &&
      this.store.signedInAt(accountId, place, now - KNOWN_PLACE_MS);
    const since = now - WINDOW_MS;
    const key = addressKey(address);
    const decision = decideLogin(
      knownPlace
        ? {
            byAddress: [],
            byAccountAndAddress: [],
            byAccountFromNewPlaces: [],
            knownPlace,
            byAccountAtPlace: this.store.failedLoginsForAccountAtPlace(username, place!, since),
          }
        : {
            byAddress: this.store.failedLoginsFromAddress(key, since),
            byAccountAndAddress: this.store.failedLoginsForAccountFromAddress(username, key, since),
            byAccountFromNewPlaces: this.store.failedLoginsForAccountFromNewPlaces(username, since),
            knownPlace,
            byAccountAtPlace: [],
          },
      now,
    );
    return { decision, knownPlace };
  }

  /**
   * The Directory's alarm: forgets attempts, wrong current passwords and wrong
   * pairing codes older than a day, and places (browsers) no longer known,
   * even when no one signs in. At most
   * `limit` rows of each; `more` when a kind had more.
   */
  forgetExpired(now: number, limit: number): { more: boolean } {
    const counts = [
      this.store.forgetLoginsBefore(now - KEEP_LOGIN_ATTEMPTS_MS, limit),
      this.store.forgetPairingFailuresBefore(now - KEEP_LOGIN_ATTEMPTS_MS, limit),
      this.store.forgetPlacesBefore(now - KNOWN_PLACE_MS, limit),
      this.store.forgetPasswordChecksBefore(now - KEEP_LOGIN_ATTEMPTS_MS, limit),
      this.store.forgetThrottlesUntil(now, limit),
    ];
    return { more: counts.some((count) => count === limit) };
  }

  /**
   * A sign-in was held off by `limit`: is it the first time in this window (then it is
   * recorded, and the caller audits it)? Issue 13, point 3: a throttled try is refused
   * without a password check, so it is cheap to repeat; each one used to write an audit
   * row here and in every office of the account. Keyed by what the limit counts (the
   * address's key, the account from it or at a known place, or the account), so varying
   * the name from a held-off address writes nothing more.
   */
  firstThrottleInWindow(
    limit: LoginLimit,
    username: string,
    address: string,
    place: string | null,
    now: number,
  ): boolean {
    const key =
      limit === "address"
        ? `address ${addressKey(address)}`
        : limit === "account-and-address"
          ? `account ${username} address ${addressKey(address)}`
          : limit === "account-at-place"
            ? `account ${username} place ${place}`
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
    place: string | null;
    knownPlace: boolean;
  }): number {
    return this.store.insertFailedLogin({ ...attempt, addressKey: addressKey(attempt.address) });
  }

  loginAttempt(
    attemptId: number,
  ): { username: string; address: string; place: string | null } | null {
    return this.store.loginAttempt(attemptId);
  }

  /** The password matched: the attempt no longer counts, and the browser becomes a known place. */
  recordLoginSuccess(
    attemptId: number,
    accountId: string,
    place: string | null,
    now: number,
  ): void {
    this.store.markLoginSucceeded(attemptId);
    if (place !== null) this.store.rememberPlace(accountId, place, now);
  }

  /**
   * A password change's check of the current password: refused once the account has
   * had too many wrong ones in the window, else recorded as failed at once (answered
   * its id) until the Worker finds it right.
   */
  beginPasswordCheck(
    accountId: string,
    now: number,
  ): { decision: Decision; checkId: number | null } {
    const decision = decidePasswordCheck(
      this.store.failedPasswordChecks(accountId, now - WINDOW_MS),
      now,
    );
    if (!decision.allowed) return { decision, checkId: null };
    return { decision, checkId: this.store.insertFailedPasswordCheck(accountId, now) };
  }

  passwordCheckPassed(checkId: number, accountId: string): void {
    this.store.deletePasswordCheck(checkId, accountId);
  }

  /** May this address try a pairing code for this office now? */
  checkPairing(office: string, address: string, now: number): Decision {
    const since = now - WINDOW_MS;
    return decidePairing(
      {
        byOffice: this.store.pairingFailuresInOffice(office, since),
        byAddress: this.store.pairingFailuresFromAddress(addressKey(address), since),
      },
      now,
    );
  }

  recordPairingFailure(office: string, address: string, now: number): void {
    // Only its key: the row counts guesses, and is no record of who guessed.
    this.store.insertPairingFailure({ at: now, office, address: addressKey(address) });
  }
}
