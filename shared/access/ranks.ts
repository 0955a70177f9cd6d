import { ALL_OFFICES, type Grant, type StaffRole } from "../protocol/auth";

/**
 * Staff ranks, the one rule of who includes whom (README "Who is who"): each
 * role may do everything the ones below it may; `none` is no role at all
 * (devices, ticket holders, anonymous callers). The server decides every
 * request with these; the apps use the same rules only to avoid offering
 * what would be refused.
 */
export const RANK = { none: 0, clerk: 1, supervisor: 2, admin: 3 } as const satisfies Record<
  StaffRole | "none",
  number
>;

export function rankOf(role: StaffRole): number {
  return RANK[role];
}

/** A person's rank in one office: the strongest of their grants for it or for every office ("*"). */
export function rankIn(grants: readonly Grant[], office: string): number {
  let rank: number = RANK.none;
  for (const grant of grants) {
    if (grant.office === office || grant.office === ALL_OFFICES)
      rank = Math.max(rank, rankOf(grant.role));
  }
  return rank;
}

/** The strongest role a person holds in this office, or null for none. */
export function roleInOffice(grants: readonly Grant[], office: string): StaffRole | null {
  let best: StaffRole | null = null;
  for (const grant of grants) {
    if (grant.office !== office && grant.office !== ALL_OFFICES) continue;
    if (best === null || rankOf(grant.role) > rankOf(best)) best = grant.role;
  }
  return best;
}

/** Whether `role` includes `needed` (a null role includes nothing). */
export function hasRole(role: StaffRole | null, needed: StaffRole): boolean {
  return role !== null && rankOf(role) >= rankOf(needed);
}

/** An administrator of every office: a grant of admin for "*". */
export function isInstallationAdmin(grants: readonly Grant[]): boolean {
  return grants.some((grant) => grant.office === ALL_OFFICES && grant.role === "admin");
}

/**
 * May an admin hand out (or take back) this grant? Only inside offices they
 * administer; only an installation admin grants "*".
 */
export function mayManageGrant(adminGrants: readonly Grant[], grant: Grant): boolean {
  if (isInstallationAdmin(adminGrants)) return true;
  return grant.office !== ALL_OFFICES && rankIn(adminGrants, grant.office) >= RANK.admin;
}

/**
 * The target's grants after an admin replaces the part they manage: grants
 * in other offices are kept untouched.
 */
export function mergeGrants(
  adminGrants: readonly Grant[],
  current: readonly Grant[],
  requested: readonly Grant[],
): Grant[] {
  const kept = current.filter((grant) => !mayManageGrant(adminGrants, grant));
  const byOffice = new Map<string, Grant>();
  for (const grant of [...kept, ...requested]) byOffice.set(grant.office, grant);
  return [...byOffice.values()];
}
