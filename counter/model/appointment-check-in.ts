import { batch, type ReadonlySignal, signal } from "@preact/signals";
import {
  type CheckInRefusal,
  checkInPath,
  type PostJson,
  readCheckInAnswer,
} from "../../shared/client/appointment-answers";
import { bookingCodeProblem, normaliseBookingCode } from "../../shared/client/booking-code";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";

/** How the last check-in at this console went: kept as data, so it re-renders in the clerk's language. */
export type CounterCheckInResult =
  /** The appointment's ticket; `late`: past the window, for the clerk to decide. */
  | { kind: "checked-in"; ticketCode: string; serviceId: string; slotStart: number; late: boolean }
  /** Past the window under the "walk-in" rule: an ordinary ticket instead. */
  | { kind: "walk-in-instead"; ticketCode: string; serviceId: string; slotStart: number | null }
  /** The office's refusal, or the console's own check of the code ("code_length", "code_character"). */
  | { kind: "refused"; refusal: CheckInRefusal }
  /** No answer: the ticket may exist; sending the same code again cannot issue a second. */
  | { kind: "unreachable" };

export interface CounterCheckInOptions {
  officeId: string;
  post: PostJson;
  /** The server answered 401: the session is over. */
  onUnauthorized: () => void;
  /** The server answered 403: the person's rights may have changed. */
  onForbidden: () => void;
  newKey?: () => string;
}

/**
 * Checking in at the counter: the clerk types the code a person reads out
 * (or shows on their phone) and the office issues the appointment's ticket,
 * as the kiosk would. Each check-in has its own idempotency key, except the
 * same code sent again after an unanswered attempt: that one keeps its key,
 * so the office answers with the ticket it may already have issued.
 */
export function createCounterCheckIn(options: CounterCheckInOptions) {
  const newKey = options.newKey ?? (() => newIdempotencyKey("counter"));
  const isOpen = signal(false);
  const code = signal("");
  const pending = signal(false);
  const result = signal<CounterCheckInResult | null>(null);
  let unanswered: { code: string; key: string } | null = null;
  const path = checkInPath(options.officeId);

  return {
    isOpen: isOpen as ReadonlySignal<boolean>,
    code: code as ReadonlySignal<string>,
    pending: pending as ReadonlySignal<boolean>,
    result: result as ReadonlySignal<CounterCheckInResult | null>,
    open(): void {
      batch(() => {
        isOpen.value = true;
        code.value = "";
        result.value = null;
      });
    },
    close(): void {
      isOpen.value = false;
    },
    input(typed: string): void {
      code.value = normaliseBookingCode(typed);
    },
    /** Sends the code; the result shows in the dialog (the ticket itself comes over the live socket). */
    async submit(): Promise<void> {
      if (pending.peek()) return;
      const typed = code.peek();
      const problem = bookingCodeProblem(typed);
      if (problem) {
        result.value = {
          kind: "refused",
          refusal: { code: `code_${problem}`, opensAt: null, rebookUrl: null },
        };
        return;
      }
      const key = unanswered?.code === typed ? unanswered.key : newKey();
      unanswered = { code: typed, key };
      batch(() => {
        pending.value = true;
        result.value = null;
      });
      const outcome = readCheckInAnswer(
        await options.post(path, { code: typed }, { "idempotency-key": key }),
      );
      pending.value = false;
      if (outcome.kind !== "unreachable") unanswered = null;
      switch (outcome.kind) {
        case "checked-in": {
          const { ticket } = outcome.answer;
          result.value = {
            kind: "checked-in",
            ticketCode: ticket.code,
            serviceId: ticket.serviceId,
            slotStart: outcome.slotStart,
            late: outcome.late,
          };
          // Ready for the next person's code.
          code.value = "";
          break;
        }
        case "walk-in-instead": {
          const { ticket } = outcome.answer;
          result.value = {
            kind: "walk-in-instead",
            ticketCode: ticket.code,
            serviceId: ticket.serviceId,
            slotStart: outcome.slotStart,
          };
          code.value = "";
          break;
        }
        case "refused":
          result.value = { kind: "refused", refusal: outcome.refusal };
          break;
        case "unreachable":
          result.value = { kind: "unreachable" };
          break;
        case "denied":
          result.value = {
            kind: "refused",
            refusal: { code: outcome.code, opensAt: null, rebookUrl: null },
          };
          if (outcome.status === 401) options.onUnauthorized();
          else options.onForbidden();
          break;
        default: {
          const unknown: never = outcome;
          return unknown;
        }
      }
    },
  };
}
