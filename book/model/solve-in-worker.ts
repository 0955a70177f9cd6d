import type { BookingChallenge, BookingSolution } from "../../shared/protocol/booking-proof";
import { BookingSolution as SolutionSchema } from "../../shared/protocol/booking-proof";
import { solveBookingChallenge } from "./proof-of-work";

/** Where the build puts book/proof-worker.ts (scripts/build.ts). */
const WORKER_URL = "/book/proof-worker.js";
/** The mark and measure the page leaves in its performance timeline (the browser test reads it). */
export const PROOF_MEASURE = "turno:proof-of-work";

function mark(name: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function")
    performance.mark(name);
}

/**
 * Solves a challenge in a Web Worker, or on the page's own thread where no
 * worker can be started (the solver yields every 200 ms there, so the page
 * stays usable). Leaves a `turno:proof-of-work` measure of the time taken.
 */
export function solveInWorker(challenge: BookingChallenge): Promise<BookingSolution | null> {
  mark(`${PROOF_MEASURE}:start`);
  return solveSomewhere(challenge).then((solution) => {
    mark(`${PROOF_MEASURE}:end`);
    try {
      performance.measure(PROOF_MEASURE, `${PROOF_MEASURE}:start`, `${PROOF_MEASURE}:end`);
    } catch {
      // no user timing in this browser: nothing to measure with
    }
    return solution;
  });
}

function solveSomewhere(challenge: BookingChallenge): Promise<BookingSolution | null> {
  if (typeof Worker === "undefined") return solveBookingChallenge(challenge);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_URL);
  } catch {
    return solveBookingChallenge(challenge);
  }
  return new Promise((resolve) => {
    worker.onmessage = (event: MessageEvent) => {
      worker.terminate();
      const solution = SolutionSchema.safeParse((event.data as { solution?: unknown })?.solution);
      resolve(solution.success ? solution.data : null);
    };
    // The script did not load or failed: solve here instead.
    worker.onerror = () => {
      worker.terminate();
      resolve(solveBookingChallenge(challenge));
    };
    worker.postMessage({ challenge });
  });
}
