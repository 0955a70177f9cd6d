import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  HOME_SCREEN_START,
  lastTicketPath,
  rememberTicketPath,
} from "../../ticket/model/last-ticket";
import { focusOrOpenTicket, ticketPathOf } from "../../ticket/service-worker/open-ticket";

const TICKET = "/t/scandicci/abcdefghijklmnopqrstuv";
const OTHER_TICKET = "/t/scandicci/ABCDEFGHIJKLMNOPQRSTUV";
const ORIGIN = "https://turno.example.org";

function stubStorage() {
  const store: Record<string, string> = {};
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => store[key] ?? null,
    setItem: (key: string, value: string) => {
      store[key] = value;
    },
  });
  return store;
}

describe("The home-screen icon of the ticket page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("has one manifest for every ticket, with no token in it, starting at /t/ in its own window.", () => {
    const manifest = JSON.parse(
      readFileSync(
        new URL("../../ticket/home-screen/manifest.webmanifest", import.meta.url),
        "utf8",
      ),
    );
    expect(manifest).toMatchObject({
      name: "Turno",
      start_url: HOME_SCREEN_START,
      scope: "/t/",
      display: "standalone",
      theme_color: "#0b4f8a",
    });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(["192x192", "512x512"]),
    );
  });

  it("opens the ticket this phone last opened, and remembers only ticket links.", () => {
    stubStorage();
    expect(lastTicketPath()).toBeNull();
    rememberTicketPath(TICKET);
    rememberTicketPath(HOME_SCREEN_START);
    rememberTicketPath("/t/scandicci/not-a-token");
    expect(lastTicketPath()).toBe(TICKET);
    rememberTicketPath(OTHER_TICKET);
    expect(lastTicketPath()).toBe(OTHER_TICKET);
  });

  it("works with storage refused (a private window): nothing remembered, nothing thrown.", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
      setItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    expect(() => rememberTicketPath(TICKET)).not.toThrow();
    expect(lastTicketPath()).toBeNull();
  });
});

describe("Tapping the 'it's your turn' notification", () => {
  function fakeClients(urls: string[]) {
    const windows = urls.map((url) => ({ url, focus: vi.fn(async () => undefined) }));
    return {
      windows,
      clients: {
        matchAll: vi.fn(async () => windows),
        openWindow: vi.fn(async () => null),
      },
    };
  }

  it("brings forward the tab that shows that ticket.", async () => {
    const { clients, windows } = fakeClients([`${ORIGIN}${OTHER_TICKET}`, `${ORIGIN}${TICKET}`]);
    await focusOrOpenTicket(clients, ORIGIN, TICKET);
    expect(clients.matchAll).toHaveBeenCalledWith({ type: "window", includeUncontrolled: true });
    expect(windows[1]?.focus).toHaveBeenCalledOnce();
    expect(windows[0]?.focus).not.toHaveBeenCalled();
    expect(clients.openWindow).not.toHaveBeenCalled();
  });

  it("opens the ticket's page when no tab shows it.", async () => {
    const { clients } = fakeClients([`${ORIGIN}${OTHER_TICKET}`]);
    await focusOrOpenTicket(clients, ORIGIN, TICKET);
    expect(clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}${TICKET}`);
  });

  it("leads only to a ticket link of this site, else to the home-screen start.", () => {
    expect(ticketPathOf({ url: TICKET })).toBe(TICKET);
    expect(ticketPathOf({ url: "https://evil.example/t/scandicci/abcdefghijklmnopqrstuv" })).toBe(
      HOME_SCREEN_START,
    );
    expect(ticketPathOf({ url: "/counter/" })).toBe(HOME_SCREEN_START);
    expect(ticketPathOf(null)).toBe(HOME_SCREEN_START);
    expect(ticketPathOf(undefined)).toBe(HOME_SCREEN_START);
  });
});
