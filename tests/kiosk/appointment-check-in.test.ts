import { describe, expect, it } from "vitest";
import {
  CHECK_IN_REFUSAL_MS,
  createAppointmentCheckIn,
  refusalEndsCheckIn,
} from "../../kiosk/model/appointment-check-in";
import { TapGuard } from "../../kiosk/model/tap-guard";
import {
  appointmentTimeText,
  checkInRefusalText,
  lateArrivalText,
} from "../../kiosk/ui/check-in-words";
import { readCheckInAnswer } from "../../shared/client/appointment-answers";
import {
  BOOKING_CODE_ALPHABET,
  bookingCodeProblem,
  normaliseBookingCode,
} from "../../shared/client/booking-code";
import { kioskMessages } from "../../shared/i18n/kiosk";
import type { IssuedTicket } from "../../shared/protocol/responses";
import { MINUTE, MONDAY_10 } from "../engine/helpers";

const ROME = "Europe/Rome";
const SLOT = MONDAY_10 + 30 * MINUTE; // 10:30 in Rome

function issued(appointment: { id: string; slotStart: number } | null): IssuedTicket {
  return {
    ticket: {
      id: "2026-11-23-G001",
      code: "G001",
      serviceId: "edilizia",
      priority: false,
      status: "waiting",
      lang: "it",
      channel: "kiosk",
      issuedAt: MONDAY_10,
      queuedAt: MONDAY_10,
      targetCounterId: null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: 0,
      appointment,
    },
    token: "tok",
    trackingUrl: "http://turno.test/t/scandicci/tok",
    peopleAhead: 0,
    estimatedWaitSeconds: null,
  };
}

const view = {
  id: "apt-1",
  code: "K7P2QX",
  serviceId: "edilizia",
  start: SLOT,
  startLocal: "2026-11-23T10:30",
  status: "checked-in",
  ticketCode: "G001",
};

const refusal = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message: "English." }, ...extra },
});

describe("A booking code as people type it", () => {
  it("takes lower case, spaces and dashes of any kind, and keeps the code's own characters.", () => {
    expect(normaliseBookingCode("k7p-2qx")).toBe("K7P2QX");
    expect(normaliseBookingCode(" k7p 2qx ")).toBe("K7P2QX");
    expect(normaliseBookingCode("K7P–2QX")).toBe("K7P2QX");
    expect(normaliseBookingCode("K7P—2Q_X")).toBe("K7P2QX");
    expect(bookingCodeProblem("K7P2QX")).toBeNull();
  });

  it("tells a code of the wrong length from one with a character no code has (0, O, 1, I).", () => {
    expect(bookingCodeProblem("K7P2Q")).toBe("length");
    expect(bookingCodeProblem("K7P2QXY")).toBe("length");
    expect(bookingCodeProblem("")).toBe("length");
    for (const wrong of ["K7P2Q0", "K7P2QO", "K7P2Q1", "K7P2QI", "K7P2Q?"])
      expect(bookingCodeProblem(normaliseBookingCode(wrong)), wrong).toBe("character");
    expect(BOOKING_CODE_ALPHABET).toHaveLength(32);
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[01OI]/);
  });
});

describe("What a check-in's answer means", () => {
  it("gives the appointment's ticket and its slot time on 201.", () => {
    const outcome = readCheckInAnswer({
      status: 201,
      body: { ...issued({ id: "apt-1", slotStart: SLOT }), appointment: view, lateArrival: false },
    });
    expect(outcome).toMatchObject({ kind: "checked-in", slotStart: SLOT, late: false });
  });

  it("flags a late arrival the clerk decides on, and a walk-in ticket given instead.", () => {
    expect(
      readCheckInAnswer({
        status: 201,
        body: { ...issued({ id: "apt-1", slotStart: SLOT }), appointment: view, lateArrival: true },
      }),
    ).toMatchObject({ kind: "checked-in", late: true });
    expect(
      readCheckInAnswer({
        status: 201,
        body: { ...issued(null), appointment: { ...view, status: "missed" }, lateArrival: true },
      }),
    ).toMatchObject({ kind: "walk-in-instead", slotStart: SLOT });
  });

  it("reads when a check-in opens and where to rebook, beside the error or inside it.", () => {
    const opensAt = SLOT - 30 * MINUTE;
    expect(readCheckInAnswer(refusal(409, "check_in_too_early", { opensAt }))).toEqual({
      kind: "refused",
      refusal: { code: "check_in_too_early", opensAt, rebookUrl: null },
    });
    expect(
      readCheckInAnswer({
        status: 409,
        body: { error: { code: "check_in_too_late", message: "", rebookUrl: "/book/?office=x" } },
      }),
    ).toEqual({
      kind: "refused",
      refusal: { code: "check_in_too_late", opensAt: null, rebookUrl: "/book/?office=x" },
    });
  });

  it("keeps no answer, a device turned away and a body it cannot read apart.", () => {
    expect(readCheckInAnswer({ status: 0, body: null })).toEqual({ kind: "unreachable" });
    expect(readCheckInAnswer(refusal(401, "not_paired"))).toEqual({
      kind: "denied",
      status: 401,
      code: "not_paired",
    });
    expect(readCheckInAnswer(refusal(429, "too_many_requests"))).toMatchObject({
      refusal: { code: "too_many_requests" },
    });
    expect(readCheckInAnswer({ status: 201, body: { nonsense: true } })).toMatchObject({
      refusal: { code: "generic" },
    });
  });
});

