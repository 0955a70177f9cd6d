import { ALL_OFFICES, type Grant, STAFF_ROLES, type StaffRole } from "../../shared/protocol/auth";

/** 0 = no role; 1 clerk, 2 supervisor, 3 admin: each rank includes the ones below it. */
export function rankOf(role: StaffRole): number {
  return STAFF_ROLES.indexOf(role) + 1;
}

/** A person's rank in one office: the strongest of their grants for it or for every office. */
export function rankIn(grants: readonly Grant[], office: string): number {
  let rank = 0;
  for (const grant of grants) {
    if (grant.office === office || grant.office === ALL_OFFICES)
      rank = Math.max(rank, rankOf(grant.role));
  }
  return rank;
}

export function isInstallationAdmin(grants: readonly Grant[]): boolean {
  return grants.some((grant) => grant.office === ALL_OFFICES && grant.role === "admin");
}

/** Offices a person administers ("*" stands for all). */
export function administeredOffices(grants: readonly Grant[]): Set<string> {
  return new Set(grants.filter((grant) => grant.role === "admin").map((grant) => grant.office));
}

/**
 * May an admin hand out (or take back) this grant? Only inside offices they
 * administer; only an installation admin grants "*".
 */
export function mayManageGrant(adminGrants: readonly Grant[], grant: Grant): boolean {
  if (isInstallationAdmin(adminGrants)) return true;
  return grant.office !== ALL_OFFICES && rankIn(adminGrants, grant.office) >= rankOf("admin");
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
