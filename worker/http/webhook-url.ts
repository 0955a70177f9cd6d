/*
 * Where an office may send its webhooks (issue 15), against server-side
 * request forgery. A deployed Worker (no TURNO_LAN) sends only to https URLs
 * on public hosts: names such as localhost or *.internal and IP literals in
 * private, loopback, link-local, CGNAT or unique-local ranges are refused.
 * A name that resolves to a private address cannot be caught here (Workers
 * have no resolver); Cloudflare's fetch reaches only the public Internet
 * anyway. On an office's own machine (TURNO_LAN=1, npm start) the receiver is
 * often another machine on that network, as plain http: any http or https URL
 * is allowed there, which is the network the administrator already stands in.
 */

const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|lan|home\.arpa)$/i;

function privateIPv4(host: string): boolean {
  const parts = host.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function privateIPv6(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (!address.includes(":")) return false;
  if (address === "::" || address === "::1") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return privateIPv4(mapped[1]!);
  // WHATWG URL writes a mapped IPv4 in hex (::ffff:a00:1): refuse the whole mapped range.
  if (address.startsWith("::ffff:")) return true;
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(address);
}

/** Why this URL may not receive webhooks, or null when it may. */
export function webhookUrlProblem(text: string, options: { lan: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL";
  }
  if (url.username || url.password)
    return "no user or password in the URL: the signature authenticates Turno";
  if (url.protocol === "https:") {
    if (options.lan) return null;
  } else if (url.protocol === "http:") {
    if (!options.lan) return "use an https URL";
    return null;
  } else return "use an https URL";
  const host = url.hostname;
  const singleLabel = !host.includes(".") && !host.includes(":");
  if (PRIVATE_NAMES.test(host) || singleLabel || privateIPv4(host) || privateIPv6(host))
    return "use a public host: private, loopback and local addresses are refused";
  return null;
}
