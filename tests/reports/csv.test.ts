import { describe, expect, it } from "vitest";
import {
  APPOINTMENT_CSV_COLUMNS,
  appointmentCsvLines,
  CSV_FORMATS,
  csvCell,
  isCsvFormat,
  TICKET_CSV_COLUMNS,
  ticketCsvLines,
  ticketsToCsv,
} from "../../shared/reports";
import { KNOWN_HISTORY, TIME_ZONE } from "./known-history";

const HEADER =
  "id,day,code,service,counter,clerk_id,clerk_name,status,channel,priority," +
  "issued_at,issued_at_ms,called_at,called_at_ms,started_at,started_at_ms," +
  "finished_at,finished_at_ms,wait_seconds,service_seconds,transfers,recalls," +
  "appointment_slot,appointment_slot_ms,call_lateness_seconds";

describe("Tickets CSV", () => {
  it("starts with the header row and ends every line with CRLF.", () => {
    const csv = ticketsToCsv(KNOWN_HISTORY, TIME_ZONE);
    expect(TICKET_CSV_COLUMNS.join(",")).toBe(HEADER);
    expect(csv.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(1 + KNOWN_HISTORY.length + 1); // the last is empty
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("leaves out the clerk's two columns, header and cells, for an office without per-clerk figures.", () => {
    const [header, line] = ticketCsvLines([KNOWN_HISTORY[0]!], TIME_ZONE, undefined, {
      clerks: false,
    });
    expect(header).toBe(`${HEADER.replace("clerk_id,clerk_name,", "")}\r\n`);
    const [full] = [...ticketCsvLines([KNOWN_HISTORY[0]!], TIME_ZONE)].slice(1);
    const cells = full!.trimEnd().split(",");
    expect(line!.trimEnd().split(",")).toEqual([...cells.slice(0, 5), ...cells.slice(7)]);
  });

  it("writes each timestamp as office-local time and epoch milliseconds, and the durations in seconds.", () => {
    const [, first] = ticketCsvLines([KNOWN_HISTORY[0]!], TIME_ZONE);
    const issuedAt = Date.parse("2025-03-03T10:00:00+01:00");
    expect(first).toBe(
      [
        "2025-03-03-A001,2025-03-03,A001,anagrafe,sportello-1,acc_anna,Anna Bianchi,done,kiosk,false",
        `2025-03-03 10:00:00,${issuedAt}`,
        `2025-03-03 10:05:00,${issuedAt + 5 * 60_000}`,
        `2025-03-03 10:06:00,${issuedAt + 6 * 60_000}`,
        `2025-03-03 10:16:00,${issuedAt + 16 * 60_000}`,
        "300,600,0,0,,,\r\n", // waited 5 min, served in 10; a walk-in
      ].join(","),
    );
  });

  it("leaves the times a ticket never reached empty.", () => {
    const cancelled = KNOWN_HISTORY.find((t) => t.status === "cancelled")!;
    const [, line] = ticketCsvLines([cancelled], TIME_ZONE);
    expect(line).toBe(
      `2025-03-04-A004,2025-03-04,A004,anagrafe,,,,cancelled,kiosk,false,2025-03-04 09:40:00,${cancelled.issuedAt},,,,,,,,,0,0,,,\r\n`,
    );
  });

  it("quotes cells with commas, quotes or line breaks, doubling inner quotes (RFC 4180).", () => {
    expect(csvCell("Rossi, Mario")).toBe('"Rossi, Mario"');
    expect(csvCell('Mario "Super" Rossi')).toBe('"Mario ""Super"" Rossi"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42.5)).toBe("42.5");
  });

  it("defuses cells a spreadsheet would run as a formula with a leading apostrophe.", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+39 055")).toBe("'+39 055");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("Anna = Bianchi")).toBe("Anna = Bianchi");
  });

  it("defuses a clerk's name in a real export.", () => {
    const ticket = { ...KNOWN_HISTORY[0]!, clerkName: "=cmd|' /C calc'!A0" };
    const [, line] = ticketCsvLines([ticket], TIME_ZONE);
    expect(line).toContain(",acc_anna,'=cmd|' /C calc'!A0,done,");
  });
});

describe("Tickets CSV for Excel set to Italian (format=excel-it, issue 10)", () => {
  const EXCEL_IT = CSV_FORMATS["excel-it"];

  it("separates cells with semicolons, header included, still ending lines with CRLF.", () => {
    const csv = ticketsToCsv(KNOWN_HISTORY, TIME_ZONE, EXCEL_IT);
    expect(csv.startsWith(`${HEADER.replaceAll(",", ";")}\r\n`)).toBe(true);
    const [, first] = csv.split("\r\n");
    expect(first!.split(";")).toHaveLength(TICKET_CSV_COLUMNS.length);
    expect(first).toContain(";300;600;0;0;;;");
  });

  it("writes decimals with a comma, and leaves whole numbers and epoch milliseconds as they are.", () => {
    const ticket = KNOWN_HISTORY[0]!;
    const halfSecondLater = { ...ticket, calledAt: ticket.calledAt! + 500 };
    const [, line] = ticketCsvLines([halfSecondLater], TIME_ZONE, EXCEL_IT);
    expect(line).toContain(`;${halfSecondLater.calledAt};`);
    expect(line).toContain(";300,5;");
    const [, standard] = ticketCsvLines([halfSecondLater], TIME_ZONE);
    expect(standard).toContain(",300.5,");
  });

  it("quotes cells holding a semicolon, a quote or a line break, but not a mere comma.", () => {
    expect(csvCell("Rossi; Mario", EXCEL_IT)).toBe('"Rossi; Mario"');
    expect(csvCell("Rossi, Mario", EXCEL_IT)).toBe("Rossi, Mario");
    expect(csvCell('Mario "Super" Rossi', EXCEL_IT)).toBe('"Mario ""Super"" Rossi"');
    expect(csvCell("two\nlines", EXCEL_IT)).toBe('"two\nlines"');
    expect(csvCell(1.5, EXCEL_IT)).toBe("1,5");
  });

  it("defuses formulas exactly as the standard form does.", () => {
    expect(csvCell('=HYPERLINK("http://evil";"x")', EXCEL_IT)).toBe(
      '"\'=HYPERLINK(""http://evil"";""x"")"',
    );
    expect(csvCell("+39 055", EXCEL_IT)).toBe("'+39 055");
    expect(csvCell("-2+3", EXCEL_IT)).toBe("'-2+3");
    expect(csvCell("@SUM(A1)", EXCEL_IT)).toBe("'@SUM(A1)");
    const ticket = { ...KNOWN_HISTORY[0]!, clerkName: "=cmd|' /C calc'!A0" };
    const [, line] = ticketCsvLines([ticket], TIME_ZONE, EXCEL_IT);
    expect(line).toContain(";acc_anna;'=cmd|' /C calc'!A0;done;");
  });

  it("names only the two forms.", () => {
    expect(isCsvFormat("standard")).toBe(true);
    expect(isCsvFormat("excel-it")).toBe(true);
    expect(isCsvFormat("excel")).toBe(false);
    expect(isCsvFormat("toString")).toBe(false);
  });
});

describe("Appointments in the CSVs (issue 12, point 6)", () => {
  const slotStart = Date.parse("2025-03-03T10:00:00+01:00");
  const ticket = { ...KNOWN_HISTORY[0]!, appointment: { id: "apt-1", slotStart } };

  it("gives an appointment's ticket its slot and how late it was first called.", () => {
    // Issued 10:00, called 10:05, slot 10:00: five minutes late.
    const [, line] = ticketCsvLines([ticket], TIME_ZONE);
    expect(line!.endsWith(`,2025-03-03 10:00:00,${slotStart},300\r\n`)).toBe(true);
  });

  it("writes one booking a line with its ticket's call and nothing personal.", () => {
    const booking = {
      id: "apt-1",
      serviceId: "anagrafe",
      start: slotStart,
      slotMinutes: 20,
      status: "checked-in" as const,
      channel: "public" as const,
      bookedAt: slotStart - 1.5 * 86_400_000,
      checkedInAt: slotStart - 10 * 60_000,
      cancelledAt: null,
      missedAt: null,
      ticketId: ticket.id,
    };
    const missed = {
      ...booking,
      id: "apt-2",
      status: "missed" as const,
      checkedInAt: null,
      ticketId: null,
      missedAt: slotStart + 600_000,
    };
    const [header, first, second] = [
      ...appointmentCsvLines([booking, missed], [ticket], TIME_ZONE),
    ];
    expect(header).toBe(`${APPOINTMENT_CSV_COLUMNS.join(",")}\r\n`);
    expect(first).toBe(
      [
        "apt-1,anagrafe,2025-03-03 10:00:00",
        slotStart,
        "20,checked-in,public,2025-03-01 22:00:00",
        booking.bookedAt,
        "1.5,2025-03-03 09:50:00",
        booking.checkedInAt,
        ",,,,A001,2025-03-03 10:05:00",
        ticket.calledAt,
        "300\r\n",
      ].join(","),
    );
    expect(second).toContain(",missed,public,");
    expect(second!.endsWith(`,2025-03-03 10:10:00,${slotStart + 600_000},,,,\r\n`)).toBe(true);
    const [, excel] = [
      ...appointmentCsvLines([booking], [ticket], TIME_ZONE, CSV_FORMATS["excel-it"]),
    ];
    expect(excel).toContain(";1,5;");
  });
});
