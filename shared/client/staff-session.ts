import { computed, signal } from "@preact/signals";
import { roleInOffice } from "../access/ranks";
import { MeView } from "../protocol/auth";
import { errorCode } from "./error-body";
import { type HttpAnswer, requestJson } from "./http";

/**
 * "checking": asking who is signed in (and retrying while the server cannot
 * be reached); "signed-out": the login screen; "no-access": signed in, but
 * with no grant for this office; "signed-in": the app runs.
 */
export type SessionStage = "checking" | "signed-out" | "no-access" | "signed-in";

export interface LoginProblem {
  code: "missing" | "invalid_credentials" | "too_many_attempts" | "offline" | "generic";
  /** For too_many_attempts: the server's Retry-After. */
  retryAfterSeconds: number | null;
}

export interface PasswordProblem {
  code:
    | "mismatch"
    | "too_short"
    | "wrong_password"
    | "weak_password"
    | "offline"
    | "generic"
    | "invalid_request";
}

/** Why the login screen is shown: signed out here, or the server ended the session. */
export type SessionNotice = "signed-out" | "session-ended" | null;

export interface StaffSessionOptions {
  officeId: string;
  /** Injected in tests. */
  request?: (method: string, path: string, body?: unknown) => Promise<HttpAnswer>;
}

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;
/** More denials than this within LOSS_WINDOW_MS, while /me still says "signed in": stop and ask for a login. */
const MAX_QUICK_LOSSES = 3;
const LOSS_WINDOW_MS = 60_000;
export const PASSWORD_MIN_LENGTH = 12;

/**
 * A staff member's session, as a staff app (the counter console, the
 * supervisor dashboard) sees it: who is signed in and what they
 * may do in this office. The session cookie is HttpOnly and
 * never seen here; the page only asks /api/auth/me. Nothing connects to the
 * office before this says "signed-in".
 */
