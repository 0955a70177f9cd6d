/**
 * Who connected, as the front of a Turno on the office's own machine decides it: `npm
 * start`'s LAN front (scripts/lan-front.ts, in Node) and `npm run serve`'s edge
 * (scripts/serve/edge/entry.ts, in workerd) both hand the Worker the client's address (in
 * `CF-Connecting-IP` as Cloudflare does, or beside the request), taken from the connection
 * or from a configured trusted reverse proxy, never from a header the client wrote (issue
 * 13 point 1, issue 14).
 * Pure, so that both runtimes share it.
 */
import { ipv6Groups } from "./ipv6";

/** Headers through which a client could claim an address; never passed on from a client. */
export const ADDRESS_HEADERS = [
  "cf-connecting-ip",
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "true-client-ip",
];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A bare IPv4 or IPv6 address (as node:net's isIP, without brackets or port). */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  return !text.startsWith("[") && text.includes(":") && ipv6Groups(text.toLowerCase()) !== null;
}

/** `::ffff:192.0.2.7` (an IPv4 peer on a dual-stack socket) as `192.0.2.7`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * TURNO_TRUSTED_PROXY: a comma-separated list of IP addresses; refused (so the server
 * does not start) if any entry is not one, rather than trusting something unmeant.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value.split(",").map((entry) => {
    const address = entry.trim();
    if (!isIpAddress(address))
      throw new Error(
        `TURNO_TRUSTED_PROXY must list IP addresses separated by commas; "${address}" is not one.`,
      );
    return plainAddress(address);
  });
}

/**
 * The client's address: the connection's own, unless it comes from a trusted proxy; then
 * the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (the one the
 * nearest proxy appended: entries to its left are whatever the client wrote).
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined | null,
  trustedProxies: readonly string[],
): string {
  const connection = plainAddress(peer ?? "");
  if (!trustedProxies.includes(connection) || forwardedFor == null) return connection;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((hop) => plainAddress(hop.trim()));
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (!isIpAddress(hop)) return connection;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return connection;
}
