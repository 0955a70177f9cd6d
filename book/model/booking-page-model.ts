import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";
import { qrSvg as drawQrSvg } from "../../shared/client/qr-svg";
import { type BookMessages, bookMessages } from "../../shared/i18n/book";
import type { BookedAppointment, SlotOfService } from "../../shared/protocol/appointments";
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
}

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
  /** The key of a booking that got no answer, kept for sending exactly that booking again. */
  let pending: { key: string; body: string } | null = null;

  const step = computed<BookingStep>(() => {
    if (load.value !== "ready") return load.value;
    if (confirmation.value) return "done";
    if (!service.value) return "service";
    if (slot.value) return "details";
    return picker.value?.chosenDay.value ? "time" : "day";
  });

  const officeNow = () => deviceNow() + clockOffset;

  async function start(): Promise<void> {
    load.value = "loading";
    const answer = await api.office(officeId);
    switch (answer.kind) {
      case "ok":
        clockOffset = answer.value.serverTime - deviceNow();
        batch(() => {
          office.value = answer.value;
          load.value = "ready";
        });
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
    if (pending?.body !== body) pending = { key: newKey(), body };
    batch(() => {
      sending.value = true;
      refusal.value = null;
    });
    const result = await api.book(officeId, request, pending.key);
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
