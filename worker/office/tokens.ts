import { randomToken } from "../auth/encoding";

/** 128 random bits, base64url: a ticket's tracking token cannot be guessed from its code. */
export function newTicketToken(): string {
  return randomToken("", 16);
}
