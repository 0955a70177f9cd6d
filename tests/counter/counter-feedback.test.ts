/**
 * What the counter tells the clerk, and when it stops (issue 10, points 10
 * and 12): a message goes when the situation it was about changes; an empty
 * queue is information; a no-show waits for its undo window; queue rows say
 * what their minutes are; a paused counter points at one button everywhere;
 * every code a command can be answered with has Italian words.
 */
import { computed, signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCounterActions } from "../../counter/model/counter-actions";
import {
  counterQueue,
  counterViewOf,
  refusalFor,
  situationKey,
} from "../../counter/model/counter-view";
import { formatWaited } from "../../counter/model/durations";
import {
  type ActionProblem,
  COUNTER_PROBLEM_CODES,
  problemDetail,
  problemText,
  problemTone,
} from "../../counter/model/errors";
import { createNoShowUndo, NO_SHOW_UNDO_MS } from "../../counter/model/no-show-undo";
import type { LiveOffice } from "../../shared/client/live-office";
import { counterMessages } from "../../shared/i18n/counter";
import type { CommandInput } from "../../shared/protocol/commands";
import { MINUTE, Office, SECOND } from "../engine/helpers";

const it_ = counterMessages("it");
const en = counterMessages("en");

/**
 * One counter's actions over a real engine: commands run on `office` as the
 * server would run them; `other` acts as another browser on the same counter.
 */
