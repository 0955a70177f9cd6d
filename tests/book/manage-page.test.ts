import { describe, expect, it } from "vitest";
import { createManagePageModel, insideCheckInWindow } from "../../book/model/manage-page-model";
import { parseManagePath } from "../../book/model/manage-path";
import { FakeAppointmentsServer, MONDAY_8, OFFICE, SERVICE } from "./fake-appointments-server";
import { changes, MINUTE, openManagePage, pageOver } from "./helpers";

const MONDAY_9 = MONDAY_8 + 60 * MINUTE;
/** Tuesday 2026-12-08 at 10:00 in Rome. */
const TUESDAY_10 = MONDAY_9 + 25 * 60 * MINUTE;

/** A booking made by someone on the public page, and its token. */
function booked(server: FakeAppointmentsServer, start: number): string {
  server.takeSeat(start, "anna@example.org");
  const booking = server.bookings.at(-1);
  if (!booking) throw new Error("no booking");
  return booking.token;
}

describe("The manage page of a booking", () => {
  it("reads the office and the token from /a/{office}/{token}, and nothing else.", () => {
    const token = "AbCdEfGhIjKlMnOpQrStUv";
    expect(parseManagePath(`/a/scandicci/${token}`)).toEqual({ officeId: "scandicci", token });
    expect(parseManagePath(`/a/scandicci/${token}/`)).toEqual({ officeId: "scandicci", token });
    expect(parseManagePath("/a/scandicci/short")).toBeNull();
    expect(parseManagePath(`/t/scandicci/${token}`)).toBeNull();
  });

  it("shows the booking and says a link that matches none is not found.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, TUESDAY_10);
    const page = await openManagePage(server, token);
    expect(page.load.value).toBe("ready");
    expect(page.appointment.value?.startLocal).toBe("2026-12-08T10:00");
    expect(page.held.value?.appointment.name).toBe("Someone else");
    expect(page.changeable.value).toBe(true);
    expect(page.movable.value).toBe(true);
    expect(page.qr.value).toContain(page.appointment.value?.code);

    const nowhere = await openManagePage(server, "ZZZZZZZZZZZZZZZZZZZZZZ");
    expect(nowhere.load.value).toBe("invalid");
    const noPath = createManagePageModel(null, pageOver(server));
    expect(noPath.load.value).toBe("invalid");
  });

  it("moves the booking to a time picked in the week, after asking.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, TUESDAY_10);
    const page = await openManagePage(server, token);
    await page.startMove();
    expect(page.task.value).toBe("move");
    page.chooseMoveDay("2026-12-09");
    const wednesday = page.picker.value!.day.value!.slots[2]!;
    expect(wednesday.startLocal).toBe("2026-12-09T09:40");
    page.chooseMoveSlot(wednesday.start);
    expect(changes(server)).toEqual([]);

    expect(await page.confirmMove()).toBe(true);
    expect(page.task.value).toBe("view");
    expect(page.moved.value).toBe(true);
    expect(page.appointment.value?.startLocal).toBe("2026-12-09T09:40");
    expect(server.bookings[0]?.start).toBe(wednesday.start);
    const [patch] = changes(server);
    expect(patch?.method).toBe("PATCH");
    expect(patch?.body).toEqual({ start: wednesday.start });
    expect(patch?.idempotencyKey).toBeTruthy();
  });

  it("keeps the booking as it was when the new time was taken meanwhile, and shows the times again.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, TUESDAY_10);
    const page = await openManagePage(server, token);
    await page.startMove();
    page.chooseMoveDay("2026-12-07");
    page.chooseMoveSlot(MONDAY_9);
    server.takeSeat(MONDAY_9);
    server.takeSeat(MONDAY_9);

    expect(await page.confirmMove()).toBe(false);
    expect(page.moveRefusal.value).toBe("slot_full");
    expect(page.moveTo.value).toBeNull();
    expect(page.task.value).toBe("move");
    expect(page.picker.value!.slotAt(MONDAY_9)?.seatsLeft).toBe(0);
    expect(server.bookings[0]?.start).toBe(TUESDAY_10);
    expect(page.appointment.value?.start).toBe(TUESDAY_10);

    page.stopMoving();
    expect(page.task.value).toBe("view");
  });

  it("cancels after a confirmation; a retry after a lost answer cancels once.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, TUESDAY_10);
    const page = await openManagePage(server, token);
    page.askToCancel();
    expect(page.task.value).toBe("cancel");
    page.keepBooking();
    expect(page.task.value).toBe("view");
    expect(changes(server)).toEqual([]);

    page.askToCancel();
    server.nextTrouble = "answer-lost";
    expect(await page.confirmCancel()).toBe(false);
    expect(page.cancelRefusal.value).toBe("network");
    expect(server.bookings[0]?.status).toBe("cancelled");

    expect(await page.confirmCancel()).toBe(true);
    const [first, again] = changes(server);
    expect(again?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(page.appointment.value?.status).toBe("cancelled");
    expect(page.changeable.value).toBe(false);
    expect(page.movable.value).toBe(false);
    expect(page.canCheckIn.value).toBe(false);
  });

  it('offers "I\'m here" only inside the check-in window, both ends included.', async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, MONDAY_9);
    const page = await openManagePage(server, token);
    // 08:00: the window opens at 08:30 (30 minutes early) and closes at 09:10 (10 late).
    expect(page.held.value?.checkIn).toEqual({
      opensAt: MONDAY_9 - 30 * MINUTE,
      closesAt: MONDAY_9 + 10 * MINUTE,
    });
    expect(page.canCheckIn.value).toBe(false);
    server.now = MONDAY_9 - 30 * MINUTE - 1;
    page.tick();
    expect(page.canCheckIn.value).toBe(false);
    server.now = MONDAY_9 - 30 * MINUTE;
    page.tick();
    expect(page.canCheckIn.value).toBe(true);
    server.now = MONDAY_9 + 10 * MINUTE;
    page.tick();
    expect(page.canCheckIn.value).toBe(true);
    server.now += 1;
    page.tick();
    expect(page.canCheckIn.value).toBe(false);
    expect(insideCheckInWindow({ opensAt: 10, closesAt: 20 }, 15)).toBe(true);
  });

  it('checks in with "I\'m here": the number, the link to follow it, and no second ticket on a retry.', async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, MONDAY_9);
    server.now = MONDAY_9 - 10 * MINUTE;
    const page = await openManagePage(server, token);
    expect(page.canCheckIn.value).toBe(true);

    server.nextTrouble = "answer-lost";
    expect(await page.checkIn()).toBe(false);
    expect(page.checkInProblem.value?.code).toBe("network");
    expect(await page.checkIn()).toBe(true);
    const [first, again] = changes(server);
    expect(again?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(again?.path).toBe(`/api/offices/${OFFICE}/appointments/${token}/check-in`);

    expect(page.checkedIn.value?.ticket.code).toBe("G001");
    expect(page.checkedIn.value?.trackingUrl).toMatch(/\/t\/scandicci\//);
    expect(page.appointment.value?.status).toBe("checked-in");
    expect(page.appointment.value?.ticketCode).toBe("G001");
    expect(page.canCheckIn.value).toBe(false);
    expect(page.changeable.value).toBe(false);
  });

  it("says from when check-in opens when the office finds it too early.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, MONDAY_9);
    const page = await openManagePage(server, token);
    expect(await page.checkIn()).toBe(false);
    expect(page.checkInProblem.value).toEqual({
      code: "check_in_too_early",
      opensAt: MONDAY_9 - 30 * MINUTE,
    });
    expect(page.appointment.value?.status).toBe("booked");
  });

  it("moves within the service's own horizon.", async () => {
    const server = new FakeAppointmentsServer();
    const token = booked(server, TUESDAY_10);
    const page = await openManagePage(server, token);
    await page.startMove();
    expect(page.picker.value?.today).toBe("2026-12-07");
    expect(page.picker.value?.lastDay).toBe("2026-12-21");
    expect(page.service.value?.id).toBe(SERVICE);
  });
});
