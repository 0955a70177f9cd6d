/**
 * `npm run serve`'s settings from its environment, each checked with a sentence that says
 * what to do. HTTPS is the default and needs the office's certificate; plain http only
 * when asked for by name, since on the office's network it carries passwords in clear.
 */
import { isAbsolute, join } from "node:path";
import { parseTrustedProxies } from "../../shared/net/client-address";
import type { ServeOptions } from "./server";

/** The documented ports: https, and plain http when TURNO_PLAIN_HTTP=1. */
export const HTTPS_PORT = 8443;
export const PLAIN_HTTP_PORT = 8080;

/**
 * The Worker's optional settings (worker/env.d.ts) an operator may give serve in its
 * environment; bound to the Worker as they are. TURNO_LAN is not among them: serve sets
 * it itself, for plain http only.
 */
export const WORKER_SETTING_NAMES = [
  "TURNO_BOOKING_PROOF_MAX_NUMBER",
  "TURNO_TICKETS_PER_DEVICE_PER_MINUTE",
  "TURNO_TICKETS_PER_ADDRESS_PER_MINUTE",
  "TURNO_REMOTE_TICKETS_PER_ADDRESS_PER_HOUR",
  "TURNO_SOCKETS_PER_TICKET",
  "TURNO_TICKET_SOCKETS_PER_ADDRESS",
  "TURNO_RETAIN_AUDIT_DAYS",
  "TURNO_RETAIN_AUDIT_ADDRESS_DAYS",
  "TURNO_RETAIN_SIGN_IN_ATTEMPTS_DAYS",
  "TURNO_RETAIN_TICKET_TOKEN_DAYS",
  "TURNO_RETAIN_CLERK_FIGURES_DAYS",
  "TURNO_RETAIN_FEEDBACK_COMMENT_DAYS",
] as const;

function port(value: string | undefined, fallback: number, name = "TURNO_PORT"): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535)
    throw new Error(`${name} must be a port number from 1 to 65535, not "${value}".`);
  return number;
}

/** TURNO_HTTP_REDIRECT_PORT: only beside https, and not on its port. */
function redirectPort(env: NodeJS.ProcessEnv, plain: boolean, httpsPort: number): number | null {
  const value = env.TURNO_HTTP_REDIRECT_PORT;
  if (value === undefined || value === "") return null;
  if (plain)
    throw new Error(
      "TURNO_HTTP_REDIRECT_PORT redirects plain http to https, and TURNO_PLAIN_HTTP=1 serves no https: choose one.",
    );
  const number = port(value, 0, "TURNO_HTTP_REDIRECT_PORT");
  if (number === httpsPort)
    throw new Error(`TURNO_HTTP_REDIRECT_PORT must differ from TURNO_PORT (${httpsPort}).`);
  return number;
}

export function serveOptionsFromEnv(root: string, env: NodeJS.ProcessEnv): ServeOptions {
  const plain = env.TURNO_PLAIN_HTTP === "1";
  const certFile = env.TURNO_TLS_CERT;
  const keyFile = env.TURNO_TLS_KEY;
  if (plain && (certFile || keyFile))
    throw new Error(
      "TURNO_PLAIN_HTTP=1 and TURNO_TLS_CERT/TURNO_TLS_KEY ask for both http and https: choose one.",
    );
  if (!plain && (!certFile || !keyFile))
    throw new Error(
      [
        "npm run serve speaks https: give it the office's certificate and key (PEM files):",
        "  TURNO_TLS_CERT=/etc/turno/fullchain.pem TURNO_TLS_KEY=/etc/turno/privkey.pem npm run serve",
        "Plain http only on a network where that is acceptable, and by name: TURNO_PLAIN_HTTP=1 npm run serve",
      ].join("\n"),
    );
  const workerSettings: Record<string, string> = {};
  for (const name of WORKER_SETTING_NAMES) {
    const value = env[name];
    if (value) workerSettings[name] = value;
  }
  const stateDir = env.TURNO_STATE_DIR || join(root, ".turno", "serve-state");
  const servedPort = port(env.TURNO_PORT, plain ? PLAIN_HTTP_PORT : HTTPS_PORT);
  return {
    root,
    stateDir: isAbsolute(stateDir) ? stateDir : join(process.cwd(), stateDir),
    ...(env.TURNO_BUILD_OUT ? { publicDir: env.TURNO_BUILD_OUT } : {}),
    host: env.TURNO_HOST || "*",
    port: servedPort,
    redirectPort: redirectPort(env, plain, servedPort),
    tls: plain ? null : { certFile: certFile!, keyFile: keyFile! },
    trustedProxies: parseTrustedProxies(env.TURNO_TRUSTED_PROXY),
    ...(env.TURNO_SECRETS_FILE ? { secretsFile: env.TURNO_SECRETS_FILE } : {}),
    workerSettings,
  };
}
