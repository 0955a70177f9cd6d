import { ALL_OFFICES, type Grant, STAFF_ROLES, type StaffRole } from "../protocol/auth";

/**
 * What the signed-in person may do in this office, from their grants (issue 3):
 * roles are per office, "*" is every office, and each role includes the ones
 * before it (clerk < supervisor < admin). The server decides every request;
 * the console only avoids offering what would be refused.
 */
export function roleInOffice(grants: readonly Grant[], officeId: string): StaffRole | null {
  let best: StaffRole | null = null;
  for (const grant of grants) {
    if (grant.office !== officeId && grant.office !== ALL_OFFICES) continue;
    if (best === null || rank(grant.role) > rank(best)) best = grant.role;
  }
  return best;
}

/** Whether `role` includes `needed` (a null role includes nothing). */
export function hasRole(role: StaffRole | null, needed: StaffRole): boolean {
  return role !== null && rank(role) >= rank(needed);
}

function rank(role: StaffRole): number {
  return STAFF_ROLES.indexOf(role);
}
