import { describe, expect, it } from "vitest";
import { canGiveUpPlace } from "../../ticket/model/give-up";
import { ticketLanguage } from "../../ticket/model/ticket-language";

const office = ["it", "en"];

describe("The ticket page's language (issue 10, point 11)", () => {
  it("Opens in the language the ticket was taken in at the kiosk, not the phone's.", () => {
    expect(
      ticketLanguage({
        officeLanguages: office,
        ticketId: "2026-12-02-A001",
        ticketLang: "en",
        remembered: null,
        browser: ["it-IT"],
      }),
    ).toBe("en");
  });

  it("Keeps the language chosen on the phone for that ticket, over the kiosk's.", () => {
    expect(
      ticketLanguage({
        officeLanguages: office,
        ticketId: "2026-12-02-A001",
        ticketLang: "en",
        remembered: { ticketId: "2026-12-02-A001", lang: "it" },
        browser: ["en-GB"],
      }),
    ).toBe("it");
  });

  it("Opens a new ticket in the language it was taken in, even after a choice made for an earlier one.", () => {
    expect(
      ticketLanguage({
        officeLanguages: office,
        ticketId: "2026-12-03-B004",
        ticketLang: "en",
        remembered: { ticketId: "2026-12-02-A001", lang: "it" },
        browser: ["it-IT"],
      }),
    ).toBe("en");
  });

  it("Uses the phone's earlier choice for a ticket with no language, then the phone's languages, then the office's.", () => {
    const base = { officeLanguages: office, ticketId: "2026-12-03-B004", ticketLang: null };
    expect(
      ticketLanguage({ ...base, remembered: { ticketId: "x", lang: "en" }, browser: ["it"] }),
    ).toBe("en");
    expect(ticketLanguage({ ...base, remembered: null, browser: ["en-US"] })).toBe("en");
    expect(ticketLanguage({ ...base, remembered: null, browser: ["de-DE"] })).toBe("it");
  });

  it("Ignores a language the office does not offer.", () => {
    expect(
      ticketLanguage({
        officeLanguages: ["it"],
        ticketId: "t",
        ticketLang: "en",
        remembered: { ticketId: "t", lang: "en" },
        browser: ["en"],
      }),
    ).toBe("it");
  });
});

describe("Giving up one's place (issue 10, point 13)", () => {
  it("Is offered while waiting only: not once called, served or finished.", () => {
    expect(canGiveUpPlace("waiting")).toBe(true);
    for (const status of ["called", "serving", "done", "no-show", "cancelled", "expired"]) {
      expect(canGiveUpPlace(status)).toBe(false);
    }
  });
});
