import { describe, expect, it } from "vitest";
import { issueErrorMessage } from "../../kiosk/ui/IssueError";
import { kioskMessages } from "../../shared/i18n/kiosk";
import type { CommandInput } from "../../shared/protocol";
import { Office } from "../engine/helpers";

/** Every refusal the engine can give a kiosk's tap, as the kiosk receives it (code and English detail). */
function refusals(): { code: string; message: string }[] {
  const office = new Office();
  office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: false });
  const taps: CommandInput[] = [
    { type: "issueTicket", serviceId: "nessuno", channel: "kiosk" },
    { type: "issueTicket", serviceId: "edilizia", channel: "kiosk" },
    { type: "issueTicket", serviceId: "anagrafe", channel: "kiosk" },
  ];
  const found = taps.map((tap) => office.run(tap).error);
  // After closing time (the demo office closes at 18:30).
  office.advance(12 * 60 * 60 * 1000);
  found.push(office.run({ type: "issueTicket", serviceId: "urp", channel: "kiosk" }).error);
  return found.map((error) => {
    if (!error) throw new Error("a tap that should be refused was accepted");
    return { code: error.code, message: error.message };
  });
}

describe("The kiosk's refusals, in the citizen's language (issue 10, point 10)", () => {
  it("Has its own words for every refusal a tap can get, in Italian and English, never the server's English detail.", () => {
    const found = refusals();
    expect(found.map((r) => r.code)).toEqual([
      "unknown_service",
      "service_appointment_only",
      "service_finished_today",
      "office_closed",
    ]);
    for (const { code, message } of found) {
      const it = issueErrorMessage(code, kioskMessages("it"));
      const en = issueErrorMessage(code, kioskMessages("en"));
      expect(it, code).not.toBe(kioskMessages("it").kiosk.errors.generic);
      expect(en, code).not.toBe(kioskMessages("en").kiosk.errors.generic);
      expect(it, code).not.toBe(en);
      expect(it).not.toContain(message);
    }
  });

  it("Says a code it does not know with its own general apology, in the kiosk's language.", () => {
    expect(issueErrorMessage("something_new", kioskMessages("it"))).toBe(
      kioskMessages("it").kiosk.errors.generic,
    );
    expect(issueErrorMessage("something_new", kioskMessages("it"))).toMatch(/numero/);
  });
});
