/**
 * How many wrong guesses a caller gets. Pure: the Directory counts the
 * attempts in its storage and asks here whether one more may be tried.
 *
 * The rules are shaped so an attacker cannot lock every clerk out by
 * guessing wrong on purpose: limits bind an address, or an account *from
 * places it has never signed in from*. A place is a browser, known by a
 * long-lived cookie, not an address (issue 13, point 8): a guest Wi-Fi
 * behind the office's own public address shares that address, never the
 * clerk's browser. The clerk at their usual desk still gets in while their
 * account is under attack, from anywhere.
 */
export const WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords from one address, for any accounts. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Wrong passwords for one account from one address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Wrong passwords for one account from places it never signed in from (a spread-out attack). */
export const MAX_FAILURES_PER_ACCOUNT_FROM_NEW_PLACES = 10;
/** Wrong passwords for one account from one of its known places (the only limit there). */
export const MAX_FAILURES_PER_ACCOUNT_AT_PLACE = 5;
/** Wrong current passwords when changing one's password, per account (issue 13, point 10). */
export const MAX_WRONG_CURRENT_PASSWORDS = 5;

/** Wrong pairing codes: per office and per address. Codes have 31^8 ≈ 10^12 values. */
export const MAX_PAIRING_FAILURES_PER_OFFICE = 20;
export const MAX_PAIRING_FAILURES_PER_ADDRESS = 10;

export interface FailureCounts {
  /** Times of the failures in the window, oldest first (from places not known to the account). */
  byAddress: number[];
  byAccountAndAddress: number[];
  byAccountFromNewPlaces: number[];
  /** This browser has signed in to this account before: only its own failures bind it. */
  knownPlace: boolean;
  byAccountAtPlace: number[];
}

export type Decision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Which sign-in limit holds a caller off: what a throttled sign-in is recorded once per window by. */
export type LoginLimit =
  | "address"
  | "account-and-address"
  | "account-from-new-places"
  | "account-at-place";
export type LoginDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; limit: LoginLimit };

function limit(times: number[], max: number, now: number): number | null {
  if (times.length < max) return null;
  // Allowed again once enough of the failures have left the window.
  const freeing = times[times.length - max]!;
  return Math.max(1000, freeing + WINDOW_MS - now);
}

export function decideLogin(counts: FailureCounts, now: number): LoginDecision {
  const waits: [LoginLimit, number | null][] = counts.knownPlace
    ? [["account-at-place", limit(counts.byAccountAtPlace, MAX_FAILURES_PER_ACCOUNT_AT_PLACE, now)]]
    : [
        ["address", limit(counts.byAddress, MAX_FAILURES_PER_ADDRESS, now)],
        [
          "account-and-address",
          limit(counts.byAccountAndAddress, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, now),
        ],
        [
          "account-from-new-places",
          limit(counts.byAccountFromNewPlaces, MAX_FAILURES_PER_ACCOUNT_FROM_NEW_PLACES, now),
        ],
      ];
  let longest: { limit: LoginLimit; wait: number } | null = null;
  for (const [name, wait] of waits)
    if (wait !== null && (longest === null || wait > longest.wait)) longest = { limit: name, wait };
  return longest === null
    ? { allowed: true }
    : { allowed: false, retryAfterMs: longest.wait, limit: longest.limit };
}

/** May the signed-in person try their current password again (a password change)? */
export function decidePasswordCheck(failures: number[], now: number): Decision {
  const wait = limit(failures, MAX_WRONG_CURRENT_PASSWORDS, now);
  return wait === null ? { allowed: true } : { allowed: false, retryAfterMs: wait };
}

export function decidePairing(
  counts: { byOffice: number[]; byAddress: number[] },
  now: number,
): Decision {
  const waits = [
    limit(counts.byOffice, MAX_PAIRING_FAILURES_PER_OFFICE, now),
    limit(counts.byAddress, MAX_PAIRING_FAILURES_PER_ADDRESS, now),
  ].filter((wait): wait is number => wait !== null);
  return waits.length === 0
    ? { allowed: true }
    : { allowed: false, retryAfterMs: Math.max(...waits) };
}
