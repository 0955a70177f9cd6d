/**
 * Tags on live sockets, made and read in one place. partyserver keeps a
 * socket's tags across hibernation, and Durable Objects find sockets by tag,
 * so a revocation closes exactly the sockets of one account, session or
 * device, and a phone's socket is found by the ticket it follows.
 */

/** Screens, kiosks and counters: they follow the office's event stream. */
export const STREAM_TAG = "stream";
/** Phones: they follow one ticket only. */
export const TICKET_TAG = "ticket";

export const roleTag = (role: string) => `role:${role}`;
export const ticketTag = (ticketId: string) => `ticket:${ticketId}`;
/** A phone's socket for a ticket no longer open: told its last state, then closed. */
export const endedTicketTag = (ticketId: string) => `ended:${ticketId}`;
/** Phones' sockets from one address, capped (issue 13, point 2). */
export const addressTag = (address: string) => `addr:${address}`;
/** Every socket of one person: closed when the account is disabled or its rights change. */
export const accountTag = (accountId: string) => `acct:${accountId}`;
/** The sockets of one signed-in session: closed when it signs out. */
export const sessionTag = (sessionId: string) => `sess:${sessionId}`;
/** The sockets of one paired device: closed when it is revoked. */
export const deviceTag = (deviceId: string) => `dev:${deviceId}`;

/**
 * partyserver puts the connection's id first in its tags, and a client may
 * choose that id: only the tags we set (the rest) are read back.
 */
function ownTagValue(tags: readonly string[], prefix: string): string | null {
  for (let index = 1; index < tags.length; index++) {
    const tag = tags[index]!;
    if (tag.startsWith(prefix)) return tag.slice(prefix.length);
  }
  return null;
}

/** The ticket a phone's socket follows, read back from its tags (they survive hibernation). */
export const ticketIdFromTags = (tags: readonly string[]) => ownTagValue(tags, "ticket:");

/** The ticket of a socket accepted only to be told that ticket ended. */
export const endedTicketIdFromTags = (tags: readonly string[]) => ownTagValue(tags, "ended:");

/** The role a socket was accepted with, read back from its tags; null when it was rejected. */
export const roleFromTags = (tags: readonly string[]) => ownTagValue(tags, "role:");
