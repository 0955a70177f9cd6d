import { describe, expect, it } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import { execute } from "../../shared/engine";
import { OfficeConfig } from "../../shared/protocol";

describe("engine smoke", () => {
  it("issues and calls a ticket in the demo office", () => {
    const config = OfficeConfig.parse(demoOfficeConfig);
    const monday10 = Date.parse("2026-11-23T09:00:00Z");
    let run = execute(null, { type: "configure", config }, monday10);
    expect(run.error).toBeNull();
    run = execute(run.state, { type: "issueTicket", serviceId: "anagrafe", priority: false, lang: null, channel: "kiosk" }, monday10);
    expect(run.error).toBeNull();
    expect(run.events[0]).toMatchObject({ type: "ticketIssued", ticket: { code: "B001", id: "2026-11-23-B001" } });
    run = execute(run.state, { type: "callNext", counterId: "sportello-1" }, monday10 + 1000);
    expect(run.events[0]).toMatchObject({ type: "ticketCalled", ticketId: "2026-11-23-B001" });
  });
});
