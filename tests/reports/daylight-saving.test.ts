import { describe, expect, it } from "vitest";
import { computeOfficeReport, type ReportTicket, ticketsToCsv } from "../../shared/reports";

/*
 * Europe/Rome switches on the last Sundays of March and October, at 01:00 UTC:
 * 30 March 2025 02:00 CET → 03:00 CEST (the 2:00 hour does not exist) and
 * 26 October 2025 03:00 CEST → 02:00 CET (the 2:00 hour happens twice).
 */

const TIME_ZONE = "Europe/Rome";

function arrival(day: string, issuedAt: number, n: number): ReportTicket {
  return {
    id: `${day}-A${String(n).padStart(3, "0")}`,
    day,
    code: `A${String(n).padStart(3, "0")}`,
    serviceId: "anagrafe",
    counterId: null,
    clerkId: null,
    clerkName: null,
    status: "cancelled",
    channel: "kiosk",
    priority: false,
    issuedAt,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    transfers: 0,
    recalls: 0,
  };
}

const utc = (iso: string) => Date.parse(`${iso}Z`);
const SUN = 6;
const MON = 0;

function heatmap(tickets: ReportTicket[], from: string, to: string) {
  return computeOfficeReport(tickets, { timeZone: TIME_ZONE, targetWaitMinutes: 20, from, to })
    .arrivals.total;
}

describe("Arrivals around the switches to and from summer time in Rome", () => {
  it("in March, files instants before the jump under 1:00 and after it under 3:00, and nothing under 2:00.", () => {
    const total = heatmap(
      [
        arrival("2025-03-30", utc("2025-03-30T00:30:00"), 1), // 01:30 CET
        arrival("2025-03-30", utc("2025-03-30T00:59:59"), 2), // 01:59:59 CET
        arrival("2025-03-30", utc("2025-03-30T01:00:00"), 3), // 03:00 CEST: the jump
        arrival("2025-03-30", utc("2025-03-30T01:30:00"), 4), // 03:30 CEST
      ],
      "2025-03-30",
      "2025-03-30",
    );
    expect(total[SUN]!.slice(0, 5)).toEqual([0, 2, 0, 2, 0]);
  });

  it("in March, files office hours by summer time from the day of the switch on (10:00 CEST is 08:00 UTC).", () => {
    const total = heatmap(
      [
        arrival("2025-03-29", utc("2025-03-29T09:00:00"), 1), // Saturday 10:00 CET
        arrival("2025-03-30", utc("2025-03-30T08:00:00"), 1), // Sunday 10:00 CEST
        arrival("2025-03-31", utc("2025-03-31T08:00:00"), 1), // Monday 10:00 CEST
      ],
      "2025-03-29",
      "2025-03-31",
    );
    expect(total[5]![10]).toBe(1);
    expect(total[SUN]![10]).toBe(1);
    expect(total[MON]![10]).toBe(1);
    expect(total.flat().reduce((a, b) => a + b)).toBe(3);
  });

  it("in October, files both passes through 2:00 under 2:00, and the hours on either side where they belong.", () => {
    const total = heatmap(
      [
        arrival("2025-10-26", utc("2025-10-25T23:59:00"), 1), // 01:59 CEST
        arrival("2025-10-26", utc("2025-10-26T00:30:00"), 2), // 02:30 CEST, first time
        arrival("2025-10-26", utc("2025-10-26T00:59:59"), 3), // 02:59:59 CEST
        arrival("2025-10-26", utc("2025-10-26T01:00:00"), 4), // 02:00 CET: clocks went back
        arrival("2025-10-26", utc("2025-10-26T01:30:00"), 5), // 02:30 CET, second time
        arrival("2025-10-26", utc("2025-10-26T02:00:00"), 6), // 03:00 CET
        arrival("2025-10-27", utc("2025-10-27T09:00:00"), 1), // Monday 10:00 CET
      ],
      "2025-10-26",
      "2025-10-27",
    );
    expect(total[SUN]!.slice(0, 5)).toEqual([0, 1, 4, 1, 0]);
    expect(total[MON]![10]).toBe(1);
  });

  it("writes the repeated 02:30 twice in the CSV, told apart by the epoch milliseconds.", () => {
    const first = utc("2025-10-26T00:30:00");
    const second = utc("2025-10-26T01:30:00");
    const lines = ticketsToCsv(
      [arrival("2025-10-26", first, 1), arrival("2025-10-26", second, 2)],
      TIME_ZONE,
    ).split("\r\n");
    expect(lines[1]).toContain(`,2025-10-26 02:30:00,${first},`);
    expect(lines[2]).toContain(`,2025-10-26 02:30:00,${second},`);
  });
});