export function createStaffSession(options: StaffSessionOptions) {
  const request = options.request ?? requestJson;
  const stage = signal<SessionStage>("checking");
  const me = signal<MeView | null>(null);
  /** True while the server cannot be reached to say who is signed in. */
  const unreachable = signal(false);
  const busy = signal(false);
  const problem = signal<LoginProblem | null>(null);
  const notice = signal<SessionNotice>(null);
  /**
   * Bumped whenever the console must open a fresh live connection: a new
   * sign-in, a renewed session (password change), a session found valid again
   * after the socket was turned away.
   */
  const generation = signal(0);
  const role = computed(() =>
    me.value ? roleInOffice(me.value.account.grants, options.officeId) : null,
  );
  let retryDelay = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let losses: number[] = [];
  let changingPassword = false;
  let lostWhileChanging = false;

  function accept(view: MeView, renew: boolean): void {
    me.value = view;
    unreachable.value = false;
    retryDelay = RETRY_MIN_MS;
    const allowed = roleInOffice(view.account.grants, options.officeId) !== null;
    stage.value = allowed ? "signed-in" : "no-access";
    if (allowed && renew) generation.value++;
  }

  function signOutLocally(why: SessionNotice): void {
    clearTimeout(retryTimer);
    me.value = null;
    unreachable.value = false;
    notice.value = why;
    stage.value = "signed-out";
  }

  /** Asks the server who is signed in; `renew` opens a fresh live connection if still allowed. */
  function check(renew: boolean, whenSignedOut: SessionNotice = null): void {
    clearTimeout(retryTimer);
    request("GET", "/api/auth/me").then((answer) => {
      const view = answer.status === 200 ? MeView.safeParse(answer.body) : null;
      if (view?.success) accept(view.data, renew);
      else if (answer.status === 401) signOutLocally(whenSignedOut);
      else {
        // No answer, or one we cannot read: keep what is on screen and ask again, backing off.
        unreachable.value = true;
        retryTimer = setTimeout(() => check(renew, whenSignedOut), retryDelay);
        retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
      }
    });
  }

  async function login(username: string, password: string): Promise<void> {
    if (busy.peek()) return;
    if (!username.trim() || !password) {
      problem.value = { code: "missing", retryAfterSeconds: null };
      return;
    }
    busy.value = true;
    problem.value = null;
    const answer = await request("POST", "/api/auth/login", {
      username: username.trim().toLowerCase(),
      password,
    });
    busy.value = false;
    const view = answer.status === 200 ? MeView.safeParse(answer.body) : null;
    if (view?.success) {
      notice.value = null;
      losses = [];
      accept(view.data, true);
      return;
    }
    problem.value = loginProblem(answer);
  }

  async function logout(): Promise<void> {
    // Signed out on screen at once; the server forgets the session (and closes its sockets) meanwhile.
    signOutLocally("signed-out");
    await request("POST", "/api/auth/logout", {});
  }

  /**
   * The live socket was turned away (4401/4403) or a command answered 401.
   * The server may have ended the session (logout elsewhere, password
   * changed, account disabled) or only this connection: /me decides.
   */
  function lost(): void {
    if (changingPassword) {
      // The password change ends every session, this one too, then signs this browser in again.
      lostWhileChanging = true;
      return;
    }
    const now = Date.now();
    losses = losses.filter((at) => now - at < LOSS_WINDOW_MS);
    losses.push(now);
    if (losses.length > MAX_QUICK_LOSSES) {
      // /me keeps saying yes, the socket keeps saying no: a fresh sign-in, not a loop.
      losses = [];
      signOutLocally("session-ended");
      return;
    }
    check(true, "session-ended");
  }

  async function changePassword(
    currentPassword: string,
    newPassword: string,
    confirmation: string,
  ): Promise<PasswordProblem | null> {
    if (newPassword !== confirmation) return { code: "mismatch" };
    if (newPassword.length < PASSWORD_MIN_LENGTH) return { code: "too_short" };
    changingPassword = true;
    lostWhileChanging = false;
    const answer = await request("POST", "/api/auth/password", { currentPassword, newPassword });
    changingPassword = false;
    const view = answer.status === 200 ? MeView.safeParse(answer.body) : null;
    if (view?.success) {
      // The old session and its socket are gone: connect again with the new one.
      accept(view.data, true);
      return null;
    }
    if (lostWhileChanging || answer.status === 401) lost();
    return passwordProblem(answer);
  }

  return {
    officeId: options.officeId,
    stage,
    me,
    role,
    unreachable,
    busy,
    problem,
    notice,
    generation,
    start(): void {
      check(true);
    },
    login,
    logout,
    lost,
    /** Reads the grants again (after a 403): a role taken away shows at once. */
    refresh(): void {
      check(false, "session-ended");
    },
    changePassword,
    dismissProblem(): void {
      problem.value = null;
    },
    dispose(): void {
      clearTimeout(retryTimer);
    },
  };
}

export type StaffSession = ReturnType<typeof createStaffSession>;

export function loginProblem(answer: HttpAnswer): LoginProblem {
  const code = errorCode(answer.body);
  if (answer.status === 0) return { code: "offline", retryAfterSeconds: null };
  if (answer.status === 429 || code === "too_many_attempts") {
    return { code: "too_many_attempts", retryAfterSeconds: answer.retryAfterSeconds };
  }
  if (answer.status === 401 || code === "invalid_credentials") {
    return { code: "invalid_credentials", retryAfterSeconds: null };
  }
  // 400: a username or password the server cannot even consider (too long): same answer, no hint.
  if (answer.status === 400) return { code: "invalid_credentials", retryAfterSeconds: null };
  return { code: "generic", retryAfterSeconds: null };
}

export function passwordProblem(answer: HttpAnswer): PasswordProblem {
  const code = errorCode(answer.body);
  if (answer.status === 0) return { code: "offline" };
  if (code === "wrong_password") return { code: "wrong_password" };
  if (code === "weak_password") return { code: "weak_password" };
  if (answer.status === 400) return { code: "invalid_request" };
  return { code: "generic" };
}
