/**
 * The ticket page's service worker, served at /t/sw.js with scope
 * /t/. It exists because Android Chrome shows a notification only through
 * `registration.showNotification` (turn-alert.ts), and to bring the ticket page
 * back when the person taps it. No fetch handler and no cache: the page and
 * every answer come from the network, so a new build never hides behind an
 * old copy, and the browser replaces this worker whenever its bytes change.
 */
import { focusOrOpenTicket, ticketPathOf, type WindowClients } from "./open-ticket";

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface NotificationClickEvent extends ExtendableEvent {
  notification: Notification;
}

/** What this worker uses of its global scope (the DOM library types `self` as a window). */
interface AlertWorkerScope {
  location: Location;
  clients: WindowClients & { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(
    type: "notificationclick",
    listener: (event: NotificationClickEvent) => void,
  ): void;
}

const worker = self as unknown as AlertWorkerScope;

// Nothing to prepare or keep: a new version takes over at once, and the open ticket pages with it.
worker.addEventListener("install", (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener("activate", (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = ticketPathOf(event.notification.data);
  event.waitUntil(focusOrOpenTicket(worker.clients, worker.location.origin, path));
});
