import { PAIRING_CODE_ALPHABET } from "../../shared/protocol/auth";

const LENGTH = 8;

/** A fresh pairing code, uniformly drawn (rejection sampling: no letter is likelier than another). */
export function newPairingCode(): string {
  const limit = 256 - (256 % PAIRING_CODE_ALPHABET.length);
  let code = "";
  while (code.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && code.length < LENGTH)
        code += PAIRING_CODE_ALPHABET[byte % PAIRING_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** Shown as XXXX-XXXX, which people read out and type more easily. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
