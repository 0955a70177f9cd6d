import { describe, expect, it } from "vitest";
import { execute } from "../../shared/engine";
import { OfficeConfig } from "../../shared/protocol";
import { demoConfig, id, MINUTE, MONDAY, MONDAY_10, Office } from "./helpers";

/** The demo config without one service (also removed from the counters that served it). */
function withoutService(serviceId: string): OfficeConfig {
  const config = demoConfig();
  return {
    ...config,
    services: config.services.filter((s) => s.id !== serviceId),
    counters: config.counters.map((c) => ({
      ...c,
      serviceIds: c.serviceIds.filter((s) => s !== serviceId),
    })),
  };
}

function withoutCounter(counterId: string): OfficeConfig {
  const config = demoConfig();
  return { ...config, counters: config.counters.filter((c) => c.id !== counterId) };
}

describe("Configuring an office", () => {
  it("A new office starts on the local day of its configuration, empty, with every counter in its default mode.", () => {
    const config = demoConfig();
    const result = execute(null, { type: "configure", config }, MONDAY_10);
    expect(result.error).toBeNull();
    expect(result.events).toEqual([{ type: "officeConfigured", at: MONDAY_10, config }]);
    expect(result.state).toEqual({
      config,
      day: MONDAY,
      lastNumbers: {},
      tickets: {},
      counters: Object.fromEntries(
        config.counters.map((c) => [c.id, { mode: c.defaultMode, ticketId: null }]),
      ),
      timings: {},
      recentCalls: [],
      closedForToday: [],
      notice: null,
    });
  });

  it("Configuring just before local midnight starts on that local day, not on the UTC day.", () => {
    const lateSunday = Date.parse("2026-11-22T23:30:00Z"); // Monday 00:30 in Rome
    const result = execute(null, { type: "configure", config: demoConfig() }, lateSunday);
    expect(result.state?.day).toBe(MONDAY);
  });

  it("Reconfiguring keeps the queue, the day's numbering, the timings and every counter's current mode and ticket.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.advance(MINUTE);
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    office.ok({ type: "setCounterMode", counterId: "sportello-2", mode: "paused" });
    const before = structuredClone(office.state);

    const config = demoConfig({ name: "Punto Comune (nuovo)", targetWaitMinutes: 30 });
    const events = office.ok({ type: "configure", config });
    expect(events).toEqual([{ type: "officeConfigured", at: office.now, config }]);
    expect(office.state).toEqual({ ...before, config });
    expect(office.issue("urp").code).toBe("A003");
  });

  it("A counter keeps its current mode even when the new configuration changes its default mode.", () => {
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-1", mode: "closed" });
    const config = demoConfig();
    config.counters = config.counters.map((c) =>
      c.id === "sportello-1" || c.id === "sportello-5"
        ? { ...c, defaultMode: "paused" as const }
        : c,
    );
    office.ok({ type: "configure", config });
    expect(office.counter("sportello-1").mode).toBe("closed");
    expect(office.counter("sportello-5").mode).toBe("back-office");
  });

  it("A counter added by a new configuration starts in its default mode and can call at once.", () => {
    const office = new Office();
    office.issue("urp");
    const config = demoConfig();
    config.counters = [
      ...config.counters,
      { id: "sportello-8", name: "Sportello 8", serviceIds: ["urp"], defaultMode: "front" },
    ];
    office.ok({ type: "configure", config });
    expect(office.counter("sportello-8")).toEqual({ mode: "front", ticketId: null });
    expect(office.callNext("sportello-8")).toBe(id("A001"));
  });

  it("A new service can be added during the day and issues tickets with its own prefix.", () => {
    const office = new Office();
    const config = demoConfig();
    config.services = [
      ...config.services,
      {
        id: "tributi",
        prefix: "H",
        names: { it: "Tributi", en: "Local taxes" },
        mode: "walk-in",
        defaultServiceMinutes: 10,
        open: true,
      },
    ];
    config.counters = config.counters.map((c) =>
      c.id === "sportello-4" ? { ...c, serviceIds: [...c.serviceIds, "tributi"] } : c,
    );
    office.ok({ type: "configure", config });
    expect(office.issue("tributi").code).toBe("H001");
    expect(office.callNext("sportello-4")).toBe(id("H001"));
  });

  it("Removing a service that still has a waiting ticket is refused with config_conflict.", () => {
    const office = new Office();
    office.issue("elettorale");
    office.refuse({ type: "configure", config: withoutService("elettorale") }, "config_conflict");
  });

  it("Removing a service whose ticket is being served is refused with config_conflict.", () => {
    const office = new Office();
    office.issue("elettorale");
    office.callNext("sportello-3");
    office.ok({ type: "startService", counterId: "sportello-3" });
    office.refuse({ type: "configure", config: withoutService("elettorale") }, "config_conflict");
  });

  it("Once a service's tickets are finished it can be removed, and its timing history is dropped.", () => {
    const office = new Office();
    office.issue("elettorale");
    office.callNext("sportello-3");
    office.advance(5 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-3" });
    expect(office.state.timings.elettorale?.samples).toBe(1);
    office.ok({ type: "configure", config: withoutService("elettorale") });
    expect(office.state.timings.elettorale).toBeUndefined();
    office.refuse({ type: "issueTicket", serviceId: "elettorale" }, "unknown_service");
  });

  it("Removing a counter that holds a ticket is refused with config_conflict.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-4");
    office.refuse({ type: "configure", config: withoutCounter("sportello-4") }, "config_conflict");
  });

  it("Removing a counter that a ticket was transferred to is refused with config_conflict.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-7" });
    office.refuse({ type: "configure", config: withoutCounter("sportello-7") }, "config_conflict");
  });

  it("An idle counter can be removed: it disappears from the state and is then unknown.", () => {
    const office = new Office();
    office.issue("urp");
    office.ok({ type: "configure", config: withoutCounter("sportello-7") });
    expect(Object.keys(office.state.counters)).not.toContain("sportello-7");
    office.refuse(
      { type: "setCounterMode", counterId: "sportello-7", mode: "front" },
      "unknown_counter",
    );
    expect(office.ticket(id("A001"))?.status).toBe("waiting");
  });

  it("Closing a service by configuration stops new tickets but its queue can still be called.", () => {
    const office = new Office();
    office.issue("urp");
    const config = demoConfig();
    config.services = config.services.map((s) => (s.id === "urp" ? { ...s, open: false } : s));
    office.ok({ type: "configure", config });
    office.refuse({ type: "issueTicket", serviceId: "urp" }, "service_closed");
    expect(office.callNext("sportello-1")).toBe(id("A001"));
  });

  it("Changing a service's prefix during the day starts the new prefix at 001 and never reuses a code.", () => {
    const office = new Office();
    office.issue("urp"); // A001
    const config = demoConfig();
    config.services = config.services.map((s) =>
      s.id === "urp" ? { ...s, prefix: "U" } : s.id === "anagrafe" ? { ...s, prefix: "A" } : s,
    );
    office.ok({ type: "configure", config });
    expect(office.issue("urp").code).toBe("U001");
    expect(office.issue("anagrafe").code).toBe("A002");
  });
});

