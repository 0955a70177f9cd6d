/**
 * The front `npm start` puts before wrangler dev when Turno listens on the office's
 * network (TURNO_HOST other than loopback): the one place that knows who connected.
 *
 * wrangler dev gives the Worker the peer's address in `CF-Connecting-IP`, but only when
 * the request does not carry that header already: miniflare keeps one a client sent
 * (miniflare's entry worker, `getUserRequest`), so any tablet or phone could name any
 * address, and behind another proxy every client was that proxy. The Worker cannot tell
 * (it never sees the socket), so wrangler dev listens on loopback only, and this front,
 * on TURNO_HOST, drops every address header a client sent and sets `CF-Connecting-IP`
 * to the connection's own address (issue 13, point 1). Behind a reverse proxy on the
 * premises (a TLS terminator), TURNO_TRUSTED_PROXY names its addresses: only from those
 * is the `X-Forwarded-For` they append believed.
 */
import { Agent, createServer, type IncomingMessage, request, type Server } from "node:http";
import { connect, isIP, type Socket } from "node:net";

/** Headers through which a client could claim an address; never passed on from a client. */
const ADDRESS_HEADERS = [
  "cf-connecting-ip",
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "true-client-ip",
];

export interface LanFrontOptions {
  /** Where to listen: TURNO_HOST and TURNO_PORT. */
  host: string;
  port: number;
  /** wrangler dev, on 127.0.0.1. */
  upstreamPort: number;
  /** TURNO_TRUSTED_PROXY: the reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
}

/** `::ffff:192.0.2.7` (an IPv4 peer on a dual-stack socket) as `192.0.2.7`. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * TURNO_TRUSTED_PROXY: a comma-separated list of IP addresses; refused (so `npm start`
 * stops) if any entry is not one, rather than trusting something unmeant.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value.split(",").map((entry) => {
    const address = entry.trim();
    if (isIP(address) === 0)
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
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[],
): string {
  const connection = plainAddress(peer ?? "");
  if (!trustedProxies.includes(connection) || forwardedFor === undefined) return connection;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((hop) => plainAddress(hop.trim()));
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (isIP(hop) === 0) return connection;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return connection;
}

/** The request's headers for wrangler dev: the client's address headers replaced by ours. */
function forwardedHeaders(message: IncomingMessage, address: string): string[] {
  const raw = message.rawHeaders;
  const headers: string[] = [];
  for (let index = 0; index < raw.length; index += 2) {
    if (!ADDRESS_HEADERS.includes(raw[index]!.toLowerCase()))
      headers.push(raw[index]!, raw[index + 1]!);
  }
  headers.push("CF-Connecting-IP", address);
  return headers;
}

export function startLanFront(options: LanFrontOptions): Promise<Server> {
  const agent = new Agent({ keepAlive: true });
  const addressOf = (message: IncomingMessage) =>
    clientAddressOf(
      message.socket.remoteAddress,
      message.headers["x-forwarded-for"],
      options.trustedProxies,
    );
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: "127.0.0.1",
        port: options.upstreamPort,
        method: incoming.method,
        path: incoming.url,
        headers: forwardedHeaders(incoming, addressOf(incoming)),
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end("Turno is not answering behind the LAN front.");
    });
    incoming.pipe(upstream);
  });
  // Live sockets: the upgrade request goes on with its headers rewritten, then bytes both ways.
  server.on("upgrade", (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const upstream = connect(options.upstreamPort, "127.0.0.1", () => {
      const headers = forwardedHeaders(incoming, addressOf(incoming));
      let text = `${incoming.method} ${incoming.url} HTTP/1.1\r\n`;
      for (let index = 0; index < headers.length; index += 2)
        text += `${headers[index]}: ${headers[index + 1]}\r\n`;
      upstream.write(`${text}\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
    upstream.on("close", close);
    client.on("close", close);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
