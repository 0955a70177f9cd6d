import { roleInOffice } from "../../shared/client/access";
import { ALL_OFFICES, type Grant, STAFF_ROLES, type StaffRole } from "../../shared/protocol/auth";

/**
 * Who may hand out which grant, as the server decides it (worker/auth/ranks.ts):
 * an administrator of every office ("*") manages every grant; anyone else only
 * grants in the offices they administer. A role change sends the grants the
 * caller manages (the server keeps the others untouched).
 */
export function managesGrant(callerGrants: readonly Grant[], grant: Grant): boolean {
  if (callerGrants.some((g) => g.office === ALL_OFFICES && g.role === "admin")) return true;
  return grant.office !== ALL_OFFICES && roleInOffice(callerGrants, grant.office) === "admin";
}

/**
 * The `grants` of a PATCH that gives the person `role` in this office (or
 * takes their role here away, with null), leaving their other grants as they are.
 */
export function grantsWithRole(
  accountGrants: readonly Grant[],
  callerGrants: readonly Grant[],
  officeId: string,
  role: StaffRole | null,
): Grant[] {
  const kept = accountGrants.filter(
    (grant) => grant.office !== officeId && managesGrant(callerGrants, grant),
  );
  return role ? [...kept, { office: officeId, role }] : kept;
}

/** The role the account holds here through a grant for this very office (not "*"). */
export function roleHere(grants: readonly Grant[], officeId: string): StaffRole | null {
  return grants.find((grant) => grant.office === officeId)?.role ?? null;
}

/** A grant for every office, which this office's page does not change. */
export function everyOfficeRole(grants: readonly Grant[]): StaffRole | null {
  return grants.find((grant) => grant.office === ALL_OFFICES)?.role ?? null;
}

export { STAFF_ROLES };
