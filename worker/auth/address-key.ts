import { ipv6Groups } from "../../shared/net/ipv6";

/**
 * The key a per-address limit counts under. An IPv4 address is one key; an IPv6 address
 * counts by its /64, the block one home, phone or office network is given and can draw
 * from at will: keyed per full address, one device could try 2^64 times as often (issue
 * 13, point 3). An IPv4 address written inside IPv6 (`::ffff:192.0.2.7`) is that IPv4
 * address; anything that is not an address is its own key.
 */
export function addressKey(address: string): string {
  const lower = address.trim().toLowerCase();
  if (!lower.includes(":")) return lower;
  const groups = ipv6Groups(lower);
  if (!groups) return lower;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
