import { signal } from "@preact/signals";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APPOINTMENTS_POLL_MS,
  createAppointmentsModel,
  MIN_REFRESH_GAP_MS,
} from "../../dashboard/model/appointments-model";
import {
  appointmentRows,
  seatWarnings,
  statusCounts,
} from "../../dashboard/model/day-appointments";
import type { DayAppointment } from "../../shared/client/appointment-answers";
import type { HttpAnswer } from "../../shared/client/http";
import type { OfficeState } from "../../shared/protocol/state";
import { MINUTE, MONDAY, MONDAY_10, Office } from "../engine/helpers";

/** A booking of Monday 23 November 2026 at `hhmm` (Rome, UTC+1 then). */
function booking(code: string, hhmm: string, patch: Partial<DayAppointment> = {}): DayAppointment {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  return {
    id: `apt-${code}`,
    code,
    serviceId: "edilizia",
    start: Date.UTC(2026, 10, 23, hours - 1, minutes),
    startLocal: `${MONDAY}T${hhmm}`,
    status: "booked",
    ticketCode: null,
    name: `Person ${code}`,
    contactKind: "email",
    conflict: null,
    ...patch,
  };
}

describe("Today's appointments in the live view", () => {
  it("lists them by time with code, service in the reader's language, name and status, without the cancelled ones.", () => {
    const office = new Office();
    const list = [
      booking("BBBBBB", "11:00"),
      booking("AAAAAA", "10:30", { status: "checked-in", ticketCode: "G001" }),
      booking("CCCCCC", "09:00", { status: "missed" }),
      booking("DDDDDD", "10:00", { status: "cancelled" }),
    ];
    const rows = appointmentRows(list, office.state, "en");
    expect(rows.map((r) => [r.time, r.code, r.status])).toEqual([
      ["09:00", "CCCCCC", "missed"],
      ["10:30", "AAAAAA", "checked-in"],
      ["11:00", "BBBBBB", "booked"],
    ]);
    expect(rows[1]).toMatchObject({
      serviceName: "Building permits (by appointment)",
      name: "Person AAAAAA",
      ticketCode: "G001",
    });
    expect(appointmentRows(list, office.state, "it")[0]?.serviceName).toBe(
      "Edilizia (su appuntamento)",
    );
    expect(statusCounts(list)).toEqual({ booked: 1, "checked-in": 1, missed: 1, cancelled: 1 });
  });
});

describe("The warning about the next hour's bookings", () => {
  it("warns when more people are booked at once than desks are open for the service, with the desks that could open.", () => {
    const office = new Office(); // Edilizia: Sportello 5 and 6, both in the back office
    const list = [booking("AAAAAA", "10:30"), booking("BBBBBB", "10:30")];
    expect(seatWarnings(list, office.state, office.now)).toEqual([
      {
        serviceId: "edilizia",
        at: list[0]!.start,
        time: "10:30",
        booked: 2,
        openCounters: 0,
        candidates: [
          { counterId: "sportello-5", name: "Sportello 5", mode: "back-office" },
          { counterId: "sportello-6", name: "Sportello 6", mode: "back-office" },
        ],
      },
    ]);
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    expect(seatWarnings(list, office.state, office.now)[0]).toMatchObject({
      booked: 2,
      openCounters: 1,
      candidates: [{ counterId: "sportello-6" }],
    });
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    expect(seatWarnings(list, office.state, office.now)).toEqual([]);
  });

  it("counts slots that overlap, and only bookings in the coming hour that still need a desk.", () => {
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    // 20-minute slots: 10:20 is still at a desk when 10:30 begins.
    expect(
      seatWarnings(
        [booking("AAAAAA", "10:20"), booking("BBBBBB", "10:30")],
        office.state,
        office.now,
      )[0],
    ).toMatchObject({ time: "10:30", booked: 2 });
    expect(
      seatWarnings(
        [booking("AAAAAA", "10:00"), booking("BBBBBB", "10:30")],
        office.state,
        office.now,
      ),
    ).toEqual([]);
    // Past the hour, missed, or checked in and already served: no desk needed.
    const notNeeded = [
      booking("AAAAAA", "11:30"),
      booking("BBBBBB", "11:30"),
      booking("CCCCCC", "10:40", { status: "missed" }),
      booking("DDDDDD", "10:40", { status: "checked-in", ticketCode: "G009" }),
      booking("EEEEEE", "10:40"),
    ];
    expect(seatWarnings(notNeeded, office.state, office.now)).toEqual([]);
    // Checked in and still waiting: it needs the desk too.
    const waiting = booking("DDDDDD", "10:40", { status: "checked-in" });
    office.checkIn("edilizia", waiting.id, waiting.start);
    expect(
      seatWarnings([waiting, booking("EEEEEE", "10:40")], office.state, office.now)[0],
    ).toMatchObject({ booked: 2, openCounters: 1 });
  });

  it("says nothing for a walk-in service, nor after a slot is over.", () => {
    const office = new Office();
    const list = [booking("AAAAAA", "09:30"), booking("BBBBBB", "09:30")];
    expect(seatWarnings(list, office.state, office.now)).toEqual([]);
    const walkIns = list.map((b) => ({ ...b, serviceId: "anagrafe" }));
    expect(seatWarnings(walkIns, office.state, office.now - 40 * MINUTE)).toEqual([]);
  });
});

