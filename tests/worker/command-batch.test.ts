import { describe, expect, it } from "vitest";
import { CommandBatch, MAX_BATCH, QUIET_MS } from "../../worker/office/command-batch";

/** A batch whose timer turn is run by hand, with a clock the test moves. */
function harness(runOne: (command: number) => string = (command) => `ran ${command}`) {
  const ran: number[] = [];
  const turns: (() => void)[] = [];
  let now = 1_000;
  const batch = new CommandBatch<number, null, string>(
    (command) => {
      ran.push(command);
      return runOne(command);
    },
    () => now,
    (flush) => turns.push(flush),
  );
  return {
    batch,
    ran,
    turns,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("Group commit: commands that arrive together run in one turn", () => {
  it("In a quiet office a command runs at once, without waiting for a timer turn.", async () => {
    const { batch, ran, turns } = harness();
    const answer = batch.submit(1, null);
    expect(ran).toEqual([1]);
    expect(turns).toHaveLength(0);
    expect(await answer).toBe("ran 1");
  });

  it("Commands arriving within QUIET_MS of each other wait for one turn, then run in order in it.", async () => {
    const { batch, ran, turns, advance } = harness();
    await batch.submit(1, null);
    advance(QUIET_MS - 1);
    const second = batch.submit(2, null);
    advance(QUIET_MS + 5); // a flush is pending: later arrivals join it, however late
    const third = batch.submit(3, null);
    expect(ran).toEqual([1]);
    expect(turns).toHaveLength(1);
    turns.shift()!();
    expect(ran).toEqual([1, 2, 3]);
    expect(await Promise.all([second, third])).toEqual(["ran 2", "ran 3"]);
    expect(batch.size).toBe(0);
  });

  it("One command's failure is its own answer; the others of its turn still run and answer.", async () => {
    const { batch, turns, advance } = harness((command) => {
      if (command === 2) throw new Error("storage failed");
      return `ran ${command}`;
    });
    await batch.submit(1, null);
    const answers = [2, 3].map((command) => batch.submit(command, null));
    advance(1);
    turns.shift()!();
    const settled = await Promise.allSettled(answers);
    expect(settled[0]).toMatchObject({ status: "rejected", reason: new Error("storage failed") });
    expect(settled[1]).toEqual({ status: "fulfilled", value: "ran 3" });
    // A quiet office afterwards runs the next one at once again.
    advance(QUIET_MS);
    const later = batch.submit(4, null);
    expect(turns).toHaveLength(0);
    expect(await later).toBe("ran 4");
  });

  it(`A turn runs at most ${MAX_BATCH} commands, and takes the rest in the next turn.`, async () => {
    const { batch, ran, turns } = harness();
    await batch.submit(0, null);
    const answers = Array.from({ length: MAX_BATCH + 10 }, (_, i) => batch.submit(i + 1, null));
    turns.shift()!();
    expect(ran).toHaveLength(1 + MAX_BATCH);
    expect(turns).toHaveLength(1);
    turns.shift()!();
    expect(ran).toHaveLength(1 + MAX_BATCH + 10);
    expect(ran).toEqual(Array.from({ length: MAX_BATCH + 11 }, (_, i) => i));
    expect(await Promise.all(answers)).toHaveLength(MAX_BATCH + 10);
  });
});
