import { describe, expect, it } from "vitest";
import { fromOfficeState, fromOfficeView } from "../../display/display-data";
import { officeView } from "../../worker/office/views";
import { Office } from "../engine/helpers";

describe("What the screen shows is the same from the socket and from polling", () => {
  it("The office view (GET /api/offices/{office}) and the live state give the same picture.", () => {
    const office = new Office();
    for (const service of ["urp", "urp", "anagrafe", "scuola"]) office.issue(service);
    office.callNext("sportello-1");
    office.callNext("sportello-3");
    const view = JSON.parse(JSON.stringify(officeView("scandicci", office.state, 9, office.now)));
    const polled = fromOfficeView(view);
    const live = fromOfficeState(office.state);
    expect(polled).toEqual(live);
    expect(live.calls.map((c) => `${c.code} ${c.counterName}`)).toEqual([
      "B001 Sportello 3",
      "A001 Sportello 1",
    ]);
    expect(live.services.map((s) => s.id)).not.toContain("edilizia"); // appointment-only: no queue in the room
    expect(live.services.find((s) => s.id === "urp")?.waiting).toBe(1);
  });

  it("An answer that is not an office view gives nothing to show.", () => {
    expect(fromOfficeView({ error: { code: "unknown_office" } })).toBeNull();
    expect(fromOfficeView(null)).toBeNull();
  });
});
