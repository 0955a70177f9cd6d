import { describe, expect, it } from "vitest";
import { BASES } from "../../shared/i18n";
import { COUNTER_LOCALES } from "../../shared/i18n/counter";
import { DISPLAY_LOCALES } from "../../shared/i18n/display";
import { KIOSK_LOCALES } from "../../shared/i18n/kiosk";
import { TICKET_LOCALES } from "../../shared/i18n/ticket";

describe("Each app's words, split so that an app bundles only its own", () => {
  it("lists every language Turno speaks in every app's list.", () => {
    const languages = Object.keys(BASES).sort();
    for (const locales of [DISPLAY_LOCALES, KIOSK_LOCALES, COUNTER_LOCALES, TICKET_LOCALES]) {
      expect(Object.keys(locales).sort()).toEqual(languages);
    }
  });

  it("gives each language its own words, not English by mistake.", () => {
    expect(DISPLAY_LOCALES.it?.display.nowCalling).not.toBe(DISPLAY_LOCALES.en?.display.nowCalling);
    expect(KIOSK_LOCALES.it?.languageName).toBe("Italiano");
    expect(COUNTER_LOCALES.it?.common.closed).toBe("Chiuso");
  });
});