function desk(counterId = "sportello-1") {
  const office = new Office();
  const state = signal(office.state);
  const status = signal<"live" | "reconnecting">("live");
  const sent: CommandInput[] = [];
  const live = {
    state,
    status,
    async command(input: CommandInput) {
      sent.push(input);
      const result = office.run(input);
      state.value = structuredClone(office.state);
      return result.error
        ? {
            status: 409,
            body: { error: { code: result.error.code, message: result.error.message } },
          }
        : { status: 200, body: {} };
    },
  } as unknown as LiveOffice;
  const view = computed(() => counterViewOf(state.value, counterId));
  const situation = computed(() => {
    const v = view.value;
    if (!v) return null;
    return situationKey(v, counterQueue(state.value, v.counter).total, status.value === "live");
  });
  const actions = createCounterActions({
    live,
    view,
    situation,
    canChangeMode: signal(true),
    takesAppointments: signal(true),
    openCheckIn: () => {},
    onAnswer: () => {},
    onUnauthorized: () => {},
    onForbidden: () => {},
  });
  const other = (input: CommandInput) => {
    office.ok(input);
    state.value = structuredClone(office.state);
  };
  return { office, state, status, sent, actions, other, view, counterId };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("A message on the counter goes when the situation it was about changes", () => {
  it("clears 'already being served' once another browser completes that ticket", async () => {
    const d = desk();
    d.office.issue("urp");
    d.other({ type: "callNext", counterId: d.counterId });
    d.other({ type: "startService", counterId: d.counterId }); // the other browser started it
    d.actions.run("recall"); // this browser still thought it was only called
    expect(d.actions.problem.value?.code).toBe("ticket_not_called");
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    expect(d.actions.problem.value?.code, "nothing changed yet: it stays").toBe(
      "ticket_not_called",
    );
    d.other({ type: "complete", counterId: d.counterId });
    expect(d.actions.problem.value).toBeNull();
  });

  it("clears a refusal the server answered once the counter's ticket changes", async () => {
    const d = desk();
    d.office.issue("urp");
    d.office.issue("urp");
    d.other({ type: "callNext", counterId: d.counterId });
    d.actions.run("callNext"); // someone is still called: the console refuses without asking
    expect(d.actions.problem.value?.code).toBe("counter_busy");
    d.other({ type: "startService", counterId: d.counterId });
    expect(d.actions.problem.value).toBeNull();
  });

  it("clears 'nobody waiting' when someone takes a ticket, and 'offline' when the link is back", async () => {
    const d = desk();
    d.actions.run("callNext");
    await settle();
    expect(d.actions.problem.value?.code).toBe("queue_empty");
    d.other({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
    expect(d.actions.problem.value).toBeNull();

    d.status.value = "reconnecting";
    d.actions.run("callNext");
    expect(d.actions.problem.value?.code).toBe("offline");
    d.status.value = "live";
    expect(d.actions.problem.value).toBeNull();
  });
});

describe("An empty queue is information, and messages are the app's own words", () => {
  const problem = (code: string, detail: string | null = null): ActionProblem => ({
    code,
    detail,
    mode: "front",
  });

  it("shows an empty queue and a desk kept for an appointment calmly, and refusals as errors", () => {
    expect(problemTone(problem("queue_empty"))).toBe("info");
    expect(problemTone(problem("kept_for_appointment"))).toBe("info");
    const calm: string[] = ["queue_empty", "kept_for_appointment"];
    for (const code of COUNTER_PROBLEM_CODES.filter((c) => !calm.includes(c))) {
      expect(problemTone(problem(code)), code).toBe("error");
    }
  });

  it("does not repeat the server's English under the Italian sentence", () => {
    const empty = problem("queue_empty", "No one is waiting for Sportello 3.");
    expect(problemText(empty, it_)).toBe(
      "Nessuno è in attesa per i tuoi servizi: i nuovi biglietti appariranno in coda.",
    );
    expect(problemDetail(empty, it_)).toBeNull();
    // A code the console has no words for: the server's sentence is all there is to say.
    expect(problemDetail(problem("brand_new_code", "Something new."), it_)).toBe("Something new.");
  });

  it("has an Italian sentence for every code a counter's command can get", () => {
    for (const code of COUNTER_PROBLEM_CODES) {
      for (const mode of ["front", "paused", "back-office", "closed"] as const) {
        for (const canChangeMode of [true, false]) {
          const text = problemText({ code, detail: "English detail.", mode }, it_, canChangeMode);
          expect(text, `${code} ${mode}`).not.toBe(it_.counter.errors.generic);
          expect(text, `${code} ${mode}: Italian, not English`).not.toBe(
            problemText({ code, detail: null, mode }, en, canChangeMode),
          );
          expect(problemDetail({ code, detail: "English detail.", mode }, it_)).toBeNull();
        }
      }
    }
  });
});

describe("A paused counter points at the same button in the panel and when N is pressed", () => {
  for (const lang of ["it", "en"]) {
    const m = counterMessages(lang);
    it(`says Resume for a supervisor and a supervisor for a clerk (${lang})`, () => {
      const office = new Office();
      office.ok({ type: "setCounterMode", counterId: "sportello-1", mode: "paused" });
      const view = counterViewOf(office.state, "sportello-1")!;
      const code = refusalFor(view, "callNext")!;
      const refusal = { code, detail: null, mode: view.mode };
      const supervisorText = problemText(refusal, m, true);
      expect(m.counter.modeNotice.paused).toContain(m.counter.actions.resume);
      expect(supervisorText).toContain(m.counter.actions.resume);
      expect(supervisorText).not.toContain(m.counter.actions.toFrontOffice.toLowerCase());

      const clerkText = problemText(refusal, m, false);
      const supervisorWord = lang === "it" ? "responsabile" : "supervisor";
      expect(m.counter.modeNoticeClerk.paused).toContain(supervisorWord);
      expect(clerkText).toContain(supervisorWord);
      expect(clerkText).not.toContain(m.counter.actions.resume);

      // A closed counter opens with the same button (Resume), a back-office one by switching.
      const closed = problemText({ code, detail: null, mode: "closed" }, m, true);
      expect(closed).toContain(m.counter.actions.resume);
      expect(m.counter.modeNotice.closed).toContain(m.counter.actions.resume);
    });
  }
});

describe("Queue rows say what their minutes are", () => {
  it("labels the minutes as time already waited", () => {
    expect(formatWaited(5 * MINUTE, it_)).toBe("attende da 5 min");
    expect(formatWaited(5 * MINUTE, en)).toBe("waiting 5 min");
    expect(formatWaited(20 * SECOND, it_)).toBe("attende da < 1 min");
  });
});

describe("A no-show waits for its undo window before it is sent", () => {
  it("sends nothing when undone, and sends once when the window ends", async () => {
    const send = vi.fn(async () => {});
    const undo = createNoShowUndo({ send, stillCalled: () => true });
    undo.begin({ id: "t1", code: "A001" });
    expect(undo.pending.value).toEqual({ ticketId: "t1", code: "A001", secondsLeft: 6 });
    await vi.advanceTimersByTimeAsync(NO_SHOW_UNDO_MS - 300);
    expect(send).not.toHaveBeenCalled();
    expect(undo.pending.value?.secondsLeft).toBe(1);
    undo.undo();
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(send).not.toHaveBeenCalled();
    expect(undo.pending.value).toBeNull();

    undo.begin({ id: "t1", code: "A001" });
    await vi.advanceTimersByTimeAsync(NO_SHOW_UNDO_MS + 300);
    expect(send).toHaveBeenCalledTimes(1);
    expect(undo.pending.value).toBeNull();
  });

  it("leaves the ticket called after X then Undo, and marks it after the window", async () => {
    const d = desk();
    d.office.issue("urp");
    const called = d.office.callNext(d.counterId);
    d.state.value = structuredClone(d.office.state);
    d.actions.run("noShow");
    expect(d.actions.pendingNoShow.value?.ticketId).toBe(called);
    await vi.advanceTimersByTimeAsync(3 * SECOND);
    d.actions.undoNoShow();
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(d.sent).toEqual([]);
    expect(d.view.value?.current?.status).toBe("called");

    d.actions.run("noShow");
    await vi.advanceTimersByTimeAsync(NO_SHOW_UNDO_MS + 300);
    expect(d.sent.map((c) => c.type)).toEqual(["noShow"]);
    expect(d.view.value?.current, "the counter no longer holds it").toBeNull();
  });

  it("takes the no-show back when the clerk starts serving, and sends it first when they call next", async () => {
    const d = desk();
    d.office.issue("urp");
    d.office.issue("urp");
    d.office.callNext(d.counterId);
    d.state.value = structuredClone(d.office.state);
    d.actions.run("noShow");
    d.actions.run("start"); // the person came after all
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(d.sent.map((c) => c.type)).toEqual(["startService"]);

    d.other({ type: "complete", counterId: d.counterId });
    d.other({ type: "callNext", counterId: d.counterId });
    d.sent.length = 0;
    d.actions.run("noShow");
    d.actions.run("callNext"); // moving on: the no-show goes first, then the call
    await settle();
    await settle();
    expect(d.sent.map((c) => c.type)).toEqual(["noShow", "callNext"]);
    expect(d.actions.pendingNoShow.value).toBeNull();
  });

  it("never sends a no-show for a ticket that left the counter meanwhile", async () => {
    const d = desk();
    d.office.issue("urp");
    d.office.issue("urp");
    d.office.callNext(d.counterId);
    d.state.value = structuredClone(d.office.state);
    d.actions.run("noShow");
    // Another browser started and completed it, and called the next one.
    d.other({ type: "startService", counterId: d.counterId });
    expect(d.actions.pendingNoShow.value).toBeNull();
    d.other({ type: "complete", counterId: d.counterId });
    d.other({ type: "callNext", counterId: d.counterId });
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(d.sent).toEqual([]);
  });
});
