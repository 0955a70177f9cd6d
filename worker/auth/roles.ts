/**
 * Who may call a route. Every route declares one and defineRoute enforces
 * it (see access.ts). `public` needs nothing; `ticket` is the holder of a
 * ticket's unguessable link (checked by the office); the rest are devices
 * and staff roles, and `operator`: whoever holds the installation's setup
 * token (TURNO_SETUP_TOKEN), for the command line.
 */
export const ROLES = [
  "public",
  "ticket",
  "kiosk",
  "display",
  "clerk",
  "supervisor",
  "admin",
  "operator",
] as const;
export type Role = (typeof ROLES)[number];
