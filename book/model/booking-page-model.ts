import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import { RANK, rankIn } from "../../shared/access/ranks";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";
import { qrSvg as drawQrSvg } from "../../shared/client/qr-svg";
import { type BookMessages, bookMessages } from "../../shared/i18n/book";
import type {
  BookAppointmentBody,
  BookedAppointment,
  SlotOfService,
} from "../../shared/protocol/appointments";
import type {
  BookingChallenge,
  BookingProof,
  BookingSolution,
} from "../../shared/protocol/booking-proof";
import { addDays } from "../../shared/protocol/wall-time";
import type { AppointmentsApi } from "./appointments-api";
import {
  bookLanguage,
  offeredLanguages,
  rememberedLanguage,
  rememberLanguage,
} from "./book-language";
import {
  type BookingDetails,
  bookingRequest,
  detailsProblems,
  EMPTY_DETAILS,
  hasProblems,
} from "./booking-details";
import { type BookableService, type BookingOffice, bookableServices } from "./booking-office";
import { officeToday } from "./calendar-days";
import { createProofKeeper, solveBookingChallenge } from "./proof-of-work";
import { type BookingRefusal, bookingRefusal, needsAnotherTime } from "./refusals";
import { createSlotPicker, type SlotPicker } from "./slot-picker";

/** Where the page is: the office being read, or one of the four steps, or the confirmation. */
export type BookingStep =
  | "loading"
  | "unknown-office"
  | "unreachable"
  | "service"
  | "day"
  | "time"
  | "details"
  | "done";

/** The four steps a person goes through, numbered for "Step 2 of 4". */
export const NUMBERED_STEPS: readonly BookingStep[] = ["service", "day", "time", "details"];

export interface Confirmation {
  booked: BookedAppointment;
  service: BookableService;
  /** The QR code of the booking code (SVG markup), or null if it could not be drawn. */
  qrSvg: string | null;
}

export interface PageDependencies {
  api: AppointmentsApi;
  /** This device's clock (epoch ms); the office's own is worked out from its answer. */
  now?: () => number;
  /** A fresh Idempotency-Key for one deliberate action. */
  newKey?: () => string;
  /** The QR code of a booking code, as SVG markup. */
  qrSvg?: (code: string) => Promise<string | null>;
  /** Solves a proof-of-work challenge (the page: in a Web Worker; else on this thread). */
  solveProof?: (challenge: BookingChallenge) => Promise<BookingSolution | null>;
  /** The link said it is for staff booking on someone's behalf (`&staff=1`). */
  staffLink?: boolean;
}

/** Who is booking: the public, or staff of the office on someone's behalf (by phone, at the desk). */
export type Booker =
  | { kind: "public" }
  | { kind: "staff"; name: string }
  /** A staff link opened where nobody of this office is signed in: it books as the public. */
  | { kind: "not-staff" };

/**
 * The public booking page (/book/?office=…): a service, a day, a free time,
 * the person's details, then the booking at once. Every refusal is said in
 * the person's language; a booking sent again after no answer carries the
 * same Idempotency-Key, so it can never be made twice.
 */
