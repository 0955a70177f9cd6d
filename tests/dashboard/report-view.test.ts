import { describe, expect, it } from "vitest";
import {
  activeHours,
  formatArrivals,
  formatLateness,
  formatLeadTime,
  heatColour,
  heatmapCells,
  perDaySeries,
  shareStanding,
  staffingGrid,
  staffingSentence,
  staffingValues,
  timesRow,
  withinTargetNote,
} from "../../dashboard/model/report-view";
import { dashboardMessages } from "../../shared/i18n/dashboard";
import { computeOfficeReport } from "../../shared/reports";
import { KNOWN_HISTORY, RANGE, TARGET_WAIT_MINUTES, TIME_ZONE } from "../reports/known-history";

/* The reports' own hand-worked history (tests/reports/known-history.ts): two weeks of March 2025. */
const report = computeOfficeReport(KNOWN_HISTORY, {
  ...RANGE,
  timeZone: TIME_ZONE,
  targetWaitMinutes: TARGET_WAIT_MINUTES,
});

describe("The arrivals heatmap", () => {
  it("shows the hours from the first to the last with arrivals.", () => {
    expect(activeHours(report.arrivals)).toEqual([9, 10, 11, 12, 13, 14, 15]);
  });

  it("gives each weekday × hour its mean per occurrence and a level against the busiest cell.", () => {
    const cells = heatmapCells(report.arrivals, activeHours(report.arrivals));
    expect(cells).toHaveLength(7 * 7);
    // Two Mondays, six tickets between 10:00 and 10:59: 3 on an average Monday, the peak.
    const monday10 = cells.find((c) => c.weekday === 0 && c.hour === 10);
    expect(monday10).toEqual({ weekday: 0, hour: 10, mean: 3, total: 6, level: 1 });
    const wednesday15 = cells.find((c) => c.weekday === 2 && c.hour === 15);
    expect(wednesday15).toMatchObject({ mean: 1.5, total: 3, level: 0.5 });
    expect(cells.find((c) => c.weekday === 6 && c.hour === 10)?.level).toBe(0);
  });

  it("colours from paper to brand blue, with white figures only on dark cells.", () => {
    expect(heatColour(0)).toEqual({ background: "rgb(244, 246, 247)", ink: "#14212b" });
    expect(heatColour(1)).toEqual({ background: "rgb(11, 79, 138)", ink: "#ffffff" });
    expect(heatColour(0.5).ink).toBe("#14212b");
    expect(heatColour(7).background).toBe(heatColour(1).background);
  });

  it("writes means briefly: whole numbers from 10, one decimal below, nothing for none.", () => {
    expect(formatArrivals(59.84, "en")).toBe("60");
    expect(formatArrivals(3.44, "it")).toBe("3,4");
    expect(formatArrivals(0, "en")).toBe("");
  });
});

describe("The staffing table", () => {
  it("answers 'which desk should open at 10 on Mondays' in a sentence.", () => {
    const grid = staffingGrid(report, activeHours(report.arrivals));
    const monday10 = grid.rows[grid.hours.indexOf(10)]![0]!;
    // anagrafe 2/h × 12 min + tributi 1/h × 19.25 min = 43.25 min of work an hour, 3 arrivals.
    expect(monday10.meanArrivals).toBe(3);
    // One desk keeps up with 0.72 Erlangs, but calls only 51% within 20 min: Erlang C asks for two.
    expect(monday10.desks).toBe(1);
    expect(monday10.desksForTarget).toBe(2);
    const en = dashboardMessages("en").dashboard.reports.staffing;
    expect(staffingSentence(monday10, "Mon", "en", en)).toBe(
      "Mon 10:00 — 3 arrivals/h × 14.4 min → 2 desks (1 only keeps up, with no margin)",
    );
    const it = dashboardMessages("it").dashboard.reports.staffing;
    expect(
      staffingSentence(
        { ...monday10, meanArrivals: 38, desks: 7, desksForTarget: 7 },
        "lun",
        "it",
        it,
      ),
    ).toBe("lun 10:00 — 38 arrivi/h × 14,4 min → 7 sportelli");
  });

  it("leaves hours without arrivals empty and lists the busiest hours first.", () => {
    const grid = staffingGrid(report, activeHours(report.arrivals), 3);
    expect(grid.rows[grid.hours.indexOf(13)]!.every((cell) => cell === null)).toBe(true);
    expect(grid.busiest.map((c) => `${c.weekday} ${c.hour}`)).toEqual([
      "mon 10",
      "wed 15",
      "tue 9",
    ]);
  });
});

