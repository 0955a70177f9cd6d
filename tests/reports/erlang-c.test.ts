import { describe, expect, it } from "vitest";
import { desksForTarget, shareWithinTarget, waitProbability } from "../../shared/reports/erlang-c";

/*
 * Reference values from the closed form of Erlang C, with factorials,
 * computed apart from the code under test (which uses the Erlang B recursion):
 *   C(N, A) = (A^N / N! · N / (N − A)) / (Σ_{k<N} A^k / k! + A^N / N! · N / (N − A))
 *   P(wait ≤ t) = 1 − C(N, A) · e^(−(N − A) · t / s)
 */
describe("Erlang C", () => {
  it("gives the textbook probability of waiting: 10 Erlangs on 11 desks wait 68.2% of the time.", () => {
    expect(waitProbability(11, 10)).toBeCloseTo(0.6821182, 6);
    expect(waitProbability(2, 1)).toBeCloseTo(1 / 3, 10);
    expect(waitProbability(1, 0.5)).toBeCloseTo(0.5, 10);
  });

  it("says everyone waits when the desks cannot keep up, and no one waits with no demand.", () => {
    expect(waitProbability(7, 7)).toBe(1);
    expect(waitProbability(6, 7.5)).toBe(1);
    expect(waitProbability(3, 0)).toBe(0);
    expect(shareWithinTarget(6, 7.5, 8, 20)).toBe(0);
    expect(shareWithinTarget(1, 0, 8, 20)).toBe(1);
  });

  it("stays finite for large offices, where factorials would overflow.", () => {
    expect(waitProbability(200, 190)).toBeGreaterThan(0);
    expect(waitProbability(200, 190)).toBeLessThan(1);
  });

  it("answers the call-centre example: 100 calls in 30 min of 3 min each, 80% within 20 s, needs 14 agents.", () => {
    // 10 Erlangs. 13 agents answer 79.56% within 20 s, 14 answer 88.84%.
    expect(shareWithinTarget(13, 10, 3, 20 / 60)).toBeCloseTo(0.7956, 4);
    expect(shareWithinTarget(14, 10, 3, 20 / 60)).toBeCloseTo(0.8884, 4);
    expect(desksForTarget(10, 3, 20 / 60, 0.8)).toBe(14);
  });

  it("asks for a desk more than 'keeping up' where the margin is thin: 45 arrivals/h of 8.6 min, 80% within 20 min.", () => {
    const load = (45 * 8.6) / 60; // 6.45 Erlangs: 7 desks keep up
    expect(shareWithinTarget(7, load, 8.6, 20)).toBeCloseTo(0.784, 3);
    expect(shareWithinTarget(8, load, 8.6, 20)).toBeCloseTo(0.9872, 4);
    expect(desksForTarget(load, 8.6, 20, 0.8)).toBe(8);
  });

  it("never suggests fewer desks than keep up, nor a desk with nobody arriving.", () => {
    expect(desksForTarget((38 * 9.5) / 60, 9.5, 20, 0.8)).toBe(7);
    expect(desksForTarget(7, 10, 480, 0.5)).toBe(8);
    expect(desksForTarget(0.05, 10, 480, 0.8)).toBe(1);
    expect(desksForTarget(0, 10, 20, 0.8)).toBe(0);
  });
});
