/**
 * "It's your turn" on the person's phone. A notification through the
 * ticket page's service worker (`registration.showNotification`, the only kind
 * Android Chrome shows: it refuses `new Notification`), else a page notification
 * (`new Notification`, desktop browsers without the worker), else none; the
 * phone vibrates where it can. All of it is best effort: the page itself always
 * shows where to go, large.
 *
 * Browsers allow service workers and notifications only on secure origins
 * (https, or localhost): on the office's LAN over plain http there is neither,
 * and the page says so instead of promising a notification.
 */

/** Whether this page can notify at all, and what the person decided. */
export type NotifyPermission = NotificationPermission | "unsupported" | "insecure";

/**
 * The service worker is served at /t/sw.js (worker/app.ts) so that its scope,
 * /t/, covers every ticket link /t/{office}/{token} and the home-screen start /t/.
 */
export const ALERT_WORKER_URL = "/t/sw.js";
export const ALERT_WORKER_SCOPE = "/t/";

const VIBRATION = [400, 200, 400, 200, 800];

export interface TurnAlert {
  /** "It's your turn: A023": the ticket code is the only thing of the person's it names. */
  title: string;
  /** "Go to Sportello 3". */
  body: string;
  /** One notification per ticket: a second call replaces the first. */
  tag: string;
  /** The ticket page's own path (same origin), opened again when the notification is tapped. */
  url: string;
}

/** What showNotification takes beyond the DOM library's NotificationOptions. */
type WorkerNotificationOptions = NotificationOptions & { vibrate?: number[]; renotify?: boolean };

/** The notification made by `new Notification`, kept to close it when the call is over. */
let pageNotification: Notification | null = null;

/** Plain http on a LAN address (not `globalThis`: the ticket page runs on Chromium 64 and Safari 12). */
function insecure(): boolean {
  return typeof isSecureContext === "boolean" && !isSecureContext;
}

export function notifyPermission(): NotifyPermission {
  if (insecure()) return "insecure";
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks for permission to notify: only ever from a button the person pressed. */
export async function requestNotifyPermission(): Promise<NotifyPermission> {
  const now = notifyPermission();
  if (now === "unsupported" || now === "insecure") return now;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

function serviceWorkers(): ServiceWorkerContainer | undefined {
  if (insecure() || typeof navigator === "undefined") return undefined;
  return navigator.serviceWorker;
}

/**
 * Installs the service worker that shows the notification. Done when the page
 * opens, whatever the permission, so that it is active long before the call.
 * Refused (private windows, policies, no support): page notifications or none.
 */
export async function registerAlertWorker(): Promise<void> {
  try {
    await serviceWorkers()?.register(ALERT_WORKER_URL, { scope: ALERT_WORKER_SCOPE });
  } catch {
    // the page works without it
  }
}

async function alertWorker(): Promise<ServiceWorkerRegistration | undefined> {
  try {
    return await serviceWorkers()?.getRegistration(ALERT_WORKER_SCOPE);
  } catch {
    return undefined;
  }
}

/** Vibrates, and notifies if the person allowed it. Never throws. */
export async function alertTurn(alert: TurnAlert): Promise<void> {
  try {
    navigator.vibrate?.(VIBRATION);
  } catch {
    // vibration refused (no tap on the page yet): the page still shows the call
  }
  if (notifyPermission() !== "granted") return;
  const registration = await alertWorker();
  if (registration) {
    const options: WorkerNotificationOptions = {
      body: alert.body,
      tag: alert.tag,
      requireInteraction: true,
      renotify: true,
      vibrate: VIBRATION,
      data: { url: alert.url },
    };
    try {
      await registration.showNotification(alert.title, options);
      return;
    } catch {
      // no active worker yet: try the page's own notification
    }
  }
  try {
    pageNotification = new Notification(alert.title, {
      body: alert.body,
      tag: alert.tag,
      requireInteraction: true,
    });
  } catch {
    // this browser notifies only through a service worker, and there is none
  }
}

/** Takes the notification away once the call is over (served, transferred, missed): it would send the person to a counter that no longer waits for them. */
export async function dismissTurnAlert(tag: string): Promise<void> {
  if (pageNotification?.tag === tag) {
    pageNotification.close();
    pageNotification = null;
  }
  try {
    const shown = (await (await alertWorker())?.getNotifications({ tag })) ?? [];
    for (const notification of shown) notification.close();
  } catch {
    // nothing to take away
  }
}
