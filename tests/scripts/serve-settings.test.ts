import { describe, expect, it } from "vitest";
import { serveOptionsFromEnv } from "../../scripts/serve/settings";

const TLS = { TURNO_TLS_CERT: "/etc/turno/fullchain.pem", TURNO_TLS_KEY: "/etc/turno/privkey.pem" };

describe("npm run serve's settings: the http → https redirect (TURNO_HTTP_REDIRECT_PORT)", () => {
  it("Is off unless asked for, and listens where it is told beside https.", () => {
    expect(serveOptionsFromEnv("/turno", TLS).redirectPort).toBeNull();
    const options = serveOptionsFromEnv("/turno", {
      ...TLS,
      TURNO_HTTP_REDIRECT_PORT: "80",
      TURNO_PORT: "443",
    });
    expect([options.port, options.redirectPort]).toEqual([443, 80]);
  });

  it("Refuses, saying why: with plain http, on the https port itself, or not a port.", () => {
    expect(() =>
      serveOptionsFromEnv("/turno", { TURNO_PLAIN_HTTP: "1", TURNO_HTTP_REDIRECT_PORT: "80" }),
    ).toThrow(/TURNO_PLAIN_HTTP=1 serves no https/);
    expect(() =>
      serveOptionsFromEnv("/turno", { ...TLS, TURNO_HTTP_REDIRECT_PORT: "8443" }),
    ).toThrow(/must differ from TURNO_PORT \(8443\)/);
    expect(() =>
      serveOptionsFromEnv("/turno", { ...TLS, TURNO_HTTP_REDIRECT_PORT: "http" }),
    ).toThrow(/TURNO_HTTP_REDIRECT_PORT must be a port number/);
  });
});
