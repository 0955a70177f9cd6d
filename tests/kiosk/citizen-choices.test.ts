import { signal } from "@preact/signals";
import { describe, expect, it } from "vitest";
import { createCitizenChoices } from "../../kiosk/model/citizen-choices";
import { needsBadge } from "../../kiosk/model/service-choices";
import { demoOfficeConfig } from "../../shared/demo-office";
import { kioskMessages } from "../../shared/i18n/kiosk";

describe("One citizen's choices at the kiosk (issue 10, point 7)", () => {
  it("Go back to the office's first language as soon as the ticket screen closes, not a minute later.", () => {
    const choices = createCitizenChoices(signal(["it", "en"]));
    expect(choices.language.value).toBe("it");
    choices.chooseLanguage("en");
    choices.togglePriority();
    choices.ticketIssued();
    // The ticket screen is still the citizen's: it stays in their language; priority was for that ticket.
    expect(choices.language.value).toBe("en");
    expect(choices.priority.value).toBe(false);
    choices.reset();
    expect(choices.language.value).toBe("it");
  });

  it("Fall back to the office's first language when the chosen one is no longer offered.", () => {
    const languages = signal(["it", "en"]);
    const choices = createCitizenChoices(languages);
    choices.chooseLanguage("en");
    languages.value = ["it"];
    expect(choices.language.value).toBe("it");
  });

  it("Forget a priority toggle and an open appointment explanation when reset.", () => {
    const choices = createCitizenChoices(signal(["it", "en"]));
    choices.togglePriority();
    choices.openAppointmentInfo("edilizia");
    choices.reset();
    expect(choices.priority.value).toBe(false);
    expect(choices.appointmentServiceId.value).toBe(null);
  });
});

describe("The 'By appointment' badge, said once (issue 10, point 7)", () => {
  it("Is left off a service whose name already says it, in either language.", () => {
    const edilizia = demoOfficeConfig.services.find((s) => s.mode === "appointment")!;
    for (const lang of ["it", "en"]) {
      const badge = kioskMessages(lang).kiosk.start.byAppointment;
      expect(needsBadge(edilizia.names[lang]!, badge)).toBe(false);
    }
  });

  it("Is shown on an appointment service whose name does not say it, whatever the case or accents.", () => {
    const badge = kioskMessages("it").kiosk.start.byAppointment;
    expect(needsBadge("Passaporti", badge)).toBe(true);
    expect(needsBadge("Passaporti — SU APPUNTAMENTO", badge)).toBe(false);
    expect(needsBadge("Appuntamenti su richiesta", badge)).toBe(true);
    expect(needsBadge("Città, su appuntamento!", "Su appuntaménto")).toBe(false);
  });
});
