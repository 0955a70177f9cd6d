import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type Limit, MemoryLimits } from "../../worker/office/rate-limits";
import { RemoteTicketLimits } from "../../worker/office/store/remote-ticket-limits";
import { from, newAddress } from "./auth-helpers";
import {
  api,
  createOffice,
  expectError,
  getOffice,
  officeStub,
  pairedDevice,
  testOfficeConfig,
} from "./helpers";

/**
 * Where each issuing limit lives (issue 13, point 5): minute windows in the
 * office's memory, bounded and O(1); the remote hour per address in its
 * storage, so an eviction does not reset it; anonymous requests counted only
 * where the office takes remote tickets.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const remote = (officeId: string, address: string, body: object = { serviceId: "general" }) =>
  api("POST", `/offices/${officeId}/tickets`, { as: "anonymous", headers: from(address), body });

describe("Remote tickets", () => {
  it("The hour's six remote tickets per address hold across an eviction of the office.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { allowRemoteTickets: true } }));
    const phone = newAddress();
    for (let ticket = 1; ticket <= 6; ticket++)
      expect((await remote(officeId, phone)).status).toBe(201);
    await evictDurableObject(officeStub(officeId));
    expectError(await remote(officeId, phone), 429, "too_many_tickets");
    expect((await getOffice(officeId)).queue).toHaveLength(6);
  });

  it("Where remote tickets are off, anonymous requests are not counted: once the office allows them, the same address gets its six.", async () => {
    const config = testOfficeConfig();
    const officeId = await createOffice(config);
    const phone = newAddress();
    for (let attempt = 0; attempt < 10; attempt++)
      expectError(await remote(officeId, phone), 403, "remote_tickets_disabled");
    const rows = await runInDurableObject(officeStub(officeId), (_o, state) =>
      state.storage.sql.exec(`SELECT COUNT(*) AS n FROM remote_ticket_limits`).one(),
    );
    expect(rows.n).toBe(0);
    const put = await api("PUT", `/offices/${officeId}`, {
      body: { ...config, allowRemoteTickets: true },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    for (let ticket = 1; ticket <= 6; ticket++)
      expect((await remote(officeId, phone)).status).toBe(201);
    expectError(await remote(officeId, phone), 429, "too_many_tickets");
  });

  it("A remote ticket cannot ask for priority (403 priority_not_allowed); a kiosk's can.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { allowRemoteTickets: true } }));
    expectError(
      await remote(officeId, newAddress(), { serviceId: "general", priority: true }),
      403,
      "priority_not_allowed",
    );
    expect((await getOffice(officeId)).queue).toHaveLength(0);
    const kiosk = await pairedDevice(officeId, "kiosk");
    const issued = await api<{ ticket: { priority: boolean; channel: string } }>(
      "POST",
      `/offices/${officeId}/tickets`,
      { as: kiosk.as, body: { serviceId: "general", priority: true } },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatchObject({ priority: true, channel: "kiosk" });
  });
});

describe("The counters themselves", () => {
  const minute = (key: string, max = 2): Limit => ({ key, max, windowMs: MINUTE, kept: "memory" });

  it("Memory keeps at most its bound of keys, dropping expired windows first, then the oldest.", () => {
    const limits = new MemoryLimits(100);
    for (let i = 0; i < 1000; i++) limits.take(minute(`addr:${i}`), 0);
    expect(limits.size).toBe(100);
    // The newest are the ones kept: the last key is still counted.
    limits.take(minute("addr:999"), 1);
    expect(limits.wait(minute("addr:999"), 2)).toBe(MINUTE - 2);
    // A minute later every window has ended: a new key replaces them, one at a time.
    limits.take(minute("fresh"), MINUTE + 1);
    expect(limits.size).toBeLessThanOrEqual(100);
    expect(limits.wait(minute("addr:999"), MINUTE + 1)).toBeNull();
  });

  it("Memory refuses the request past the limit, and has room again when the window ends.", () => {
    const limits = new MemoryLimits();
    const limit = minute("dev:k", 2);
    limits.take(limit, 0);
    expect(limits.wait(limit, 10)).toBeNull();
    limits.take(limit, 10);
    expect(limits.wait(limit, 20)).toBe(MINUTE - 20);
    expect(limits.wait(limit, MINUTE)).toBeNull();
  });

  it("Storage keeps about an hour's addresses: expired rows go a few at a time, and past its bound a new address waits.", async () => {
    const officeId = await createOffice();
    await runInDurableObject(officeStub(officeId), (_o, state) => {
      const sql = state.storage.sql;
      const count = () =>
        sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM remote_ticket_limits`).one().n;
      const limits = new RemoteTicketLimits(sql, 5);
      const hour = (key: string): Limit => ({ key, max: 6, windowMs: HOUR, kept: "storage" });
      for (let i = 0; i < 5; i++) {
        expect(limits.wait(hour(`remote:${i}`), i)).toBeNull();
        limits.take(hour(`remote:${i}`), i);
      }
      expect(count()).toBe(5);
      // Full of live windows: a new address waits until the oldest ends.
      expect(limits.wait(hour("remote:new"), 10)).toBe(HOUR - 10);
      // An address already counted is not kept out.
      expect(limits.wait(hour("remote:1"), 10)).toBeNull();
      // An hour later the expired rows make room as new addresses come.
      expect(limits.wait(hour("remote:new"), HOUR + 10)).toBeNull();
      limits.take(hour("remote:new"), HOUR + 10);
      expect(count()).toBeLessThanOrEqual(5);
      expect(
        sql.exec(`SELECT 1 FROM remote_ticket_limits WHERE key = 'remote:new'`).toArray(),
      ).toHaveLength(1);
    });
  });
});
