import { describe, expect, it } from "vitest";
import {
  addClosedDate,
  addCounter,
  addInterval,
  addService,
  changeInterval,
  draftOf,
  hasIssuesUnder,
  isDirty,
  issueKind,
  issuesAt,
  issuesFromAnswer,
  numberInput,
  removeClosedDate,
  removeService,
  setCounterService,
  setServiceName,
  updateOffice,
  updateService,
  updateVoice,
  validateDraft,
  voiceOf,
} from "../../dashboard/model/config-form";
import { issueText } from "../../dashboard/ui/setup/fields";
import { demoOfficeConfig } from "../../shared/demo-office";
import { dashboardMessages } from "../../shared/i18n/dashboard";

const fresh = () => draftOf(demoOfficeConfig);

function issuesOf(draft: ReturnType<typeof fresh>) {
  const result = validateDraft(draft);
  if (result.ok) throw new Error("expected problems");
  return result.issues;
}

describe("The setup form's draft", () => {
  it("is the office's configuration, valid as it stands, and not dirty until edited.", () => {
    const draft = fresh();
    expect(validateDraft(draft).ok).toBe(true);
    expect(isDirty(draft, demoOfficeConfig)).toBe(false);
    const edited = updateOffice(draft, { targetWaitMinutes: 15 });
    expect(isDirty(edited, demoOfficeConfig)).toBe(true);
    expect(draft.targetWaitMinutes).toBe(20); // edits never touch the draft they start from
  });

  it("puts each schema problem on the path of its field, in the reader's words.", () => {
    const it = dashboardMessages("it");
    let draft = updateService(fresh(), 0, { prefix: "ab" });
    draft = updateService(draft, 2, { prefix: "B" });
    draft = setServiceName(draft, 1, "en", "  ");
    const issues = issuesOf(draft);
    const prefix = issuesAt(issues, "services.0.prefix")[0]!;
    expect(issueKind(prefix)).toBe("prefix");
    expect(issueText(prefix, it)).toBe("Usa una lettera maiuscola, A–Z.");
    expect(issueKind(issuesAt(issues, "services.2.prefix")[0]!)).toBe("prefixTaken");
    expect(issuesAt(issues, "services.1.names.en")).not.toHaveLength(0);
    expect(hasIssuesUnder(issues, "services.1")).toBe(true);
    expect(hasIssuesUnder(issues, "services.3")).toBe(false);
  });

  it("reports numbers out of range with their bounds, and a cleared number as not a number.", () => {
    const en = dashboardMessages("en");
    const low = issuesOf(updateOffice(fresh(), { targetWaitMinutes: 0 }));
    const target = issuesAt(low, "targetWaitMinutes")[0]!;
    expect(issueKind(target)).toBe("atLeast");
    expect(issueText(target, en)).toBe("Enter at least 1.");
    const cleared = issuesOf(updateService(fresh(), 1, { defaultServiceMinutes: numberInput("") }));
    expect(issueKind(issuesAt(cleared, "services.1.defaultServiceMinutes")[0]!)).toBe("number");
    const long = issuesOf(updateService(fresh(), 1, { defaultServiceMinutes: 300 }));
    expect(issueText(issuesAt(long, "services.1.defaultServiceMinutes")[0]!, en)).toBe(
      "Enter at most 240.",
    );
  });

  it("checks opening hours: the time format and opening before closing.", () => {
    const bad = changeInterval(fresh(), "mon", 0, "open", "8:00");
    expect(issueKind(issuesAt(issuesOf(bad), "openingHours.mon.0.open")[0]!)).toBe("time");
    const backwards = changeInterval(fresh(), "tue", 0, "close", "07:00");
    expect(issueKind(issuesAt(issuesOf(backwards), "openingHours.tue.0")[0]!)).toBe(
      "openBeforeClose",
    );
    const afternoon = addInterval(changeInterval(fresh(), "sat", 0, "close", "12:30"), "sat");
    expect(afternoon.openingHours?.sat).toEqual([
      { open: "08:00", close: "12:30" },
      { open: "12:30", close: "24:00" },
    ]);
    const sunday = addInterval(fresh(), "sun");
    expect(sunday.openingHours?.sun).toEqual([{ open: "09:00", close: "13:00" }]);
  });

  it("adds a service with a free letter and id, and its name in the office's language to fill in.", () => {
    const draft = addService(fresh(), "Nuovo servizio");
    const added = draft.services[draft.services.length - 1]!;
    expect(added).toMatchObject({ id: "service-1", prefix: "H", mode: "walk-in", open: true });
    expect(added.names).toEqual({ it: "Nuovo servizio", en: "" });
    const missing = issuesAt(issuesOf(draft), `services.${draft.services.length - 1}.names.en`);
    expect(missing.map(issueKind)).toContain("required");
  });

  it("keeps counters consistent when a service is renamed or removed.", () => {
    let draft = addService(fresh(), "Tributi");
    const index = draft.services.length - 1;
    draft = setCounterService(draft, 0, "service-1", true);
    expect(draft.counters[0]?.serviceIds).toContain("service-1");
    draft = updateService(draft, index, { id: "tributi" });
    expect(draft.counters[0]?.serviceIds).toContain("tributi");
    expect(draft.counters[0]?.serviceIds).not.toContain("service-1");
    draft = removeService(draft, index);
    expect(draft.counters.every((c) => !(c.serviceIds ?? []).includes("tributi"))).toBe(true);
    expect(validateDraft(draft).ok).toBe(true);
  });

  it("keeps a counter's services in the services' order, and new counters handle every service.", () => {
    let draft = setCounterService(fresh(), 3, "anagrafe", true);
    expect(draft.counters[3]?.serviceIds).toEqual(["urp", "anagrafe", "scuola", "pagamenti"]);
    draft = addCounter(draft, "Sportello 8");
    expect(draft.counters[7]).toMatchObject({
      id: "counter-1",
      name: "Sportello 8",
      defaultMode: "front",
    });
    expect(draft.counters[7]?.serviceIds).toHaveLength(7);
  });

  it("keeps closed dates sorted and without repeats.", () => {
    let draft = addClosedDate(fresh(), "2026-12-25");
    draft = addClosedDate(draft, "2026-12-08");
    draft = addClosedDate(draft, "2026-12-25");
    expect(draft.closedDates).toEqual(["2026-12-08", "2026-12-25"]);
    expect(removeClosedDate(draft, "2026-12-08").closedDates).toEqual(["2026-12-25"]);
  });

  it("reads the server's 400 answer into the same field paths.", () => {
    const issues = issuesFromAnswer({
      error: {
        code: "invalid_request",
        message: 'services.1.prefix: prefix "A" is already used',
        issues: [{ path: "services.1.prefix", message: 'prefix "A" is already used' }],
      },
    });
    const issue = issuesAt(issues, "services.1.prefix")[0]!;
    expect(issueKind(issue)).toBe("prefixTaken");
    expect(issuesFromAnswer(null).size).toBe(0);
  });
});

