/**
 * A booking code as a person types it at the kiosk or reads it out at the
 * counter. The office gives 6 characters from an alphabet without 0/O and
 * 1/I, so no two can be mistaken for each other; people type them in lower
 * case, or copy them with the spaces or dashes a confirmation may show.
 */
export const BOOKING_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const BOOKING_CODE_LENGTH = 6;

/** More than this is not a code being typed but something pasted by mistake: the rest is dropped. */
const KEPT_CHARACTERS = 12;

/** Upper case, without spaces and dashes (of any kind): "ab3-k9 z" → "AB3K9Z". */
export function normaliseBookingCode(typed: string): string {
  return (
    typed
      .toUpperCase()
      // Hyphen-minus, the Unicode hyphens and dashes (U+2010–2015), the minus sign, underscores, dots.
      .replace(/[\s\-\u2010-\u2015\u2212_.]+/g, "")
      .slice(0, KEPT_CHARACTERS)
  );
}

/**
 * What keeps a normalised code from being sent: "length" (not 6 characters)
 * or "character" (one the office never uses, such as 0, O, 1 or I), or null.
 */
export type BookingCodeProblem = "length" | "character";

export function bookingCodeProblem(code: string): BookingCodeProblem | null {
  for (let i = 0; i < code.length; i++) {
    if (BOOKING_CODE_ALPHABET.indexOf(code.charAt(i)) < 0) return "character";
  }
  return code.length === BOOKING_CODE_LENGTH ? null : "length";
}
