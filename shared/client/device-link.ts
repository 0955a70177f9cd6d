/**
 * Pre-paired links: `npm start` prints …/kiosk/?office=x#device=dvt_… so the
 * demo's screens work at once. The token rides in the fragment,
 * which browsers never send to a server or in a Referer; the page exchanges
 * it for an HttpOnly cookie and removes it from the address bar.
 */

/** The shape of DeviceToken in shared/protocol/auth.ts (not imported: it brings zod). */
export const DEVICE_TOKEN = /^dvt_[A-Za-z0-9_-]{43}$/;

function hashParts(hash: string): string[] {
  const text = hash.charAt(0) === "#" ? hash.slice(1) : hash;
  return text ? text.split("&") : [];
}

/** The device token in a location.hash such as "#device=dvt_…", or null. */
export function deviceTokenFromHash(hash: string): string | null {
  const parts = hashParts(hash);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (part.indexOf("device=") !== 0) continue;
    let token: string;
    try {
      token = decodeURIComponent(part.slice("device=".length));
    } catch {
      return null;
    }
    return DEVICE_TOKEN.test(token) ? token : null;
  }
  return null;
}

/** The same hash without its device token ("" when nothing else was in it). */
export function hashWithoutDeviceToken(hash: string): string {
  const rest = hashParts(hash).filter((part) => part.indexOf("device=") !== 0);
  return rest.length ? `#${rest.join("&")}` : "";
}

/** Takes the device token out of the address bar (and the history entry), returning it. */
export function takeDeviceTokenFromLocation(): string | null {
  if (typeof location === "undefined") return null;
  const hash = location.hash;
  if (hash.indexOf("device=") < 0) return null;
  const token = deviceTokenFromHash(hash);
  try {
    history.replaceState(
      history.state,
      "",
      location.pathname + location.search + hashWithoutDeviceToken(hash),
    );
  } catch {
    // replaceState refused (a very old browser): the page still works, the link stays visible
  }
  return token;
}
