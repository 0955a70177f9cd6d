import type { DevicePrincipal } from "./principal";

/**
 * Devices this Worker isolate resolved recently, by their token's digest.
 * Used only where the office checks the device again itself (issuing
 * tickets: the office refuses a revoked device at once), so a kiosk's
 * ticket costs one Durable Object hop instead of two.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;
const devices = new Map<string, { device: DevicePrincipal; until: number }>();

export function cachedDevice(tokenHash: string, now: number): DevicePrincipal | null {
  const entry = devices.get(tokenHash);
  if (!entry) return null;
  if (entry.until <= now) {
    devices.delete(tokenHash);
    return null;
  }
  return entry.device;
}

export function rememberDevice(tokenHash: string, device: DevicePrincipal, now: number): void {
  if (devices.size >= MAX_ENTRIES) devices.delete(devices.keys().next().value!);
  devices.set(tokenHash, { device, until: now + TTL_MS });
}
