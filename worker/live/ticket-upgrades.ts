import { addressKey } from "../auth/address-key";
import { type Limit, MemoryLimits } from "../office/rate-limits";

/**
 * Ticket-socket attempts per address, counted in the Worker before the office sees them
 * (issue 13, point 2). The office caps open sockets (4 a ticket, 100 an address) but had
 * to take every attempt to refuse it, in its one thread; a client reconnecting the moment
 * it is refused made ~500 attempts a second there and delayed clerks' calls by hundreds
 * of milliseconds. Over this, the Worker says "too many" itself (close 4429, which the
 * ticket page backs off from). Generous: a Wi-Fi drop behind one address brings every
 * phone back at once, and the bench's reconnect storm brings 1,000 from 100 addresses.
 * In the Worker isolate's memory: one isolate under `npm run serve`, one per location on
 * Cloudflare (each then counts its own share; the office's caps still hold everywhere).
 */
export const TICKET_UPGRADES: Omit<Limit, "key"> = { max: 300, windowMs: 10_000, kept: "memory" };

const attempts = new MemoryLimits();

/** Takes one attempt for this address and office; false once the window's attempts are spent. */
export function takeTicketUpgrade(office: string, address: string, now = Date.now()): boolean {
  const limit: Limit = { ...TICKET_UPGRADES, key: `${office}\n${addressKey(address)}` };
  if (attempts.wait(limit, now) !== null) return false;
  attempts.take(limit, now);
  return true;
}
