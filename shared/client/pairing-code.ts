/**
 * Pairing codes as a person types them: eight characters shown as
 * XXXX-XXXX. The same alphabet as PAIRING_CODE_ALPHABET in
 * shared/protocol/auth.ts (a test checks it), copied because that module
 * brings zod, which the display's size budget cannot carry.
 */
export const PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;
/** For the input's `pattern`: eight letters or digits, with or without the dash. */
export const PAIRING_CODE_PATTERN = "[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}";

/** Upper case, letters and digits only: what the server compares (it ignores case, spaces and dashes). */
export function normalizePairingCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** What the field shows while the person types: "abcd2" → "ABCD-2", never more than eight characters. */
export function formatPairingCode(input: string): string {
  const code = normalizePairingCode(input).slice(0, PAIRING_CODE_LENGTH);
  return code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** Eight characters, all from the alphabet (no 0, O, 1, I or L, which look alike). */
export function isCompletePairingCode(input: string): boolean {
  const code = normalizePairingCode(input);
  if (code.length !== PAIRING_CODE_LENGTH) return false;
  for (let i = 0; i < code.length; i++) {
    if (PAIRING_ALPHABET.indexOf(code.charAt(i)) < 0) return false;
  }
  return true;
}
