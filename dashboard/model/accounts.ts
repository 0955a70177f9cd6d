import { mayManageGrant } from "../../shared/access/ranks";
import { ALL_OFFICES, type Grant, type StaffRole } from "../../shared/protocol/auth";

/**
 * The `grants` of a PATCH that gives the person `role` in this office (or
 * takes their role here away, with null), leaving their other grants as they
 * are: it sends only the grants the caller may manage (shared/access/ranks.ts),
 * and the server keeps the others untouched.
 */
export function grantsWithRole(
  accountGrants: readonly Grant[],
  callerGrants: readonly Grant[],
  officeId: string,
  role: StaffRole | null,
): Grant[] {
  const kept = accountGrants.filter(
    (grant) => grant.office !== officeId && mayManageGrant(callerGrants, grant),
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