describe("The tables of times and the per-day chart", () => {
  it("writes wait and service times in minutes: mean, median, 90th percentile.", () => {
    const row = timesRow("all", "All", report.times.overall, "en");
    expect(row.waitCount).toBe(report.times.overall.wait.count);
    expect(row.wait).toHaveLength(3);
    expect(row.service[1]).toMatch(/^\d+(\.\d)?$/);
    const empty = timesRow(
      "x",
      "X",
      {
        wait: {
          count: 0,
          meanSeconds: null,
          medianSeconds: null,
          p90Seconds: null,
          minSeconds: null,
          maxSeconds: null,
        },
        service: {
          count: 0,
          meanSeconds: null,
          medianSeconds: null,
          p90Seconds: null,
          minSeconds: null,
          maxSeconds: null,
        },
      },
      "en",
    );
    expect(empty.wait).toEqual(["—", "—", "—"]);
  });

  it("keeps days as bars over two months, and sums by week beyond.", () => {
    const daily = perDaySeries(report.ticketsPerDay);
    expect(daily.weekly).toBe(false);
    expect(daily.labels).toHaveLength(14);
    const days = Array.from({ length: 70 }, (_, i) => `d${i}`);
    const weekly = perDaySeries({
      days,
      services: [{ serviceId: "urp", perDay: days.map(() => 2), total: 140 }],
    });
    expect(weekly.weekly).toBe(true);
    expect(weekly.labels).toEqual(days.filter((_, i) => i % 7 === 0));
    expect(weekly.series[0]?.values).toEqual(Array(10).fill(14));
  });
});

describe("The within-target figure", () => {
  it("names the office's goal, and says in words when the range fell short of it.", () => {
    // 8 of 11 called within 20 min: 72.7%.
    expect(report.withinTarget.overall.share).toBeCloseTo(0.727, 3);
    const en = dashboardMessages("en").dashboard.reports.summary;
    const it = dashboardMessages("it").dashboard.reports.summary;
    const below = computeOfficeReport(KNOWN_HISTORY, {
      ...RANGE,
      timeZone: TIME_ZONE,
      targetWaitMinutes: TARGET_WAIT_MINUTES,
      targetSharePercent: 73,
    });
    expect(withinTargetNote(below, en)).toEqual({
      text: "below the goal of 73%",
      short: true,
    });
    const met = computeOfficeReport(KNOWN_HISTORY, {
      ...RANGE,
      timeZone: TIME_ZONE,
      targetWaitMinutes: TARGET_WAIT_MINUTES,
      targetSharePercent: 72,
    });
    expect(withinTargetNote(met, it)).toEqual({
      text: "obiettivo: 72%",
      short: false,
    });
  });

  it("says nothing of a goal when nobody was called in the range.", () => {
    const empty = computeOfficeReport([], {
      ...RANGE,
      timeZone: TIME_ZONE,
      targetWaitMinutes: TARGET_WAIT_MINUTES,
    });
    expect(withinTargetNote(empty, dashboardMessages("en").dashboard.reports.summary)).toBe(
      undefined,
    );
  });
});

