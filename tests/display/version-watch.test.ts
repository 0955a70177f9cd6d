import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const answers: unknown[] = [];
vi.mock("../../display/model/get-json", () => ({
  getJson: (path: string) => {
    expect(path).toBe("/version.json");
    return Promise.resolve(answers.shift() ?? null);
  },
}));

const { watchVersion } = await import("../../display/model/version-watch");

describe("A screen nobody touches picks up new versions", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("Reloads when /version.json names another build than the first one seen, and not before.", async () => {
    answers.push({ build: "a" }, { build: "a" }, null, { build: "b" });
    const reload = vi.fn();
    watchVersion(reload);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5 * 60_000); // same build
    await vi.advanceTimersByTimeAsync(5 * 60_000); // server down: nothing to compare
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5 * 60_000); // a deploy
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
