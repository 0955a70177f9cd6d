import { describe, expect, it } from "vitest";
import {
  type DisplayData,
  earlierCalls,
  fromOfficeState,
  fromOfficeView,
  nowCalling,
} from "../../display/model/display-data";
import { hoursLine } from "../../display/model/office-hours";
import { queueTexts } from "../../display/model/queue-texts";
import { displayMessages } from "../../shared/i18n/display";
import { publicOfficeState } from "../../shared/protocol";
import { officeView } from "../../worker/office/views";
import { ALL_WEEK_HOURS, demoConfig, MONDAY, MONDAY_10, Office } from "../engine/helpers";

const it_ = displayMessages("it");

/** The screen's picture of an office, from the socket (public state) and from polling: they must agree. */
function pictures(office: Office): DisplayData[] {
  const live = fromOfficeState(publicOfficeState(office.state));
  const polled = fromOfficeView(
    JSON.parse(JSON.stringify(officeView("scandicci", office.state, 1, office.now))),
  );
  expect(polled).toEqual(live);
  return [live, polled as DisplayData];
}

/** A02 called at Sportello 1 after A01 (now served at Sportello 2). */
function twoCalls(): Office {
  const office = new Office();
  office.issue("urp");
  office.issue("urp");
  office.callNext("sportello-2");
  office.ok({ type: "startService", counterId: "sportello-2" });
  office.callNext("sportello-1");
  return office;
}

describe("'Now calling' shows a ticket only while it is at its counter (issue 10)", () => {
  it("A called ticket is shown large; the one before it, still being served, is listed under it.", () => {
    for (const data of pictures(twoCalls())) {
      expect(nowCalling(data)?.code).toBe("A002");
      expect(earlierCalls(data).map((c) => c.code)).toEqual(["A001"]);
    }
  });

  it("A no-show leaves 'Now calling' at once and stays among the recent calls.", () => {
    const office = twoCalls();
    office.ok({ type: "noShow", counterId: "sportello-1" });
    for (const data of pictures(office)) {
      expect(nowCalling(data)).toBeNull();
      expect(earlierCalls(data).map((c) => c.code)).toEqual(["A002", "A001"]);
    }
  });

  it("A cancelled ticket, and one sent back to the queue by a transfer, leave 'Now calling' too.", () => {
    const cancelled = twoCalls();
    cancelled.ok({ type: "cancelTicket", ticketId: "2026-11-23-A002" });
    for (const data of pictures(cancelled)) expect(nowCalling(data)).toBeNull();
    const transferred = twoCalls();
    transferred.ok({ type: "transfer", counterId: "sportello-1", toServiceId: "anagrafe" });
    for (const data of pictures(transferred)) expect(nowCalling(data)).toBeNull();
  });

  it("A ticket whose day ended (expired at the rollover) is not shown as called the next morning.", () => {
    const office = twoCalls();
    office.advance(24 * 60 * 60 * 1000);
    office.ok({ type: "rollover" });
    for (const data of pictures(office)) {
      expect(nowCalling(data)).toBeNull();
      expect(earlierCalls(data)).toEqual([]);
    }
  });

  it("A recall keeps the ticket large; calling the next one replaces it.", () => {
    const office = twoCalls();
    office.ok({ type: "recall", counterId: "sportello-1" });
    for (const data of pictures(office)) expect(nowCalling(data)?.code).toBe("A002");
  });
});

describe("A closed office does not show counts and waits as if it were open (issue 10)", () => {
  const waiting = {
    id: "anagrafe",
    prefix: "B",
    names: { it: "Anagrafe" },
    open: true,
    waiting: 40,
    estimatedWaitSeconds: 98 * 60,
    finishedToday: false,
  };

  it("Open: the count and 'circa 1 h 38 min'; closed (a closed date, after hours): 'Chiuso', no count, no estimate.", () => {
    expect(queueTexts(waiting, it_, "it", true)).toMatchObject({ showCount: true });
    expect(queueTexts(waiting, it_, "it", true).wait).toMatch(/^circa /);
    expect(queueTexts(waiting, it_, "it", false)).toEqual({
      showCount: false,
      wait: "Chiuso",
      finished: null,
    });
    expect(queueTexts({ ...waiting, finishedToday: true }, it_, "it", false).finished).toBeNull();
  });

  it("A day marked closed reads as closed all day, so its queues say 'Chiuso'.", () => {
    const office = new Office(demoConfig({ openingHours: ALL_WEEK_HOURS, closedDates: [MONDAY] }));
    const [data] = pictures(office);
    const hours = hoursLine(data!, MONDAY_10, it_);
    expect(hours.open).toBe(false);
    expect(hours.text).toMatch(/^Oggi chiuso/);
    const texts = data!.services.map((s) => queueTexts(s, it_, "it", hours.open));
    expect(texts.every((t) => !t.showCount && t.wait === "Chiuso")).toBe(true);
  });
});
