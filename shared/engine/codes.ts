/** Ticket codes: the service's prefix letter and a number from 001, restarting each day. */
export function formatTicketCode(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, "0")}`;
}

export function parseTicketCode(code: string): { prefix: string; number: number } {
  return { prefix: code.slice(0, 1), number: Number(code.slice(1)) };
}

export function ticketIdFor(day: string, code: string): string {
  return `${day}-${code}`;
}
