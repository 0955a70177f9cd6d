/** Whether this browser can show notifications at all, and what the person decided. */
export type NotifyPermission = NotificationPermission | "unsupported";

export function notifyPermission(): NotifyPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks for permission to notify: only ever from a button the person pressed. */
export async function requestNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === "undefined") return "unsupported";
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/**
 * "It's your turn": the phone vibrates where it can, and shows a
 * notification if the person allowed it. Both are best effort (Android
 * Chrome only notifies from a service worker, iOS only from a home-screen
 * app); the page itself always shows where to go, large.
 */
export function alertTurn(title: string, body: string, tag: string): void {
  try {
    navigator.vibrate?.([400, 200, 400, 200, 800]);
  } catch {
    // vibration refused (no user gesture yet): the page still shows the call
  }
  if (notifyPermission() !== "granted") return;
  try {
    new Notification(title, { body, tag, requireInteraction: true });
  } catch {
    // this browser notifies only through a service worker
  }
}
