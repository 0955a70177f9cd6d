import { signal } from "@preact/signals";
import { describe, expect, it } from "vitest";
import { conflictRows, tellLink } from "../../dashboard/model/appointment-conflicts";
import { createConflictsModel } from "../../dashboard/model/conflicts-model";
import { appointmentRows } from "../../dashboard/model/day-appointments";
import type { ConflictingAppointment } from "../../shared/client/appointment-answers";
import type { HttpAnswer } from "../../shared/client/http";
import type { OfficeState } from "../../shared/protocol/state";
import { MONDAY, Office } from "../engine/helpers";

/** A booking of Monday 23 November 2026 at `hhmm` (Rome, UTC+1 then) hit by a change of setup. */
function conflict(
  code: string,
  hhmm: string,
  patch: Partial<ConflictingAppointment> = {},
): ConflictingAppointment {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  return {
    id: `apt_${code}${code}${code.slice(0, 4)}`,
    code,
    serviceId: "edilizia",
    start: Date.UTC(2026, 10, 23, hours - 1, minutes),
    startLocal: `${MONDAY}T${hhmm}`,
    status: "booked",
    ticketCode: null,
    conflict: "closed_date",
    conflictAt: 0,
    name: "Anna Bianchi",
    contact: { email: "anna.bianchi@example.org" },
    lang: "it",
    rebookUrl: "https://turno.example/book/?office=scandicci&service=edilizia",
    ...patch,
  };
}

const answer = (status: number, body: unknown = null): HttpAnswer => ({
  status,
  body,
  retryAfterSeconds: null,
});

describe("Bookings hit by a change of setup, in the live view", () => {
  it("lists them by time, each with its reason and a prepared e-mail in the holder's language, or the phone to call.", () => {
    const { state } = new Office();
    const rows = conflictRows(
      [
        conflict("BBBBBB", "11:00", {
          contact: { phone: "+39 055 123 4567" },
          lang: "en",
          conflict: "over_seats",
        }),
        conflict("AAAAAA", "09:30"),
        conflict("CCCCCC", "12:00", { contact: {}, name: null }),
      ],
      state,
      "en",
    );
    expect(rows.map((r) => [r.code, r.reason])).toEqual([
      ["AAAAAA", "closed_date"],
      ["BBBBBB", "over_seats"],
      ["CCCCCC", "closed_date"],
    ]);
    expect(rows[0]!.when).toBe("Mon, Nov 23, 09:30");
    expect(rows[0]!.serviceName).toBe("Building permits (by appointment)");
    const mail = rows[0]!.tell!;
    expect(mail.kind).toBe("email");
    expect(mail.href.startsWith("mailto:anna.bianchi@example.org?subject=")).toBe(true);
    const url = new URL(mail.href);
    const subject = url.searchParams.get("subject")!;
    const body = url.searchParams.get("body")!;
    // The holder booked in Italian: the message is in Italian, whatever the reader's language.
    expect(subject).toContain("è annullato");
    expect(body).toContain("Buongiorno Anna Bianchi");
    expect(body).toContain("AAAAAA");
    expect(body).toContain("L'ufficio è chiuso quel giorno.");
    expect(body).toContain("https://turno.example/book/?office=scandicci&service=edilizia");
    expect(rows[1]!.tell).toEqual({
      kind: "phone",
      contact: "+39 055 123 4567",
      href: "tel:+390551234567",
    });
    expect(rows[2]!.tell).toBeNull();
  });

  it("writes in the office's first language when the holder's is unknown.", () => {
    const { state } = new Office();
    const link = tellLink(conflict("AAAAAA", "09:30", { lang: null }), state)!;
    const first = state.config.languages[0];
    const subject = new URL(link.href).searchParams.get("subject")!;
    expect(subject).toContain(first === "it" ? "annullato" : "cancelled");
  });

  it("marks a booking in conflict in the day's list, and not once it is no longer booked.", () => {
    const { state } = new Office();
    const day = [
      { ...conflict("AAAAAA", "09:30"), contactKind: "email" as const },
      {
        ...conflict("BBBBBB", "10:00"),
        contactKind: "phone" as const,
        status: "cancelled" as const,
      },
    ];
    const rows = appointmentRows(day, state, "en");
    expect(rows.map((r) => r.conflict)).toEqual(["closed_date"]);
  });
});

describe("Keeping or cancelling a booking in conflict", () => {
  function model(answers: HttpAnswer[]) {
    const office = new Office();
    const state = signal<OfficeState | null>(office.state);
    const calls: { method: string; path: string }[] = [];
    const conflicts = createConflictsModel({
      officeId: "scandicci",
      request: (method, path) => {
        calls.push({ method, path });
        return Promise.resolve(answers.shift() ?? answer(0));
      },
      state,
      lang: signal("en"),
      onUnauthorized: () => {},
      onForbidden: () => {},
    });
    return { conflicts, calls };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("reads the list, keeps one (it leaves the list), cancels one and keeps its contact on screen to tell the person.", async () => {
    const a = conflict("AAAAAA", "09:30");
    const b = conflict("BBBBBB", "10:00", { contact: { phone: "055 1234567" } });
    const { conflicts, calls } = model([
      answer(200, { conflicts: [a, b] }),
      answer(200, { appointment: { ...a } }),
      answer(200, { conflicts: [b] }),
      answer(200, { appointment: { ...b, status: "cancelled" } }),
      answer(200, { conflicts: [] }),
    ]);
    await settle();
    expect(conflicts.rows.value.map((r) => r.code)).toEqual(["AAAAAA", "BBBBBB"]);
    expect(await conflicts.keep(a.id)).toBe(true);
    expect(calls[1]).toEqual({
      method: "POST",
      path: `/api/offices/scandicci/appointment-conflicts/${a.id}/keep`,
    });
    expect(conflicts.note.value).toEqual({ kind: "kept", code: "AAAAAA" });
    await settle();
    expect(conflicts.rows.value.map((r) => r.code)).toEqual(["BBBBBB"]);
    expect(await conflicts.cancel(b.id)).toBe(true);
    expect(calls[3]?.path).toBe(`/api/offices/scandicci/appointment-conflicts/${b.id}/cancel`);
    await settle();
    expect(conflicts.rows.value).toEqual([]);
    expect(conflicts.note.value).toMatchObject({
      kind: "cancelled",
      code: "BBBBBB",
      tell: { kind: "phone", href: "tel:0551234567" },
    });
    conflicts.dispose();
  });

  it("says why a keep or cancel was refused and reads the list again.", async () => {
    const a = conflict("AAAAAA", "09:30");
    const { conflicts, calls } = model([
      answer(200, { conflicts: [a] }),
      answer(409, { error: { code: "no_conflict", message: "not in conflict" } }),
      answer(200, { conflicts: [] }),
    ]);
    await settle();
    expect(await conflicts.cancel(a.id)).toBe(false);
    expect(conflicts.note.value).toEqual({ kind: "failed", code: "AAAAAA", reason: "no_conflict" });
    await settle();
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
    expect(conflicts.rows.value).toEqual([]);
    conflicts.dispose();
  });
});
