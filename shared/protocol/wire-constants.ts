/**
 * Constants of the live protocol, in a file with no zod so that clients on a
 * tight size budget (the ES5 display) can import them without the schemas.
 * wire.ts re-exports them. Bump PROTOCOL_VERSION on any change an older
 * client cannot read.
 */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS = [1] as const;

/** Raw text the server answers without waking the object: a cheap liveness check for screens. */
export const PING = "ping";
export const PONG = "pong";

/**
 * Close codes of the live socket, for the server and every client. A client
 * must stop reconnecting on 4401 (no valid session or device, or it ended:
 * logout elsewhere, password change, account disabled, device revoked; sign
 * in or pair again) and 4403 (signed in, but this caller may not use that
 * role here); 1012 means "reconnect now" (e.g. the person's rights changed
 * and are checked again).
 */
export const CLOSE_SIGNED_OUT = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_RECONNECT = 1012;
/** The client speaks a protocol version the server no longer supports (an `incompatible` frame says which). */
export const CLOSE_INCOMPATIBLE = 4000;
/** The socket names an unknown office, role or ticket (an `error` frame says which). */
export const CLOSE_REJECTED = 4004;
/**
 * A ticket socket whose ticket is no longer open: finished, expired or from
 * another day. Its last `ticket` frame comes just before; a client stops
 * following (issue 13, point 2).
 */
export const CLOSE_TICKET_ENDED = 4410;
/**
 * Too many ticket sockets for one ticket or from one address (an `error`
 * frame `too_many_sockets` says which): try again later, with backoff.
 */
export const CLOSE_TOO_MANY_SOCKETS = 4429;
/** Messages faster than the socket's allowance (RFC 6455's policy violation). */
export const CLOSE_POLICY_VIOLATION = 1008;

/**
 * Header every Turno page sends with each request that changes something
 * (value "1"). A cross-site form cannot set a header, and a cross-site script
 * could only after a CORS preflight that Turno never grants, so it marks the
 * request as coming from Turno's own pages where the browser's own word
 * (Sec-Fetch-Site, Origin) is the opaque `null` (old TV and tablet engines).
 */
export const OWN_PAGE_HEADER = "x-turno-client";