describe("Issue 10, point 17: the reports as the office reads them", () => {
  const weekdays = (intervals: { open: string; close: string }[], saturday = intervals) => ({
    mon: intervals,
    tue: intervals,
    wed: intervals,
    thu: intervals,
    fri: intervals,
    sat: saturday,
    sun: [],
  });

  it("shows the span of the opening hours, not only the hours that had arrivals.", () => {
    const demo = weekdays([{ open: "08:00", close: "18:30" }], [{ open: "08:00", close: "12:30" }]);
    expect(activeHours(report.arrivals, demo)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it("never shows the night when the office is never open, but keeps an hour that had arrivals.", () => {
    const mornings = weekdays([{ open: "09:00", close: "13:00" }]);
    // The fixture has arrivals up to 15:00, after that office's closing: those hours stay, 16–23 do not.
    expect(activeHours(report.arrivals, mornings)).toEqual([9, 10, 11, 12, 13, 14, 15]);
    const empty = computeOfficeReport([], {
      ...RANGE,
      timeZone: TIME_ZONE,
      targetWaitMinutes: TARGET_WAIT_MINUTES,
    });
    expect(activeHours(empty.arrivals, mornings)).toEqual([9, 10, 11, 12]);
    const closingOnTheHour = weekdays([{ open: "08:30", close: "19:00" }]);
    expect(activeHours(empty.arrivals, closingOnTheHour)).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ]);
  });

  it("colours a within-target share green only when it reached the office's goal.", () => {
    expect(shareStanding(0.71, 0.8)).toBe("short");
    expect(shareStanding(0.68, 0.8)).toBe("short");
    expect(shareStanding(0.8, 0.8)).toBe("met");
    expect(shareStanding(0.93, 0.8)).toBe("met");
    expect(shareStanding(null, 0.8)).toBeNull();
  });
});

describe("Issue 10, point 13: Italian staffing sentences", () => {
  const it_ = dashboardMessages("it").dashboard.reports.staffing;
  const cell = {
    weekday: "mon" as const,
    hour: 10,
    meanArrivals: 3,
    appointmentMinutes: 0,
    meanServiceMinutes: 14.4,
    offeredLoad: 0.72,
    desks: 1,
    desksForTarget: 2,
  };

  it("agree the verb with one desk (1 tiene) and with several (3 tengono).", () => {
    expect(staffingSentence(cell, "lun", "it", it_)).toBe(
      "lun 10:00 — 3 arrivi/h × 14,4 min → 2 sportelli (1 tiene solo il passo, senza margine)",
    );
    expect(staffingSentence({ ...cell, desks: 3, desksForTarget: 4 }, "lun", "it", it_)).toContain(
      "(3 tengono solo il passo",
    );
  });

  it("write decimals with the reader's mark.", () => {
    const values = staffingValues({ ...cell, meanArrivals: 2.5 }, "lun", "it");
    expect(values.arrivals).toBe("2,5");
    expect(values.minutes).toBe("14,4");
    expect(staffingValues({ ...cell, meanArrivals: 2.5 }, "Mon", "en").arrivals).toBe("2.5");
  });
});

describe("Issue 12, point 6: appointments in the reports", () => {
  const en = dashboardMessages("en").dashboard.reports;
  const it_ = dashboardMessages("it").dashboard.reports;
  const cell = {
    weekday: "tue" as const,
    hour: 10,
    meanArrivals: 2,
    appointmentMinutes: 45,
    meanServiceMinutes: 12,
    offeredLoad: 69 / 60,
    desks: 2,
    desksForTarget: 3,
  };

  it("say the booked minutes of an hour before the arrow, and only them when no walk-in came.", () => {
    expect(staffingSentence(cell, "Tue", "en", en.staffing)).toBe(
      "Tue 10:00 — 2 arrivals/h × 12 min + 45 min booked → 3 desks (2 only keep up, with no margin)",
    );
    expect(
      staffingSentence(
        { ...cell, meanArrivals: 0, meanServiceMinutes: null, desks: 1, desksForTarget: 1 },
        "mar",
        "it",
        it_.staffing,
      ),
    ).toBe("mar 10:00 — 45 min prenotati → 1 sportello");
    expect(staffingValues({ ...cell, appointmentMinutes: 0 }, "Tue", "en").booked).toBe("");
  });

  it("show an hour with bookings and no walk-in in the desks-needed grid.", () => {
    const report = computeOfficeReport(
      [],
      {
        from: "2026-03-02",
        to: "2026-03-08",
        timeZone: "Europe/Rome",
        targetWaitMinutes: 20,
      },
      [
        {
          id: "apt-1",
          serviceId: "edilizia",
          start: Date.parse("2026-03-03T10:00:00+01:00"),
          slotMinutes: 30,
          status: "checked-in",
          channel: "public",
          bookedAt: Date.parse("2026-02-20T10:00:00+01:00"),
          checkedInAt: null,
          cancelledAt: null,
          missedAt: null,
          ticketId: null,
        },
      ],
    );
    const grid = staffingGrid(report, [9, 10, 11]);
    expect(grid.rows[1]![1]).toMatchObject({ appointmentMinutes: 30, desksForTarget: 1 });
    expect(grid.rows[0]![1]).toBeNull();
    expect(grid.busiest.map((c) => `${c.weekday} ${c.hour}`)).toEqual(["tue 10"]);
  });

  it("write lead times in hours under two days and in days beyond, lateness in minutes.", () => {
    const words = en.appointments;
    expect(formatLeadTime(null, "en", words)).toBe("—");
    expect(formatLeadTime(3600, "en", words)).toBe("1 h");
    expect(formatLeadTime(18 * 3600, "en", words)).toBe("18 h");
    expect(formatLeadTime(4.5 * 86_400, "en", words)).toBe("4.5 days");
    expect(formatLeadTime(4.5 * 86_400, "it", it_.appointments)).toBe("4,5 giorni");
    expect(formatLeadTime(12.4 * 86_400, "it", it_.appointments)).toBe("12 giorni");
    expect(formatLateness(150, "it", it_.appointments)).toBe("2,5 min");
    expect(formatLateness(null, "en", words)).toBe("—");
  });
});