describe("Reading the day's list", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(MONDAY_10);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp(office = new Office(), answers: HttpAnswer[] = []) {
    const paths: string[] = [];
    const calls: string[] = [];
    const state = signal<OfficeState | null>(office.state);
    const model = createAppointmentsModel({
      officeId: "scandicci",
      request: async (_method, path) => {
        paths.push(path);
        return (
          answers.shift() ?? {
            status: 200,
            body: { date: MONDAY, appointments: [booking("AAAAAA", "10:30")] },
            retryAfterSeconds: null,
          }
        );
      },
      state,
      now: signal(MONDAY_10),
      lang: signal("en"),
      onUnauthorized: () => calls.push("unauthorized"),
      onForbidden: () => calls.push("forbidden"),
    });
    return { model, paths, answers, calls, state, office };
  }

  it("reads the office's day at once, then every minute.", async () => {
    const { model, paths } = setUp();
    await vi.advanceTimersByTimeAsync(0);
    expect(paths).toEqual([`/api/offices/scandicci/appointments?date=${MONDAY}`]);
    expect(model.rows.value.map((r) => r.code)).toEqual(["AAAAAA"]);
    await vi.advanceTimersByTimeAsync(APPOINTMENTS_POLL_MS);
    expect(paths).toHaveLength(2);
    model.dispose();
  });

  it("reads again soon after the live state changes, but not once per change.", async () => {
    const { model, paths, state, office } = setUp();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) {
      office.issue("urp");
      // The live client folds events into a new state object each time.
      state.value = structuredClone(office.state);
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_GAP_MS);
    expect(paths).toHaveLength(2);
    model.dispose();
  });

  it("reads nothing for an office without appointments, and hands a 401 to the session.", async () => {
    const walkInsOnly = new Office();
    walkInsOnly.state = {
      ...walkInsOnly.state,
      config: {
        ...walkInsOnly.state.config,
        services: walkInsOnly.state.config.services.filter((s) => s.mode === "walk-in"),
      },
    };
    const quiet = setUp(walkInsOnly);
    await vi.advanceTimersByTimeAsync(APPOINTMENTS_POLL_MS * 2);
    expect(quiet.paths).toEqual([]);
    expect(quiet.model.takesAppointments.value).toBe(false);
    quiet.model.dispose();

    const { model, calls } = setUp(new Office(), [
      { status: 401, body: null, retryAfterSeconds: null },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(["unauthorized"]);
    expect(model.problem.value).toBe("not_signed_in");
    model.dispose();
  });
});
