import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ALERT_WORKER_SCOPE,
  ALERT_WORKER_URL,
  alertTurn,
  dismissTurnAlert,
  notifyPermission,
  registerAlertWorker,
  requestNotifyPermission,
  type TurnAlert,
} from "../../ticket/model/turn-alert";

const ALERT: TurnAlert = {
  title: "Tocca a te: A023",
  body: "Recati presso Sportello 3",
  tag: "ticket-1",
  url: "/t/scandicci/abcdefghijklmnopqrstuv",
};

/** A browser's Notification: its permission, and every `new Notification` made (or refused). */
function stubNotification(permission: NotificationPermission, options: { refuse?: boolean } = {}) {
  const made: { title: string; options: NotificationOptions }[] = [];
  const FakeNotification = vi.fn(function (
    this: { tag?: string; close(): void },
    title: string,
    init: NotificationOptions,
  ) {
    if (options.refuse) {
      throw new TypeError(
        "Failed to construct 'Notification': Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.",
      );
    }
    made.push({ title, options: init });
    this.tag = init.tag;
    this.close = vi.fn();
  });
  Object.assign(FakeNotification, {
    permission,
    requestPermission: vi.fn(async () => "granted"),
  });
  vi.stubGlobal("Notification", FakeNotification);
  return { made, FakeNotification };
}

/** A service worker registration as `navigator.serviceWorker.getRegistration()` gives it. */
function fakeRegistration(options: { refuse?: boolean } = {}) {
  const shown: { title: string; options: NotificationOptions & Record<string, unknown> }[] = [];
  const closed: string[] = [];
  return {
    shown,
    closed,
    registration: {
      showNotification: vi.fn(async (title: string, init: NotificationOptions) => {
        if (options.refuse) throw new TypeError("No active registration.");
        shown.push({ title, options: init as NotificationOptions & Record<string, unknown> });
      }),
      getNotifications: vi.fn(async (filter: { tag?: string }) =>
        shown
          .filter((n) => n.options.tag === filter.tag)
          .map((n) => ({ close: () => closed.push(String(n.options.tag)) })),
      ),
    },
  };
}

/** navigator with (or without) a service worker container and vibration. */
function stubNavigator(serviceWorker?: Record<string, unknown>) {
  const vibrate = vi.fn(() => true);
  vi.stubGlobal("navigator", { vibrate, ...(serviceWorker ? { serviceWorker } : {}) });
  return vibrate;
}

describe("The ticket page's alert when the person is called", () => {
  beforeEach(() => vi.stubGlobal("isSecureContext", true));
  afterEach(() => vi.unstubAllGlobals());

  it("shows the notification through the service worker's registration when there is one (the only way Android Chrome shows it), not with new Notification.", async () => {
    const { made } = stubNotification("granted");
    const { registration, shown } = fakeRegistration();
    const getRegistration = vi.fn(async () => registration);
    stubNavigator({ getRegistration });
    await alertTurn(ALERT);
    expect(getRegistration).toHaveBeenCalledWith(ALERT_WORKER_SCOPE);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe(ALERT.title);
    expect(shown[0]?.options).toMatchObject({
      body: ALERT.body,
      tag: ALERT.tag,
      requireInteraction: true,
      data: { url: ALERT.url },
    });
    expect(shown[0]?.options.vibrate).toEqual(expect.any(Array));
    expect(made, "no page notification besides the worker's").toEqual([]);
  });

  it("falls back to new Notification where there is no service worker (a desktop browser).", async () => {
    const { made } = stubNotification("granted");
    stubNavigator();
    await alertTurn(ALERT);
    expect(made).toEqual([
      {
        title: ALERT.title,
        options: { body: ALERT.body, tag: ALERT.tag, requireInteraction: true },
      },
    ]);
  });

  it("falls back to new Notification when the registration refuses to show one (its worker not active yet).", async () => {
    const { made } = stubNotification("granted");
    const { registration } = fakeRegistration({ refuse: true });
    stubNavigator({ getRegistration: async () => registration });
    await alertTurn(ALERT);
    expect(registration.showNotification).toHaveBeenCalledOnce();
    expect(made.map((n) => n.title)).toEqual([ALERT.title]);
  });

  it("swallows new Notification's refusal silently (Android Chrome with no worker), and still vibrates.", async () => {
    const { FakeNotification } = stubNotification("granted", { refuse: true });
    const vibrate = stubNavigator({ getRegistration: async () => undefined });
    await expect(alertTurn(ALERT)).resolves.toBeUndefined();
    expect(FakeNotification).toHaveBeenCalledOnce();
    expect(vibrate).toHaveBeenCalledOnce();
  });

  it("throws nothing where neither notifications nor service workers nor vibration exist.", async () => {
    vi.stubGlobal("Notification", undefined);
    vi.stubGlobal("navigator", {});
    expect(notifyPermission()).toBe("unsupported");
    await expect(alertTurn(ALERT)).resolves.toBeUndefined();
    await expect(requestNotifyPermission()).resolves.toBe("unsupported");
    await expect(registerAlertWorker()).resolves.toBeUndefined();
    await expect(dismissTurnAlert(ALERT.tag)).resolves.toBeUndefined();
  });

  it("notifies nobody who has not allowed it, but still vibrates.", async () => {
    const { made } = stubNotification("default");
    const { registration, shown } = fakeRegistration();
    const vibrate = stubNavigator({ getRegistration: async () => registration });
    await alertTurn(ALERT);
    expect(shown).toEqual([]);
    expect(made).toEqual([]);
    expect(vibrate).toHaveBeenCalledOnce();
  });

  it("promises nothing on plain http (the office's LAN): 'insecure', no permission asked, no worker registered.", async () => {
    vi.stubGlobal("isSecureContext", false);
    const { FakeNotification } = stubNotification("denied");
    const register = vi.fn(async () => ({}));
    stubNavigator({ register, getRegistration: async () => undefined });
    expect(notifyPermission()).toBe("insecure");
    await expect(requestNotifyPermission()).resolves.toBe("insecure");
    await registerAlertWorker();
    await alertTurn(ALERT);
    expect(register).not.toHaveBeenCalled();
    expect(FakeNotification).not.toHaveBeenCalled();
  });

  it("registers its worker at /t/sw.js for the scope /t/, and takes a refusal quietly.", async () => {
    const register = vi.fn(async () => ({}));
    stubNavigator({ register });
    await registerAlertWorker();
    expect(register).toHaveBeenCalledWith(ALERT_WORKER_URL, { scope: ALERT_WORKER_SCOPE });
    expect(ALERT_WORKER_URL).toBe("/t/sw.js");
    expect(ALERT_WORKER_SCOPE).toBe("/t/");

    stubNavigator({
      register: vi.fn(async () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      }),
    });
    await expect(registerAlertWorker()).resolves.toBeUndefined();
  });

  it("asks for permission only through Notification.requestPermission, and reports its answer.", async () => {
    const { FakeNotification } = stubNotification("default");
    stubNavigator();
    await expect(requestNotifyPermission()).resolves.toBe("granted");
    expect(
      (FakeNotification as unknown as { requestPermission: () => unknown }).requestPermission,
    ).toHaveBeenCalledOnce();
  });

  it("takes the ticket's notification away once the call is over, and leaves other tickets' alone.", async () => {
    stubNotification("granted");
    const { registration, closed } = fakeRegistration();
    stubNavigator({ getRegistration: async () => registration });
    await alertTurn(ALERT);
    await alertTurn({ ...ALERT, tag: "ticket-2" });
    await dismissTurnAlert(ALERT.tag);
    expect(closed).toEqual([ALERT.tag]);
  });
});
