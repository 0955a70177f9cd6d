import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DisplayService } from "../../display/model/display-data";
import { fromOfficeState, fromOfficeView } from "../../display/model/display-data";
import { noticeSize, queueTexts } from "../../display/model/queue-texts";
import { LiveOfficeCore, type LiveSocketHandlers } from "../../shared/client/live-office-core";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { displayMessages } from "../../shared/i18n/display";
import { officeView } from "../../worker/office/views";
import { Office } from "../engine/helpers";

const en = displayMessages("en");
const it_ = displayMessages("it");

const service = (patch: Partial<DisplayService> = {}): DisplayService => ({
  id: "anagrafe",
  prefix: "B",
  names: { it: "Anagrafe", en: "Registry office" },
  open: true,
  waiting: 3,
  estimatedWaitSeconds: 600,
  finishedToday: false,
  ...patch,
});

/** The display's own path for live frames: the hand-written check, then LiveOfficeCore's fold. */
function displaySocket() {
  let handlers: LiveSocketHandlers | undefined;
  const live = new LiveOfficeCore(
    { host: "turno.example", officeId: "scandicci", role: "display" },
    {
      parseMessage: checkServerMessage,
      openSocket: (_target, h) => {
        handlers = h;
        return { readyState: 1, send: () => {}, reconnect: () => {}, close: () => {} };
      },
    },
  );
  return { live, deliver: (frame: unknown) => handlers?.message(JSON.stringify(frame)) };
}

describe("A supervisor's notice and tickets finished for today, on the waiting-room screen", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("Arrive over the socket, are shown, and go away when the supervisor reopens and clears.", () => {
    const office = new Office();
    const { live, deliver } = displaySocket();
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    expect(fromOfficeState(live.state.value!).notice).toBeNull();

    const issued = office.ok({ type: "issueTicket", serviceId: "anagrafe", channel: "kiosk" });
    const closed = office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: false });
    const notice = office.ok({ type: "setNotice", text: "Anagrafe: sistema lento, pazienza." });
    deliver({ type: "events", seq: 2, events: [...issued, ...closed, ...notice] });
    expect(live.state.value).toEqual(office.state);

    const shown = fromOfficeState(live.state.value!);
    expect(shown.notice).toBe("Anagrafe: sistema lento, pazienza.");
    expect(shown.services.filter((s) => s.finishedToday).map((s) => s.id)).toEqual(["anagrafe"]);
    // Those who already hold a number are still counted and served.
    expect(shown.services.find((s) => s.id === "anagrafe")?.waiting).toBe(1);

    const reopened = office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: true });
    const cleared = office.ok({ type: "setNotice", text: null });
    deliver({ type: "events", seq: 5, events: [...reopened, ...cleared] });
    const after = fromOfficeState(live.state.value!);
    expect(after.notice).toBeNull();
    expect(after.services.some((s) => s.finishedToday)).toBe(false);
  });

  it("Folds the new events after a snapshot from a server that did not send the new fields yet.", () => {
    const office = new Office();
    const { closedForToday: _closed, notice: _notice, ...oldState } = structuredClone(office.state);
    const { live, deliver } = displaySocket();
    deliver({ type: "snapshot", v: 1, seq: 1, serverTime: office.now, state: oldState });
    expect(live.status.value).toBe("live");
    expect(live.state.value?.closedForToday).toEqual([]);
    expect(live.state.value?.notice).toBeNull();
    const closed = office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    deliver({ type: "events", seq: 2, events: closed });
    expect(live.state.value?.closedForToday).toEqual(["urp"]);
  });
});

describe("What a queue line says", () => {
  it("Keeps the estimate for those already waiting and adds that tickets for today are finished.", () => {
    expect(queueTexts(service({ finishedToday: true }), en, "en")).toEqual({
      showCount: true,
      wait: "about 10 min",
      finished: "Tickets for today are finished",
    });
    expect(queueTexts(service({ finishedToday: true }), it_, "it")).toEqual({
      showCount: true,
      wait: "circa 10 min",
      finished: "Biglietti per oggi terminati",
    });
  });

  it("Says no 'no wait' for a finished service nobody is waiting for: there is no number to take.", () => {
    expect(queueTexts(service({ finishedToday: true, waiting: 0 }), en, "en")).toEqual({
      showCount: true,
      wait: "",
      finished: "Tickets for today are finished",
    });
    expect(queueTexts(service({ waiting: 0 }), en, "en")).toEqual({
      showCount: true,
      wait: "no wait",
      finished: null,
    });
  });

  it("Leaves a closed service as closed, and an open one as before.", () => {
    expect(queueTexts(service({ open: false, finishedToday: true }), en, "en")).toEqual({
      showCount: false,
      wait: "Closed",
      finished: null,
    });
    expect(queueTexts(service({ estimatedWaitSeconds: null }), en, "en")).toEqual({
      showCount: true,
      wait: "no counter open",
      finished: null,
    });
    expect(queueTexts(service(), en, "en").finished).toBeNull();
  });
});

describe("How large the notice is", () => {
  it("Goes down in three steps as the text grows, so 280 characters still fit.", () => {
    expect(noticeSize("Chiusura anticipata alle 12:00")).toBe("is-short");
    expect(noticeSize("x".repeat(80))).toBe("is-short");
    expect(noticeSize("x".repeat(81))).toBe("is-medium");
    expect(noticeSize("x".repeat(160))).toBe("is-medium");
    expect(noticeSize("x".repeat(280))).toBe("is-long");
  });
});

describe("The notice and finished services while polling (no socket)", () => {
  function closedOffice() {
    const office = new Office();
    office.issue("urp");
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    office.ok({ type: "setNotice", text: "Oggi l'ufficio chiude alle 12:00." });
    return office;
  }

  it("Reads them from the office view when it carries them, like the live state.", () => {
    const office = closedOffice();
    const view = {
      ...JSON.parse(JSON.stringify(officeView("scandicci", office.state, 9, office.now))),
      closedForToday: office.state.closedForToday,
      notice: office.state.notice,
    };
    expect(fromOfficeView(view)).toEqual(fromOfficeState(office.state));
    expect(fromOfficeView({ ...view, notice: null })?.notice).toBeNull();
    expect(
      fromOfficeView({ ...view, closedForToday: [] })?.services.some((s) => s.finishedToday),
    ).toBe(false);
  });

  it("Keeps what the screen showed when the view does not carry them, rather than blanking them.", () => {
    const office = closedOffice();
    const shown = fromOfficeState(office.state);
    const view = JSON.parse(JSON.stringify(officeView("scandicci", office.state, 9, office.now)));
    delete view.closedForToday;
    delete view.notice;
    expect(fromOfficeView(view, shown)).toEqual(shown);
    const first = fromOfficeView(view);
    expect(first?.notice).toBeNull();
    expect(first?.services.some((s) => s.finishedToday)).toBe(false);
  });
});
