import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { localDay, startOfNextDay } from "../../shared/engine";
import {
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  getOffice,
  getTicket,
  issueTicket,
  LiveSocket,
  officeStub,
} from "./helpers";

afterEach(closeAllSockets);

const MINUTE = 60_000;

/**
 * An office with a ticket in each active state, and its clock moved to 00:30
 * of its next local day. The clock override lives on the object's instance:
 * eviction would drop it.
 */
async function officeAfterMidnight() {
  const officeId = await createOffice();
  const serving = await issueTicket(officeId);
  const called = await issueTicket(officeId);
  const waiting = await issueTicket(officeId, "registry");
  expect((await callNext(officeId, "desk-1")).id).toBe(serving.ticket.id);
  await counterAction(officeId, "desk-1", "start");
  expect((await callNext(officeId, "desk-2")).id).toBe(called.ticket.id);
  const before = await getOffice(officeId);
  const fakeNow = startOfNextDay(before.day, before.timeZone) + 30 * MINUTE;
  const nextDay = localDay(fakeNow, before.timeZone);
  expect(nextDay > before.day).toBe(true);
  const stub = officeStub(officeId);
  await runInDurableObject(stub, (office) => {
    office.clock = () => fakeNow;
  });
  return { officeId, stub, before, nextDay, timeZone: before.timeZone, serving, called, waiting };
}

const alarmOf = (stub: ReturnType<typeof officeStub>) =>
  runInDurableObject(stub, (_office, state) => state.storage.getAlarm());

describe("The midnight rollover", () => {
  it("The office's alarm is set for its next local midnight as soon as it is created.", async () => {
    const officeId = await createOffice();
    const view = await getOffice(officeId);
    expect(await alarmOf(officeStub(officeId))).toBe(startOfNextDay(view.day, view.timeZone));
  });

  it("The rollover expires every ticket still open (waiting, called, serving) and frees the counters.", async () => {
    const { officeId, stub, nextDay, serving, called, waiting } = await officeAfterMidnight();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    for (const { token } of [serving, called, waiting]) {
      expect((await getTicket(officeId, token)).status).toBe("expired");
    }
    const view = await getOffice(officeId);
    expect(view.day).toBe(nextDay);
    expect(view.queue).toEqual([]);
    expect(view.recentCalls).toEqual([]);
    expect(view.counters.map((c) => c.ticket)).toEqual([null, null, null]);
    expect(view.services.map((s) => s.waiting)).toEqual([0, 0, 0]);
  });

  it("After the rollover, numbering restarts at 001, with ticket ids of the new day.", async () => {
    const { officeId, stub, nextDay } = await officeAfterMidnight();
    await runDurableObjectAlarm(stub);
    const first = await issueTicket(officeId);
    expect(first.ticket.code).toBe("A001");
    expect(first.ticket.id).toBe(`${nextDay}-A001`);
    expect((await issueTicket(officeId, "registry")).ticket.code).toBe("B001");
  });

  it("The rollover sets the alarm again for the following midnight.", async () => {
    const { stub, nextDay, timeZone } = await officeAfterMidnight();
    await runDurableObjectAlarm(stub);
    expect(await alarmOf(stub)).toBe(startOfNextDay(nextDay, timeZone));
  });

  it("Running the midnight alarm twice is safe: the second run changes nothing.", async () => {
    const { officeId, stub, nextDay, timeZone } = await officeAfterMidnight();
    await runDurableObjectAlarm(stub);
    const fresh = await issueTicket(officeId);
    const seq = (await getOffice(officeId)).seq;
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await getTicket(officeId, fresh.token)).status).toBe("waiting");
    const view = await getOffice(officeId);
    expect(view.seq).toBe(seq);
    expect(view.day).toBe(nextDay);
    expect((await issueTicket(officeId)).ticket.code).toBe("A002");
    expect(await alarmOf(stub)).toBe(startOfNextDay(nextDay, timeZone));
  });

  it("The rollover happens before the first command of the new day even if the alarm has not run yet.", async () => {
    const { officeId, nextDay, waiting } = await officeAfterMidnight();
    const first = await issueTicket(officeId);
    expect(first.ticket.id).toBe(`${nextDay}-A001`);
    expect(first.peopleAhead).toBe(0);
    expect((await getTicket(officeId, waiting.token)).status).toBe("expired");
  });

  it("The rollover is announced to screens as a dayRolledOver event, and to each phone as its ticket's last frame.", async () => {
    const { officeId, stub, before, nextDay, serving, called, waiting } =
      await officeAfterMidnight();
    const screen = await LiveSocket.open(officeId, "v=1&role=display");
    const snapshot = await screen.next("snapshot");
    const phone = await LiveSocket.open(officeId, `v=1&role=ticket&token=${waiting.token}`);
    expect((await phone.next("ticket")).ticket.status).toBe("waiting");
    await runDurableObjectAlarm(stub);
    const frame = await screen.next("events");
    expect(frame.seq).toBe(snapshot.seq + 1);
    const [event] = frame.events;
    expect(frame.events).toHaveLength(1);
    expect(event).toMatchObject({ type: "dayRolledOver", fromDay: before.day, toDay: nextDay });
    const expired = event?.type === "dayRolledOver" ? [...event.expiredTicketIds].sort() : [];
    expect(expired).toEqual([serving, called, waiting].map((t) => t.ticket.id).sort());
    expect((await phone.next("ticket")).ticket).toMatchObject({
      id: waiting.ticket.id,
      status: "expired",
    });
  });
});
