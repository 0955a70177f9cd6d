import { HOME_SCREEN_START } from "../model/last-ticket";
import { parseTicketPath } from "../model/ticket-path";

/** The parts of a service worker's `clients` that a tapped notification needs. */
export interface WindowClients {
  matchAll(options: {
    type: "window";
    includeUncontrolled: boolean;
  }): Promise<readonly WindowClient[]>;
  openWindow(url: string): Promise<unknown>;
}

interface WindowClient {
  url: string;
  focus(): Promise<unknown>;
}

/**
 * The page a tapped notification leads to: the ticket link it was shown for
 * (a path on this origin, set by the ticket page), or else the home-screen
 * start, which goes on to the last ticket. Never another site.
 */
export function ticketPathOf(data: unknown): string {
  const url = (data as { url?: unknown } | null)?.url;
  return typeof url === "string" && parseTicketPath(url) ? url : HOME_SCREEN_START;
}

/** Brings the ticket's page forward if it is open in a tab, else opens it. */
export async function focusOrOpenTicket(
  clients: WindowClients,
  origin: string,
  path: string,
): Promise<void> {
  const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((w) => {
    const url = new URL(w.url);
    return url.origin === origin && url.pathname === path;
  });
  if (open) await open.focus();
  else await clients.openWindow(new URL(path, origin).href);
}
