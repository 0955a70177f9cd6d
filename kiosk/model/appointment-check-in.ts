import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import {
  type CheckInOutcome,
  type CheckInRefusal,
  checkInPath,
  type PostJson,
  readCheckInAnswer,
} from "../../shared/client/appointment-answers";
import {
  BOOKING_CODE_LENGTH,
  bookingCodeProblem,
  normaliseBookingCode,
} from "../../shared/client/booking-code";
import type { TapGuard } from "./tap-guard";

/** A refused check-in that ends the visit stays this long, then the kiosk goes back to the start. */
export const CHECK_IN_REFUSAL_MS = 15_000;

/** A refusal on screen: the office's, or the kiosk's own check of the code ("code_length", "code_character"). */
export interface ShownRefusal extends CheckInRefusal {
  at: number;
  /** check_in_too_late with a link: its QR code, to book again on one's phone. */
  rebookQrSvg: string | null;
}

/**
 * Refusals that typing again cannot mend: the person is told, then the kiosk
 * goes back to the start for the next one. A wrong or half-typed code stays
 * on screen to be corrected.
 */
export function refusalEndsCheckIn(code: string): boolean {
  switch (code) {
    case "check_in_too_early":
    case "check_in_too_late":
    case "appointment_missed":
    case "appointment_cancelled":
    case "appointment_checked_in":
      return true;
    default:
      return false;
  }
}

export interface AppointmentCheckInOptions {
  officeId: string;
  post: PostJson;
  /** The kiosk's one guard against double taps; it also keeps a retry's idempotency key. */
  guard: TapGuard;
  /** The server's time. */
  now: () => number;
  /** Draws a link as an SVG QR code (null if it cannot). */
  drawQr: (url: string) => Promise<string | null>;
}

/**
 * "I have an appointment" at the kiosk: the code as typed (on the screen's
 * keys or a keyboard), the check-in request and its refusal. What a
 * successful check-in shows is the kiosk's ticket screen (kiosk-model.ts).
 */
export function createAppointmentCheckIn(options: AppointmentCheckInOptions) {
  const { guard } = options;
  const isOpen = signal(false);
  const code = signal("");
  const pending = signal(false);
  const refusal = signal<ShownRefusal | null>(null);
  const problem = computed(() => bookingCodeProblem(code.value));
  const path = checkInPath(options.officeId);

  function setCode(next: string): void {
    batch(() => {
      code.value = next;
      refusal.value = null;
    });
  }

  function showRefusal(shown: CheckInRefusal): void {
    refusal.value = { ...shown, at: options.now(), rebookQrSvg: null };
    const url = shown.rebookUrl;
    if (!url) return;
    void options.drawQr(url).then((svg) => {
      const current = refusal.peek();
      // Still the same refusal on screen (not a newer one, nor a closed screen).
      if (svg && current && current.rebookUrl === url)
        refusal.value = { ...current, rebookQrSvg: svg };
    });
  }

  return {
    isOpen: isOpen as ReadonlySignal<boolean>,
    code: code as ReadonlySignal<string>,
    pending: pending as ReadonlySignal<boolean>,
    refusal: refusal as ReadonlySignal<ShownRefusal | null>,
    /** What keeps the code from being sent ("length", "character"), or null. */
    problem,
    open(): void {
      batch(() => {
        isOpen.value = true;
        code.value = "";
        refusal.value = null;
      });
    },
    close(): void {
      if (!isOpen.peek() && code.peek() === "" && refusal.peek() === null) return;
      batch(() => {
        isOpen.value = false;
        code.value = "";
        refusal.value = null;
      });
    },
    /** What the field holds after a keyboard's typing or a paste: normalised. */
    input(typed: string): void {
      setCode(normaliseBookingCode(typed));
    },
    /** One of the screen's keys: a full code takes no more. */
    press(character: string): void {
      const current = code.peek();
      if (current.length >= BOOKING_CODE_LENGTH) return;
      setCode(normaliseBookingCode(current + character));
    },
    erase(): void {
      setCode(code.peek().slice(0, -1));
    },
    /**
     * Sends the code, once per tap: null when nothing was sent (a double tap,
     * a code that is not one), else what came back. A refusal is shown here.
     */
    async submit(): Promise<CheckInOutcome | null> {
      if (pending.peek()) return null;
      const typed = code.peek();
      const local = bookingCodeProblem(typed);
      if (local) {
        showRefusal({ code: `code_${local}`, opensAt: null, rebookUrl: null });
        return null;
      }
      const key = guard.begin(`check-in:${typed}`);
      if (!key) return null;
      batch(() => {
        pending.value = true;
        refusal.value = null;
      });
      const outcome = readCheckInAnswer(
        await options.post(path, { code: typed }, { "idempotency-key": key }),
      );
      pending.value = false;
      if (outcome.kind === "unreachable") guard.noAnswer();
      else guard.answered();
      if (outcome.kind === "refused") showRefusal(outcome.refusal);
      return outcome;
    },
  };
}