/** A kiosk's check-in against a fake office that answers with `answers`, in order. */
function kioskCheckIn(answers: { status: number; body: unknown }[]) {
  let clock = MONDAY_10;
  const sent: { path: string; body: unknown; key: string | undefined }[] = [];
  let keys = 0;
  const guard = new TapGuard({ now: () => clock, newKey: () => `key-${++keys}` });
  const checkIn = createAppointmentCheckIn({
    officeId: "scandicci",
    post: async (path, body, headers) => {
      sent.push({ path, body, key: headers["idempotency-key"] });
      return answers.shift() ?? { status: 0, body: null };
    },
    guard,
    now: () => clock,
    drawQr: async (url) => `<svg data-url="${url}"/>`,
  });
  return {
    checkIn,
    sent,
    advance(ms: number) {
      clock += ms;
    },
  };
}

describe("The kiosk's check-in", () => {
  it("takes six characters on its keys and no more, and one less with the erase key.", () => {
    const { checkIn } = kioskCheckIn([]);
    checkIn.open();
    for (const key of "K7P2QXYZ") checkIn.press(key);
    expect(checkIn.code.value).toBe("K7P2QX");
    checkIn.erase();
    expect(checkIn.code.value).toBe("K7P2Q");
    checkIn.input("k7p-2qx");
    expect(checkIn.code.value).toBe("K7P2QX");
  });

  it("sends nothing for a half-typed code or a 0 for an O, and says why.", async () => {
    const { checkIn, sent } = kioskCheckIn([]);
    checkIn.open();
    checkIn.input("K7P2");
    expect(await checkIn.submit()).toBeNull();
    expect(checkIn.refusal.value?.code).toBe("code_length");
    checkIn.input("K7P20X");
    await checkIn.submit();
    expect(checkIn.refusal.value?.code).toBe("code_character");
    expect(sent).toEqual([]);
  });

  it("posts the code to the office's check-in route with an idempotency key, reused only to retry an unanswered one.", async () => {
    const { checkIn, sent, advance } = kioskCheckIn([
      { status: 0, body: null },
      {
        status: 201,
        body: {
          ...issued({ id: "apt-1", slotStart: SLOT }),
          appointment: view,
          lateArrival: false,
        },
      },
      refusal(404, "unknown_appointment"),
    ]);
    checkIn.open();
    checkIn.input("K7P2QX");
    expect(await checkIn.submit()).toEqual({ kind: "unreachable" });
    advance(2000);
    expect((await checkIn.submit())?.kind).toBe("checked-in");
    advance(2000);
    await checkIn.submit();
    expect(sent.map((s) => s.path)).toEqual([
      "/api/offices/scandicci/appointments/check-in",
      "/api/offices/scandicci/appointments/check-in",
      "/api/offices/scandicci/appointments/check-in",
    ]);
    expect(sent[0]?.body).toEqual({ code: "K7P2QX" });
    expect(sent.map((s) => s.key)).toEqual(["key-1", "key-1", "key-2"]);
    expect(checkIn.refusal.value?.code).toBe("unknown_appointment");
  });

  it("ignores a second tap of Check in while the first is on its way.", async () => {
    const { checkIn, sent } = kioskCheckIn([refusal(404, "unknown_appointment")]);
    checkIn.open();
    checkIn.input("K7P2QX");
    const first = checkIn.submit();
    expect(await checkIn.submit()).toBeNull();
    await first;
    expect(sent).toHaveLength(1);
  });

  it("shows a QR code to book again when the office refuses a late arrival with a link.", async () => {
    const { checkIn } = kioskCheckIn([
      refusal(409, "check_in_too_late", { rebookUrl: "http://turno.test/book/?office=scandicci" }),
    ]);
    checkIn.open();
    checkIn.input("K7P2QX");
    await checkIn.submit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(checkIn.refusal.value?.rebookQrSvg).toContain("book/?office=scandicci");
  });

  it("goes back to the start after a refusal that typing again cannot mend, not after a wrong code.", () => {
    for (const code of [
      "check_in_too_early",
      "check_in_too_late",
      "appointment_missed",
      "appointment_cancelled",
      "appointment_checked_in",
    ])
      expect(refusalEndsCheckIn(code), code).toBe(true);
    for (const code of ["unknown_appointment", "code_length", "code_character", "generic"])
      expect(refusalEndsCheckIn(code), code).toBe(false);
    expect(CHECK_IN_REFUSAL_MS).toBeGreaterThanOrEqual(10_000);
  });
});

