import { signal } from "@preact/signals-core";
import { takeDeviceTokenFromLocation } from "./device-link";
import { errorCode } from "./error-body";
import { type HttpAnswer, requestJson } from "./http";
import { isCompletePairingCode, normalizePairingCode } from "./pairing-code";

export type DeviceRole = "kiosk" | "display";

/**
 * "checking": asking the server (and retrying while it cannot be reached);
 * "unpaired": the pairing screen; "paired": the app runs.
 */
export type DeviceStage = "checking" | "unpaired" | "paired";

/** Why the last pairing attempt failed; `code` picks the sentence (see the `pairing` words). */
export interface PairingProblem {
  code:
    | "incomplete"
    | "invalid_pairing_code"
    | "wrong_device_role"
    | "too_many_attempts"
    | "offline"
    | "generic";
  /** For too_many_attempts: the server's Retry-After. */
  retryAfterSeconds: number | null;
}

/** What the page knows of itself once paired. */
export interface PairedDevice {
  id: string;
  name: string;
}

export interface DeviceSessionOptions {
  officeId: string;
  role: DeviceRole;
  /** Injected in tests. */
  request?: (method: string, path: string, body?: unknown) => Promise<HttpAnswer>;
  takeLinkToken?: () => string | null;
}

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;

/**
 * A kiosk's or a display's credential: the page asks the server
 * whether this browser holds a device cookie for its office and role, takes
 * a pre-paired link's token if it came with one, and otherwise shows the
 * pairing screen until someone types a code. The cookie is HttpOnly: the page
 * only ever learns "paired" or not. Plain enough for the ES5 display.
 */
export function createDeviceSession(options: DeviceSessionOptions) {
  const request = options.request ?? requestJson;
  const base = `/api/offices/${encodeURIComponent(options.officeId)}/devices`;
  const stage = signal<DeviceStage>("checking");
  const device = signal<PairedDevice | null>(null);
  const code = signal("");
  const busy = signal(false);
  const problem = signal<PairingProblem | null>(null);
  /** The server cut this device off while it ran (revoked, or its pairing ended): say so on the pairing screen. */
  const revoked = signal(false);
  let retryDelay = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** The device in a 200 answer, if it is one for this office and role. */
  function pairedFrom(answer: HttpAnswer): PairedDevice | null {
    const body = answer.body as {
      device?: { id?: unknown; name?: unknown; role?: unknown };
    } | null;
    const found = body && typeof body === "object" ? body.device : undefined;
    if (answer.status !== 200 || !found || found.role !== options.role) return null;
    return {
      id: typeof found.id === "string" ? found.id : "",
      name: typeof found.name === "string" ? found.name : "",
    };
  }

  function becomePaired(found: PairedDevice): void {
    retryDelay = RETRY_MIN_MS;
    device.value = found;
    problem.value = null;
    code.value = "";
    revoked.value = false;
    stage.value = "paired";
  }

  /** No answer (or a server error): keep the current screen and ask again later, backing off. */
  function retryLater(again: () => void): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(again, retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
  }

  function check(): void {
    request("GET", `${base}/me?role=${options.role}`).then((answer) => {
      const found = pairedFrom(answer);
      if (found) becomePaired(found);
      else if (answer.status === 0 || answer.status >= 500) retryLater(check);
      else stage.value = "unpaired";
    });
  }

  /** A pre-paired link's token, exchanged for the cookie; if that fails, the usual check decides. */
  function adopt(token: string): void {
    request("POST", `${base}/adopt`, { token }).then((answer) => {
      const found = pairedFrom(answer);
      if (found) becomePaired(found);
      else if (answer.status === 0 || answer.status >= 500) retryLater(() => adopt(token));
      else check();
    });
  }

  function start(): void {
    const token = (options.takeLinkToken ?? takeDeviceTokenFromLocation)();
    if (token) adopt(token);
    else check();
  }

  function pair(): void {
    if (busy.peek()) return;
    const typed = code.peek();
    if (!isCompletePairingCode(typed)) {
      problem.value = { code: "incomplete", retryAfterSeconds: null };
      return;
    }
    busy.value = true;
    problem.value = null;
    request("POST", `${base}/pair?role=${options.role}`, {
      code: normalizePairingCode(typed),
    }).then((answer) => {
      busy.value = false;
      const found = pairedFrom(answer);
      if (found) {
        becomePaired(found);
        return;
      }
      problem.value = pairingProblem(answer);
    });
  }

  return {
    officeId: options.officeId,
    role: options.role,
    stage,
    device,
    /** The code as typed (the pairing screen formats it). */
    code,
    busy,
    problem,
    revoked,
    start,
    pair,
    setCode(next: string): void {
      code.value = next;
      if (problem.peek()?.code === "incomplete") problem.value = null;
    },
    /** The live socket was turned away (device revoked): back to the pairing screen, no retry loop. */
    lost(): void {
      clearTimeout(retryTimer);
      device.value = null;
      revoked.value = true;
      stage.value = "unpaired";
    },
  };
}

export type DeviceSession = ReturnType<typeof createDeviceSession>;

/** The sentence to show for a refused pairing. */
export function pairingProblem(answer: HttpAnswer): PairingProblem {
  const code = errorCode(answer.body);
  const problem = (kind: PairingProblem["code"]): PairingProblem => ({
    code: kind,
    retryAfterSeconds: kind === "too_many_attempts" ? answer.retryAfterSeconds : null,
  });
  if (answer.status === 0) return problem("offline");
  if (answer.status === 429 || code === "too_many_attempts") return problem("too_many_attempts");
  if (answer.status === 409 || code === "wrong_device_role") return problem("wrong_device_role");
  if (code === "invalid_pairing_code" || answer.status === 404 || answer.status === 400) {
    return problem("invalid_pairing_code");
  }
  // 200 for the other kind of device would be odd (the server checks the role), but is not paired here either.
  if (answer.status === 200) return problem("wrong_device_role");
  return problem("generic");
}
