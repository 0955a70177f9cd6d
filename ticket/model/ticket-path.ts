/** Where a ticket page points: /t/{office}/{token}, the link in the ticket's QR code. */
export interface TicketTarget {
  officeId: string;
  token: string;
}

const TICKET_PATH = /^\/t\/([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)\/([A-Za-z0-9_-]{22})\/?$/;

/** The office and token in a ticket link's path, or null if the path is not a ticket link. */
export function parseTicketPath(pathname: string): TicketTarget | null {
  const match = TICKET_PATH.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  return { officeId: match[1], token: match[2] };
}