describe("The displays' voice in the setup form", () => {
  it("shows the defaults for an office without voice settings, and saves what is edited with the rest.", () => {
    const { voice: _none, ...older } = fresh();
    const draft = draftOf(older);
    expect(voiceOf(draft)).toEqual({ volume: 1, rate: 0.9, pitch: 1, chime: true });
    const edited = updateVoice(updateVoice(draft, { rate: 1.1 }), { chime: false });
    expect(isDirty(edited, older)).toBe(true);
    expect(draft.voice).toBeUndefined();
    const result = validateDraft(edited);
    if (!result.ok) throw new Error("expected a valid draft");
    expect(result.config.voice).toEqual({ volume: 1, rate: 1.1, pitch: 1, chime: false });
    // Back to the defaults is no change at all.
    expect(isDirty(updateVoice(draft, { rate: 0.9 }), older)).toBe(false);
  });

  it("puts an out-of-range or empty value beside its field.", () => {
    const draft = updateVoice(fresh(), { volume: 1.5, pitch: numberInput("") });
    const issues = issuesOf(draft);
    expect(issuesAt(issues, "voice.volume").map(issueKind)).toEqual(["atMost"]);
    expect(issuesAt(issues, "voice.pitch").map(issueKind)).toEqual(["number"]);
    expect(hasIssuesUnder(issues, "voice")).toBe(true);
  });
});
