import { parseTicketPath } from "./ticket-path";

/**
 * Where the home-screen icon opens (manifest.webmanifest's start_url). One
 * manifest serves every ticket and carries no token; the page at this address
 * goes on to the ticket this phone last opened, kept in its own storage (the
 * token never leaves the phone this way).
 */
export const HOME_SCREEN_START = "/t/";

const KEY = "turno.ticket.last";

/** Keeps a ticket link's path (only a ticket link's) for the home-screen icon. */
export function rememberTicketPath(pathname: string): void {
  if (!parseTicketPath(pathname)) return;
  try {
    localStorage.setItem(KEY, pathname);
  } catch {
    // storage refused (private mode): the icon opens the "scan your ticket" page
  }
}

/** The last ticket link this phone opened, or null. */
export function lastTicketPath(): string | null {
  try {
    const path = localStorage.getItem(KEY);
    return path && parseTicketPath(path) ? path : null;
  } catch {
    return null;
  }
}
