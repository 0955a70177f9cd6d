/**
 * The LAN front `npm start` puts before wrangler dev on an office network
 * (scripts/lan-front.ts, issue 13 point 1): the Worker learns the connection's own
 * address, never one a client wrote, and a configured reverse proxy's X-Forwarded-For
 * only from that proxy. Here in Node, against a small server standing in for wrangler dev.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { startLanFront } from "../../scripts/lan-front";
import { clientAddressOf, parseTrustedProxies } from "../../shared/net/client-address";

let upstream: Server;
let front: Server;
let frontUrl: string;
/** What the stand-in for wrangler dev received last (an HTTP request or a socket's upgrade). */
let seen: IncomingHttpHeaders = {};

beforeAll(async () => {
  upstream = createServer((request, response) => {
    seen = request.headers;
    let body = "";
    request.on("data", (chunk) => {
      body += String(chunk);
    });
    request.on("end", () => {
      response.writeHead(201, { "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] });
      response.end(`${request.method} ${request.url} ${body}`);
    });
  });
  const sockets = new WebSocketServer({ server: upstream });
  sockets.on("connection", (socket, request) => {
    seen = request.headers;
    socket.on("message", (message) => socket.send(`echo ${String(message)}`));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  front = await startLanFront({
    host: "127.0.0.1",
    port: 0,
    upstreamPort: (upstream.address() as AddressInfo).port,
    trustedProxies: [],
  });
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  front.closeAllConnections();
  upstream.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

describe("The LAN front", () => {
  it("passes a request on with its method, path, body, status and every Set-Cookie, and names the connection's own address in CF-Connecting-IP, dropping the address headers the client wrote.", async () => {
    const answer = await fetch(`${frontUrl}/api/x?y=1`, {
      method: "POST",
      body: "hello",
      headers: {
        "cf-connecting-ip": "203.0.113.9",
        "x-forwarded-for": "203.0.113.10",
        "x-real-ip": "203.0.113.11",
        forwarded: "for=203.0.113.12",
      },
    });
    expect(answer.status).toBe(201);
    expect(await answer.text()).toBe("POST /api/x?y=1 hello");
    expect(answer.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(seen["cf-connecting-ip"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-for"]).toBeUndefined();
    expect(seen["x-real-ip"]).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
    expect(seen.host).toBe(new URL(frontUrl).host);
  });

  it("carries a live socket both ways, its upgrade with the connection's address too.", async () => {
    const socket = new WebSocket(`${frontUrl.replace("http", "ws")}/api/offices/o/live`, {
      headers: { "cf-connecting-ip": "203.0.113.9" },
    });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once("open", () => socket.send("ping"));
      socket.once("message", (message) => resolve(String(message)));
      socket.once("error", reject);
    });
    socket.close();
    expect(reply).toBe("echo ping");
    expect(seen["cf-connecting-ip"]).toBe("127.0.0.1");
  });
});

describe("The client's address", () => {
  it("is the connection's own unless the connection is a trusted proxy; then the right-most X-Forwarded-For hop that is not one of them.", () => {
    expect(clientAddressOf("::ffff:192.168.1.20", "10.0.0.1", [])).toBe("192.168.1.20");
    const proxies = ["192.168.1.2"];
    expect(clientAddressOf("192.168.1.2", "6.6.6.6, 192.168.1.30", proxies)).toBe("192.168.1.30");
    expect(clientAddressOf("192.168.1.2", ["6.6.6.6", "192.168.1.30, 192.168.1.2"], proxies)).toBe(
      "192.168.1.30",
    );
    expect(clientAddressOf("192.168.1.2", undefined, proxies)).toBe("192.168.1.2");
    expect(clientAddressOf("192.168.1.2", "not an address", proxies)).toBe("192.168.1.2");
    expect(clientAddressOf("192.168.1.40", "6.6.6.6", proxies)).toBe("192.168.1.40");
  });

  it("TURNO_TRUSTED_PROXY lists IP addresses; anything else stops npm start.", () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(" 192.168.1.2, ::1 ")).toEqual(["192.168.1.2", "::1"]);
    expect(() => parseTrustedProxies("proxy.local")).toThrow(/TURNO_TRUSTED_PROXY/);
  });
});
