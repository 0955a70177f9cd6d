import type { DeviceView } from "../../shared/protocol/auth";

/** How long a pairing code is valid (worker/auth/directory.ts, PAIRING_CODE_TTL_MS). */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

/**
 * The device that used the pairing code on screen, if one did (a used code
 * must not still say "Valido ancora 9:42"). The server deletes a code when a device redeems it
 * and its device list does not say which code a device came from, so the device is found by
 * what the code gave it: the same role and name, paired after the code was made and before
 * it expired. The newest such device, when several match.
 */
export function deviceThatUsedCode(
  pairing: { role: string; name: string; expiresAt: number },
  devices: readonly DeviceView[] | null,
): DeviceView | null {
  if (!devices) return null;
  const createdAt = pairing.expiresAt - PAIRING_CODE_TTL_MS;
  const candidates = devices.filter(
    (device) =>
      device.role === pairing.role &&
      device.name === pairing.name &&
      device.createdAt >= createdAt &&
      device.createdAt <= pairing.expiresAt,
  );
  return candidates.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
}
