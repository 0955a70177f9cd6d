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
