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
import { connect, type Socket } from "node:net";
import { ADDRESS_HEADERS, clientAddressOf } from "../shared/net/client-address";

export interface LanFrontOptions {
  /** Where to listen: TURNO_HOST and TURNO_PORT. */
  host: string;
  port: number;
  /** wrangler dev, on 127.0.0.1. */
  upstreamPort: number;
  /** TURNO_TRUSTED_PROXY: the reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
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
