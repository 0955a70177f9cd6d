import { RANK, rankIn, rankOf } from "../../shared/access/ranks";
import type { DevicePrincipal, Principal } from "./principal";
import type { Role } from "./roles";

/**
 * May this caller act with `role` in `office`? The one rule behind every
 * route and every live message (the README's role table says the same):
 * staff roles include the weaker ones; devices are bound to one office and
 * one role; staff of an office may also do what its devices do.
 */
export function allows(principal: Principal, office: string | null, role: Role): boolean {
  switch (role) {
    case "public":
    case "ticket":
      return true;
    case "kiosk":
    case "display":
      return (
        office !== null &&
        (staffRank(principal, office) >= RANK.clerk || device(principal, office, role) !== null)
      );
    case "operator":
      return principal.operator;
    case "clerk":
    case "supervisor":
    case "admin":
      return office === null
        ? principal.operator ||
            (principal.staff?.grants.some((g) => rankOf(g.role) >= rankOf(role)) ?? false)
        : staffRank(principal, office) >= rankOf(role);
  }
}

/** The caller's RANK in this office. The operator is an administrator everywhere. */
export function staffRank(principal: Principal, office: string): number {
  if (principal.operator) return RANK.admin;
  return principal.staff ? rankIn(principal.staff.grants, office) : RANK.none;
}

export function device(
  principal: Principal,
  office: string,
  role: "kiosk" | "display",
): DevicePrincipal | null {
  return principal.devices.find((d) => d.office === office && d.role === role) ?? null;
}

/** Someone who presented no credentials at all gets 401 (sign in); anyone else 403. */
export function isAnonymous(principal: Principal): boolean {
  return !principal.operator && principal.staff === null && principal.devices.length === 0;
}
