import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  LINK_CHECK_EVERY_MS,
  LINK_DEAD_MS,
  LINK_IDLE_MS,
  watchLink,
} from "../../shared/client/link-watchdog";

function watched() {
  const sent: string[] = [];
  let deaths = 0;
  const watchdog = watchLink({
    send: (text) => sent.push(text),
    dead: () => deaths++,
  });
  return { watchdog, sent, deaths: () => deaths };
}

describe("The link watchdog every live socket shares (issue 9)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("notices a dead link within 30 seconds of the last frame, even in the worst phase of its checks.", () => {
    expect(LINK_IDLE_MS + LINK_DEAD_MS + 2 * LINK_CHECK_EVERY_MS).toBeLessThanOrEqual(30_000);
    for (let phase = 0; phase < LINK_CHECK_EVERY_MS; phase += 250) {
      const { watchdog, sent, deaths } = watched();
      watchdog.opened();
      vi.advanceTimersByTime(phase);
      watchdog.heard("{}");
      let waited = 0;
      while (deaths() === 0 && waited < 60_000) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      expect(sent).toEqual(["ping"]);
      expect(waited).toBeGreaterThanOrEqual(LINK_IDLE_MS + LINK_DEAD_MS);
      expect(waited).toBeLessThanOrEqual(30_000);
      watchdog.stopped();
    }
  });

  it("never pings while frames keep coming.", () => {
    const { watchdog, sent, deaths } = watched();
    watchdog.opened();
    for (let second = 0; second < 300; second += 5) {
      vi.advanceTimersByTime(5000);
      expect(watchdog.heard('{"type":"events"}')).toBe(true);
    }
    expect(sent).toEqual([]);
    expect(deaths()).toBe(0);
  });

  it("keeps a quiet link that answers its pings, and keeps the pongs to itself.", () => {
    const { watchdog, sent, deaths } = watched();
    watchdog.opened();
    let pongs = 0;
    for (let second = 0; second < 600; second++) {
      vi.advanceTimersByTime(1000);
      if (sent.length > pongs) {
        pongs++;
        expect(watchdog.heard("pong")).toBe(false);
      }
    }
    expect(deaths()).toBe(0);
    // One ping per idle period (plus a check's delay and the answer's second): every 10–13 s, no more.
    expect(sent.length).toBeGreaterThanOrEqual(Math.floor(600 / 13));
    expect(sent.length).toBeLessThanOrEqual(600 / 10);
  });

  it("gives up once, and not at all after the link closed.", () => {
    const first = watched();
    first.watchdog.opened();
    vi.advanceTimersByTime(120_000);
    expect(first.deaths()).toBe(1);
    expect(first.sent).toEqual(["ping"]);

    const second = watched();
    second.watchdog.opened();
    vi.advanceTimersByTime(5000);
    second.watchdog.stopped();
    vi.advanceTimersByTime(120_000);
    expect(second.sent).toEqual([]);
    expect(second.deaths()).toBe(0);
  });

  it("counts a ping that cannot be sent as a dead link.", () => {
    let deaths = 0;
    const watchdog = watchLink({
      send: () => {
        throw new Error("InvalidStateError");
      },
      dead: () => deaths++,
    });
    watchdog.opened();
    vi.advanceTimersByTime(LINK_IDLE_MS + LINK_CHECK_EVERY_MS);
    expect(deaths).toBe(1);
  });

  it("is not held off for hours by a clock set back.", () => {
    const { watchdog, sent, deaths } = watched();
    watchdog.opened();
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(30_000);
    expect(sent).toEqual(["ping"]);
    expect(deaths()).toBe(1);
  });
});
