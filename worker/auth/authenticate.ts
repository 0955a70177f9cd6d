import { DEVICE_ROLES } from "../../shared/protocol/auth";
import { deviceCookieName, readCookies, sessionCookieName } from "./cookies";
import { cachedDevice, rememberDevice } from "./device-cache";
import { sha256 } from "./encoding";
import type { DevicePrincipal, Principal } from "./principal";
import { couldBeDeviceToken, couldBeSessionToken } from "./token-shape";

/** The Directory: one object for the installation. */
export function directory(env: Env) {
  return env.Directory.getByName("directory");
}

/**
 * What `npm run serve`'s edge (scripts/serve/edge/entry.ts) hands the Worker beside a
 * request, in its execution context's props: the client's address, taken from the
 * connection. Beside, not in a copy of the request with `CF-Connecting-IP` set: that copy
 * cost about 5% of serve's CPU per ticket.
 */
export interface EdgeProps {
  clientAddress?: string;
}

/**
 * The caller's address as Cloudflare saw it (wrangler dev sets it too), or as serve's edge
 * did. Read once per request, into the principal (http/route.ts); routes take it from there.
 */
export function clientAddress(request: Request, props: unknown): string {
  const fromEdge = (props as EdgeProps | undefined)?.clientAddress;
  return (fromEdge ?? request.headers.get("cf-connecting-ip"))?.slice(0, 64) ?? "unknown";
}

const SETUP_TOKEN_MIN_LENGTH = 32;

/** Is this the operator's setup token? Compared as digests, so timing reveals nothing. */
async function isSetupToken(env: Env, request: Request): Promise<boolean> {
  const expected = env.TURNO_SETUP_TOKEN;
  if (!expected || expected.length < SETUP_TOKEN_MIN_LENGTH) return false;
  const header = request.headers.get("authorization");
  if (!header?.startsWith("Bearer ")) return false;
  return (await sha256(header.slice(7))) === (await sha256(expected));
}

/** A caller taken as nobody in particular, for routes that do not ask who calls. */
export function anonymous(address: string): Principal {
  return { staff: null, devices: [], operator: false, address };
}

/**
 * Who is calling: the operator (setup token), a signed-in person (session
 * cookie), paired devices (device cookies), or nobody. Asks the Directory
 * only when the request carries a credential, so anonymous reads of a
 * public display stay one hop.
 */
export async function authenticate(
  env: Env,
  request: Request,
  options: { address: string; cachedDevices?: boolean },
): Promise<Principal> {
  const { address } = options;
  const operator = await isSetupToken(env, request);
  const cookies = readCookies(request.headers.get("cookie") ?? undefined);
  // Only the name this origin sets: on https the __Host- prefix is what stops a planted cookie.
  // A cookie not shaped as a minted token is no credential: it costs no Directory lookup.
  const session = cookies.get(sessionCookieName(env, new URL(request.url)));
  const sessionToken = couldBeSessionToken(session) ? session : undefined;
  const deviceTokens = DEVICE_ROLES.map((role) => cookies.get(deviceCookieName(role))).filter(
    couldBeDeviceToken,
  );
  if (!sessionToken && deviceTokens.length === 0)
    return { staff: null, devices: [], operator, address };
  const now = Date.now();
  // Cached by the token itself (this isolate holds it in the request anyway): no digest needed.
  const known = options.cachedDevices
    ? deviceTokens.map((token) => cachedDevice(token, now))
    : deviceTokens.map(() => null);
  if (!sessionToken && known.every((device) => device !== null))
    return { staff: null, devices: known as DevicePrincipal[], operator, address };
  const deviceHashes = await Promise.all(deviceTokens.map((token) => sha256(token)));
  const resolved = await directory(env).resolve({
    sessionHash: sessionToken ? await sha256(sessionToken) : undefined,
    deviceHashes,
  });
  for (const [index, device] of resolved.devices.entries()) {
    const token = deviceTokens[deviceHashes.indexOf(resolved.deviceHashes[index]!)];
    if (token) rememberDevice(token, device, now);
  }
  return { staff: resolved.staff, devices: resolved.devices, operator, address };
}