describe("The displays' voice settings in the configuration", () => {
  it("The share to call within the target wait is 80% unless set, and stays between 50% and 99%.", () => {
    const { targetSharePercent: _none, ...withoutShare } = demoConfig();
    expect(OfficeConfig.parse(withoutShare).targetSharePercent).toBe(80);
    expect(OfficeConfig.parse({ ...withoutShare, targetSharePercent: 90 }).targetSharePercent).toBe(
      90,
    );
    for (const share of [49, 100, 85.5]) {
      expect(OfficeConfig.safeParse({ ...withoutShare, targetSharePercent: share }).success).toBe(
        false,
      );
    }
  });

  it("A configuration without `voice` parses with the defaults; one with it keeps its values and is checked.", () => {
    const { voice: _none, ...withoutVoice } = demoConfig();
    expect(OfficeConfig.parse(withoutVoice).voice).toEqual({
      volume: 1,
      rate: 0.9,
      pitch: 1,
      chime: true,
    });
    const quiet = OfficeConfig.parse({ ...withoutVoice, voice: { volume: 0.4, chime: false } });
    expect(quiet.voice).toEqual({ volume: 0.4, rate: 0.9, pitch: 1, chime: false });
    expect(OfficeConfig.safeParse({ ...withoutVoice, voice: { rate: 2 } }).success).toBe(false);
    expect(OfficeConfig.safeParse({ ...withoutVoice, voice: { volume: -0.1 } }).success).toBe(
      false,
    );
  });
});