describe("The kiosk's words for a check-in", () => {
  const OFFICE_CODES = [
    "unknown_appointment",
    "check_in_too_late",
    "appointment_missed",
    "appointment_cancelled",
    "appointment_checked_in",
    "invalid_request",
    "too_many_requests",
    "code_length",
    "code_character",
  ];

  it("has its own sentence for every refusal, in Italian and English, never the server's English.", () => {
    for (const code of OFFICE_CODES) {
      const it_ = checkInRefusalText({ code, opensAt: null }, kioskMessages("it"), ROME, "it");
      const en = checkInRefusalText({ code, opensAt: null }, kioskMessages("en"), ROME, "en");
      expect(it_, code).not.toBe(kioskMessages("it").kiosk.checkIn.errors.generic);
      expect(en, code).not.toBe(kioskMessages("en").kiosk.checkIn.errors.generic);
      expect(it_, code).not.toBe(en);
      expect(en).not.toContain("English.");
    }
    expect(
      checkInRefusalText({ code: "brand_new", opensAt: null }, kioskMessages("it"), ROME, "it"),
    ).toBe(kioskMessages("it").kiosk.checkIn.errors.generic);
  });

  it("says from when a person who came too early may check in, on the office's clock.", () => {
    const opensAt = SLOT - 10 * MINUTE;
    expect(
      checkInRefusalText({ code: "check_in_too_early", opensAt }, kioskMessages("it"), ROME, "it"),
    ).toBe("È presto per registrarti all'appuntamento: torna dalle 10:20.");
    expect(
      checkInRefusalText({ code: "check_in_too_early", opensAt }, kioskMessages("en"), ROME, "en"),
    ).toContain("from 10:20");
    expect(
      checkInRefusalText(
        { code: "check_in_too_early", opensAt: null },
        kioskMessages("en"),
        ROME,
        "en",
      ),
    ).not.toContain("{time}");
  });

  it("shows the appointment's time on its ticket, and tells a late arrival what happens instead.", () => {
    const it_ = kioskMessages("it");
    const onTime = { slotStart: SLOT, arrival: "on-time" } as const;
    expect(appointmentTimeText(onTime, it_, ROME, "it")).toBe("Appuntamento 10:30");
    expect(lateArrivalText(onTime, it_, ROME, "it")).toBeNull();
    expect(appointmentTimeText(null, it_, ROME, "it")).toBeNull();
    const walkIn = { slotStart: SLOT, arrival: "late-walk-in" } as const;
    expect(appointmentTimeText(walkIn, it_, ROME, "it")).toBeNull();
    expect(lateArrivalText(walkIn, it_, ROME, "it")).toContain("10:30");
    const clerk = { slotStart: SLOT, arrival: "late-clerk-decides" } as const;
    expect(appointmentTimeText(clerk, kioskMessages("en"), ROME, "en")).toBe("Appointment 10:30");
    expect(lateArrivalText(clerk, kioskMessages("en"), ROME, "en")).toBe(
      kioskMessages("en").kiosk.checkIn.lateClerk,
    );
  });
});
