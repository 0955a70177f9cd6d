import { describe, expect, it } from "vitest";
import {
  hasRole,
  isInstallationAdmin,
  mergeGrants,
  RANK,
  rankIn,
  rankOf,
  roleInOffice,
} from "../../shared/access/ranks";
import { type Grant, STAFF_ROLES } from "../../shared/protocol/auth";

describe("Staff ranks", () => {
  it("rank the roles weakest first, as the protocol lists them, above no role at all.", () => {
    expect(STAFF_ROLES.map(rankOf)).toEqual([RANK.clerk, RANK.supervisor, RANK.admin]);
    expect(RANK.none).toBeLessThan(RANK.clerk);
    expect(RANK.clerk).toBeLessThan(RANK.supervisor);
    expect(RANK.supervisor).toBeLessThan(RANK.admin);
  });

  it("give a person the strongest of their grants for the office or for every office.", () => {
    const grants: Grant[] = [
      { office: "scandicci", role: "clerk" },
      { office: "*", role: "supervisor" },
      { office: "firenze", role: "admin" },
    ];
    expect(rankIn(grants, "scandicci")).toBe(RANK.supervisor);
    expect(rankIn(grants, "firenze")).toBe(RANK.admin);
    expect(rankIn([{ office: "firenze", role: "admin" }], "scandicci")).toBe(RANK.none);
    expect(roleInOffice(grants, "scandicci")).toBe("supervisor");
    expect(hasRole(roleInOffice(grants, "prato"), "supervisor")).toBe(true);
  });

  it("call only an admin of every office an installation admin.", () => {
    expect(isInstallationAdmin([{ office: "*", role: "admin" }])).toBe(true);
    expect(isInstallationAdmin([{ office: "*", role: "supervisor" }])).toBe(false);
    expect(isInstallationAdmin([{ office: "scandicci", role: "admin" }])).toBe(false);
  });

  it("let an office's admin replace only the grants they manage, keeping the others.", () => {
    const admin: Grant[] = [{ office: "scandicci", role: "admin" }];
    const current: Grant[] = [
      { office: "scandicci", role: "clerk" },
      { office: "firenze", role: "supervisor" },
      { office: "*", role: "clerk" },
    ];
    expect(mergeGrants(admin, current, [{ office: "scandicci", role: "supervisor" }])).toEqual([
      { office: "firenze", role: "supervisor" },
      { office: "*", role: "clerk" },
      { office: "scandicci", role: "supervisor" },
    ]);
    expect(mergeGrants([{ office: "*", role: "admin" }], current, [])).toEqual([]);
  });
});
