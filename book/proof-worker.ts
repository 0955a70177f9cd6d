/**
 * The booking page's Web Worker (built to /book/proof-worker.js): solves one
 * proof-of-work challenge off the page's thread, so typing and the tap on
 * "Book" never wait for it. The page sends the challenge it already checked
 * against its schema; the answer is { solution } (null if none was found).
 */
import type { BookingChallenge } from "../shared/protocol/booking-proof";
import { solveBookingChallenge } from "./model/proof-of-work";

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ challenge: BookingChallenge }>) => void) | null;
  postMessage: (message: unknown) => void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  solveBookingChallenge(event.data.challenge).then(
    (solution) => scope.postMessage({ solution }),
    () => scope.postMessage({ solution: null }),
  );
};
