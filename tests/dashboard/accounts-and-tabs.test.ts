import { describe, expect, it } from "vitest";
import { everyOfficeRole, grantsWithRole, roleHere } from "../../dashboard/model/accounts";
import { tabFromHash, visibleTabs } from "../../dashboard/model/tabs";
import { mayManageGrant } from "../../shared/access/ranks";
import type { Grant } from "../../shared/protocol/auth";

const officeAdmin: Grant[] = [{ office: "scandicci", role: "admin" }];
const everyOffice: Grant[] = [{ office: "*", role: "admin" }];

describe("Roles handed out from this office's setup", () => {
  it("lets an office's administrator manage grants there only; an administrator of every office manages all.", () => {
    expect(mayManageGrant(officeAdmin, { office: "scandicci", role: "clerk" })).toBe(true);
    expect(mayManageGrant(officeAdmin, { office: "firenze", role: "clerk" })).toBe(false);
    expect(mayManageGrant(officeAdmin, { office: "*", role: "clerk" })).toBe(false);
    expect(mayManageGrant(everyOffice, { office: "firenze", role: "admin" })).toBe(true);
  });

  it("changes the role here and leaves what the caller does not manage to the server.", () => {
    const person: Grant[] = [
      { office: "scandicci", role: "clerk" },
      { office: "firenze", role: "supervisor" },
    ];
    // An office admin sends only this office's grant: the server keeps Firenze as it is.
    expect(grantsWithRole(person, officeAdmin, "scandicci", "supervisor")).toEqual([
      { office: "scandicci", role: "supervisor" },
    ]);
    expect(grantsWithRole(person, officeAdmin, "scandicci", null)).toEqual([]);
    // An administrator of every office replaces every grant, so the others go along.
    expect(grantsWithRole(person, everyOffice, "scandicci", "admin")).toEqual([
      { office: "firenze", role: "supervisor" },
      { office: "scandicci", role: "admin" },
    ]);
  });

  it("reads the role held here and a grant for every office apart.", () => {
    const grants: Grant[] = [
      { office: "*", role: "supervisor" },
      { office: "scandicci", role: "clerk" },
    ];
    expect(roleHere(grants, "scandicci")).toBe("clerk");
    expect(roleHere(grants, "firenze")).toBeNull();
    expect(everyOfficeRole(grants)).toBe("supervisor");
  });
});

describe("The dashboard's sections", () => {
  it("come from the address's hash, live by default, and setup only for administrators.", () => {
    expect(tabFromHash("")).toBe("live");
    expect(tabFromHash("#reports?from=2026-01-01&to=2026-01-31")).toBe("reports");
    expect(tabFromHash("#setup")).toBe("setup");
    expect(tabFromHash("#nonsense")).toBe("live");
    expect(visibleTabs(false)).toEqual(["live", "reports"]);
    expect(visibleTabs(true)).toEqual(["live", "reports", "setup"]);
  });
});
