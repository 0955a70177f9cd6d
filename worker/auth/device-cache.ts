import type { DevicePrincipal } from "./principal";

/**
 * Devices this Worker isolate resolved recently, by their token.
 * Used only where the office checks the device again itself (issuing
 * tickets: the office refuses a revoked device at once), so a kiosk's
 * ticket costs one Durable Object hop instead of two.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;
const devices = new Map<string, { device: DevicePrincipal; until: number }>();

export function cachedDevice(token: string, now: number): DevicePrincipal | null {
  const entry = devices.get(token);
  if (!entry) return null;
  if (entry.until <= now) {
    devices.delete(token);
    return null;
  }
  return entry.device;
}

export function rememberDevice(token: string, device: DevicePrincipal, now: number): void {
  if (devices.size >= MAX_ENTRIES) devices.delete(devices.keys().next().value!);
  devices.set(token, { device, until: now + TTL_MS });
}
