import { describe, expect, it } from "vitest";
import {
  availableActions,
  counterQueue,
  counterViewOf,
  primaryAction,
  refusalFor,
  transferTargets,
} from "../../counter/model/counter-view";
import { formatClock, formatWaited } from "../../counter/model/durations";
import { problemFrom, problemText } from "../../counter/model/errors";
import { readSelection } from "../../counter/model/selection";
import { counterMessages } from "../../shared/i18n/counter";
import { MINUTE, Office, SECOND } from "../engine/helpers";

function viewAt(office: Office, counterId: string) {
  const view = counterViewOf(office.state, counterId);
  if (!view) throw new Error(`no counter ${counterId}`);
  return view;
}

describe("The counter's queue", () => {
  it("lists callable tickets per service in call-next order, priority first, and marks the next one", () => {
    const office = new Office();
    const b1 = office.issue("anagrafe");
    office.advance(MINUTE);
    const a1 = office.issue("urp");
    office.advance(MINUTE);
    const b2 = office.issue("anagrafe", { priority: true });
    office.advance(MINUTE);
    office.issue("scuola"); // not served by sportello-3

    const view = viewAt(office, "sportello-3");
    const queue = counterQueue(office.state, view.counter);
    expect(queue.groups.map((g) => g.key)).toEqual([
      "service:anagrafe",
      "service:stato-civile",
      "service:elettorale",
    ]);
    expect(queue.groups[0]?.tickets.map((t) => t.code)).toEqual([b2.code, b1.code]);
    expect(queue.next?.id).toBe(b2.id);
    expect(queue.total).toBe(2);

    const wide = counterQueue(office.state, viewAt(office, "sportello-1").counter);
    expect(wide.total).toBe(4);
    expect(wide.groups.find((g) => g.serviceId === "urp")?.tickets[0]?.id).toBe(a1.id);
  });

  it("shows tickets transferred to this counter in their own group first, and only here", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-2");
    office.ok({ type: "transfer", counterId: "sportello-2", toCounterId: "sportello-3" });

    const here = counterQueue(office.state, viewAt(office, "sportello-3").counter);
    expect(here.groups[0]?.key).toBe("transferred");
    expect(here.groups[0]?.tickets).toHaveLength(1);
    expect(here.next?.targetCounterId).toBe("sportello-3");

    const elsewhere = counterQueue(office.state, viewAt(office, "sportello-1").counter);
    expect(elsewhere.total).toBe(0);
  });
});

describe("The counter's actions", () => {
  it("offers call next when idle, start/recall/no-show when called, complete when serving", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    let view = viewAt(office, "sportello-1");
    expect(availableActions(view)).toMatchObject({
      callNext: true,
      recall: false,
      start: false,
      complete: false,
      noShow: false,
      transfer: false,
    });
    expect(primaryAction(view)).toBe("callNext");

    office.callNext("sportello-1");
    view = viewAt(office, "sportello-1");
    expect(availableActions(view)).toMatchObject({
      callNext: false,
      recall: true,
      start: true,
      complete: true,
      noShow: true,
      transfer: true,
    });
    expect(refusalFor(view, "callNext")).toBe("counter_busy");
    expect(primaryAction(view)).toBe("start");

    office.ok({ type: "startService", counterId: "sportello-1" });
    view = viewAt(office, "sportello-1");
    expect(availableActions(view)).toMatchObject({
      callNext: true,
      recall: false,
      start: false,
      complete: true,
      noShow: false,
    });
    expect(refusalFor(view, "recall")).toBe("ticket_not_called");
    expect(primaryAction(view)).toBe("complete");
  });

  it("refuses calling outside front office, and makes the mode switch the primary action", () => {
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-1", mode: "paused" });
    const paused = viewAt(office, "sportello-1");
    expect(refusalFor(paused, "callNext")).toBe("counter_cannot_call");
    expect(refusalFor(paused, "callTicket")).toBe("counter_cannot_call");
    expect(primaryAction(paused)).toBe("pause");
    expect(primaryAction(viewAt(office, "sportello-5"))).toBe("frontBack");
    expect(refusalFor(paused, "complete")).toBe("no_current_ticket");
  });

  it("offers every service but the ticket's own, and every counter but this one, as transfer targets", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    const targets = transferTargets(office.state, viewAt(office, "sportello-1"));
    expect(targets.services.filter((s) => s.isCurrent).map((s) => s.id)).toEqual(["urp"]);
    expect(targets.counters.map((c) => c.id)).not.toContain("sportello-1");
    expect(targets.counters).toHaveLength(6);
  });
});

describe("What the clerk reads", () => {
  it("maps API error codes to the clerk's language, by mode for counter_cannot_call", () => {
    const italian = counterMessages("it");
    const en = counterMessages("en");
    const body = {
      error: { code: "counter_cannot_call", message: "Sportello 1 is in back-office mode" },
    };
    const problem = problemFrom(body, "back-office");
    expect(problem.detail).toBe("Sportello 1 is in back-office mode");
    expect(problemText(problem, en)).toMatch(/back office/);
    expect(problemText(problemFrom({ error: { code: "queue_empty" } }, "front"), italian)).toBe(
      italian.counter.errors.queue_empty,
    );
    expect(problemText(problemFrom("garbage", "front"), en)).toBe(en.counter.errors.generic);
    expect(problemText(problemFrom({ error: { code: "brand_new_code" } }, "front"), en)).toBe(
      en.counter.errors.generic,
    );
  });

  it("formats timers and waits", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-500)).toBe("0:00");
    expect(formatClock(65 * SECOND)).toBe("1:05");
    expect(formatClock(3723 * SECOND)).toBe("1:02:03");
    expect(formatWaited(30 * SECOND, counterMessages("en"))).toBe("waiting < 1 min");
    expect(formatWaited(12 * MINUTE + 5 * SECOND, counterMessages("it"))).toBe("attende da 12 min");
  });

  it("reads the counter from the URL, else from memory, and shows the chooser when asked", () => {
    expect(readSelection("?office=scandicci&counter=sportello-2", "scandicci").counterId).toBe(
      "sportello-2",
    );
    expect(readSelection("?office=scandicci&choose", "scandicci").counterId).toBeNull();
    expect(readSelection("?office=scandicci", "scandicci").counterId).toBeNull(); // nothing remembered in Node
  });
});