export function createBookingPageModel(officeId: string, deps: PageDependencies) {
  const { api } = deps;
  const deviceNow = deps.now ?? Date.now;
  const newKey = deps.newKey ?? (() => newIdempotencyKey("book"));
  const qrSvg = deps.qrSvg ?? drawQrSvg;
  const proofs = createProofKeeper({
    challenge: () => api.challenge(officeId),
    solve: deps.solveProof ?? solveBookingChallenge,
    now: () => officeNow(),
  });

  const load = signal<"loading" | "ready" | "unknown-office" | "unreachable">("loading");
  const office = signal<BookingOffice | null>(null);
  /** The office's clock minus this device's, from the office's answer: a phone's clock can be wrong. */
  let clockOffset = 0;

  const languageChoice = signal<string | null>(rememberedLanguage());
  const languages = computed(() => offeredLanguages(office.value?.languages));
  const language = computed(() => bookLanguage(languages.value, languageChoice.value));
  const messages: ReadonlySignal<BookMessages> = computed(() => bookMessages(language.value));

  const services = computed(() => (office.value ? bookableServices(office.value) : []));
  const service = signal<BookableService | null>(null);
  const picker = signal<SlotPicker | null>(null);
  const slot = signal<SlotOfService | null>(null);
  const details = signal<BookingDetails>(EMPTY_DETAILS);
  /** Problems are shown once the person has tried to book, not while they are still typing. */
  const showProblems = signal(false);
  const problems = computed(() => detailsProblems(details.value));
  const sending = signal(false);
  const refusal = signal<BookingRefusal | null>(null);
  const confirmation = signal<Confirmation | null>(null);
  const booker = signal<Booker>({ kind: "public" });
  /**
   * The key of a booking that got no answer, kept for sending exactly that
   * booking again, with the proof of work it carried (the office may have used it).
   */
  let pending: { key: string; body: string; proof: BookingProof | null } | null = null;

  const step = computed<BookingStep>(() => {
    if (load.value !== "ready") return load.value;
    if (confirmation.value) return "done";
    if (!service.value) return "service";
    if (slot.value) return "details";
    return picker.value?.chosenDay.value ? "time" : "day";
  });

  const officeNow = () => deviceNow() + clockOffset;

  /** Staff of this office signed in on this browser: the office treats their booking as staff's. */
  async function whoBooks(): Promise<Booker> {
    const me = await api.me();
    if (me.kind === "ok" && rankIn(me.value.account.grants, officeId) >= RANK.clerk)
      return { kind: "staff", name: me.value.account.displayName };
    return deps.staffLink ? { kind: "not-staff" } : { kind: "public" };
  }

  async function start(): Promise<void> {
    load.value = "loading";
    const [answer, who] = await Promise.all([api.office(officeId), whoBooks()]);
    switch (answer.kind) {
      case "ok":
        clockOffset = answer.value.serverTime - deviceNow();
        batch(() => {
          office.value = answer.value;
          booker.value = who;
          // By phone, most callers give a number.
          if (who.kind === "staff" && details.peek() === EMPTY_DETAILS)
            details.value = { ...EMPTY_DETAILS, contactKind: "phone" };
          load.value = "ready";
        });
        // The public's proof of work is solved while they choose and type.
        if (who.kind !== "staff") proofs.prepare();
        return;
      case "refused":
        load.value = answer.status === 404 ? "unknown-office" : "unreachable";
        return;
      case "unreachable":
        load.value = "unreachable";
        return;
      default: {
        const unknown: never = answer;
        return unknown;
      }
    }
  }

  function chooseService(serviceId: string): Promise<void> | undefined {
    const chosen = services.peek().find((s) => s.id === serviceId);
    const where = office.peek();
    if (!chosen || !where) return undefined;
    const today = officeToday(officeNow(), where.timeZone);
    const days = createSlotPicker({
      api,
      officeId,
      serviceId: chosen.id,
      today,
      lastDay: addDays(today, chosen.daysAhead),
    });
    batch(() => {
      service.value = chosen;
      picker.value = days;
      slot.value = null;
      refusal.value = null;
    });
    return days.open();
  }

  function chooseDay(day: string): void {
    batch(() => {
      picker.peek()?.chooseDay(day);
      refusal.value = null;
    });
  }

  function chooseSlot(start: number): void {
    const chosen = picker.peek()?.slotAt(start);
    if (!chosen || chosen.seatsLeft <= 0) return;
    batch(() => {
      slot.value = chosen;
      refusal.value = null;
    });
  }

  /** One step back: details → time → day → service. */
  function back(): void {
    const current = step.peek();
    batch(() => {
      refusal.value = null;
      switch (current) {
        case "details":
          slot.value = null;
          return;
        case "time":
          picker.peek()?.clearDay();
          return;
        case "day":
          service.value = null;
          picker.value = null;
          return;
        case "service":
        case "loading":
        case "unknown-office":
        case "unreachable":
        case "done":
          return;
        default: {
          const unknown: never = current;
          return unknown;
        }
      }
    });
  }

  function editDetails(change: Partial<BookingDetails>): void {
    details.value = { ...details.peek(), ...change };
  }

  /** Sends the booking; returns whether it was made. */
  async function submit(): Promise<boolean> {
    const chosenService = service.peek();
    const chosenSlot = slot.peek();
    if (!chosenService || !chosenSlot || sending.peek()) return false;
    showProblems.value = true;
    if (hasProblems(problems.peek())) return false;
    const request = bookingRequest(
      chosenService.id,
      chosenSlot.start,
      details.peek(),
      language.peek(),
    );
    const body = JSON.stringify(request);
    // The same booking again after no answer: the same key, so the office makes it at most once.
    if (pending?.body !== body) pending = { key: newKey(), body, proof: null };
    const sent = pending;
    batch(() => {
      sending.value = true;
      refusal.value = null;
    });
    const result = await sendBooking(request, sent);
    if (result.kind !== "unreachable" && booker.peek().kind !== "staff") {
      // The proof was used (or refused): the next booking gets a new one, solved from now.
      proofs.prepare();
    }
    if (result.kind === "ok") {
      pending = null;
      const qr = await qrSvg(result.value.appointment.code);
      batch(() => {
        sending.value = false;
        confirmation.value = { booked: result.value, service: chosenService, qrSvg: qr };
      });
      return true;
    }
    const why = bookingRefusal(result);
    if (why !== "network") pending = null;
    if (needsAnotherTime(why)) {
      // Back to the times, asked again: the one chosen has gone, the others may have too.
      batch(() => {
        slot.value = null;
        refusal.value = why;
      });
      await picker.peek()?.refresh();
    } else {
      refusal.value = why;
    }
    sending.value = false;
    return false;
  }

  /**
   * Sends the booking, with a proof of work unless staff book: the proof it
   * carried before when sent again after no answer, a fresh one once if the
   * office says the proof no longer holds (it expired while the phone was offline).
   */
  async function sendBooking(request: BookAppointmentBody, sent: NonNullable<typeof pending>) {
    if (booker.peek().kind === "staff") return api.book(officeId, request, sent.key);
    for (let attempt = 0; ; attempt++) {
      sent.proof ??= await proofs.take();
      if (!sent.proof) return { kind: "unreachable" as const };
      const result = await api.book(officeId, { ...request, proof: sent.proof }, sent.key);
      const stale =
        result.kind === "refused" &&
        (result.code === "proof_invalid" || result.code === "proof_required");
      if (!stale || attempt > 0) return result;
      sent.proof = null;
    }
  }

  /** Another booking from the start, with the same name and contact (the reason is the last one's). */
  function bookAnother(): void {
    batch(() => {
      confirmation.value = null;
      service.value = null;
      picker.value = null;
      slot.value = null;
      refusal.value = null;
      showProblems.value = false;
      details.value = { ...details.peek(), reason: "" };
    });
  }

  function chooseLanguage(lang: string): void {
    rememberLanguage(lang);
    languageChoice.value = lang;
  }

  return {
    officeId,
    load,
    office,
    languages,
    language,
    messages,
    services,
    service,
    picker,
    slot,
    details,
    showProblems,
    problems,
    sending,
    refusal,
    confirmation,
    booker,
    step,
    start,
    chooseService,
    chooseDay,
    chooseSlot,
    back,
    editDetails,
    submit,
    bookAnother,
    chooseLanguage,
  };
}

export type BookingPageModel = ReturnType<typeof createBookingPageModel>;
