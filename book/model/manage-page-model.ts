import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";
import { qrSvg as drawQrSvg } from "../../shared/client/qr-svg";
import { type BookMessages, bookMessages } from "../../shared/i18n/book";
import type { CheckedIn, HeldAppointment, SlotOfService } from "../../shared/protocol/appointments";
import { addDays } from "../../shared/protocol/wall-time";
import {
  bookLanguage,
  offeredLanguages,
  rememberedLanguage,
  rememberLanguage,
} from "./book-language";
import { type BookingOffice, bookableServices } from "./booking-office";
import type { PageDependencies } from "./booking-page-model";
import { officeToday } from "./calendar-days";
import type { ManageTarget } from "./manage-path";
import {
  type BookingRefusal,
  bookingRefusal,
  type CheckInRefusal,
  checkInRefusal,
  needsAnotherTime,
} from "./refusals";
import { createSlotPicker, type SlotPicker } from "./slot-picker";

export type ManageLoad = "loading" | "ready" | "invalid" | "unreachable";

/**
 * What the holder is doing: looking at the booking, choosing a new time and
 * confirming it, or confirming a cancellation; `sending` while the office has
 * not answered one of those.
 */
export type ManageTask = "view" | "move" | "cancel";

/** Whether `now` lies in the check-in window, both ends included (shared/booking/check-in.ts). */
export function insideCheckInWindow(
  window: { opensAt: number; closesAt: number },
  now: number,
): boolean {
  return now >= window.opensAt && now <= window.closesAt;
}

/**
 * The manage page (/a/{office}/{token}): the booking, moving it, cancelling
 * it, and "I'm here" inside the check-in window. The token stays in the
 * address and the requests; the page never shows it.
 */
export function createManagePageModel(target: ManageTarget | null, deps: PageDependencies) {
  const { api } = deps;
  const deviceNow = deps.now ?? Date.now;
  const newKey = deps.newKey ?? (() => newIdempotencyKey("book"));
  const qrSvg = deps.qrSvg ?? drawQrSvg;

  const load = signal<ManageLoad>(target ? "loading" : "invalid");
  const office = signal<BookingOffice | null>(null);
  const held = signal<HeldAppointment | null>(null);
  const qr = signal<string | null>(null);
  let clockOffset = 0;
  /** The office's time, moved on by tick(): drives the check-in button. */
  const now = signal(deviceNow());

  const task = signal<ManageTask>("view");
  const sending = signal(false);
  const picker = signal<SlotPicker | null>(null);
  const moveTo = signal<SlotOfService | null>(null);
  const moveRefusal = signal<BookingRefusal | null>(null);
  const moved = signal(false);
  const cancelRefusal = signal<BookingRefusal | null>(null);
  const checkedIn = signal<CheckedIn | null>(null);
  const checkInProblem = signal<CheckInRefusal | null>(null);
  /** Keys of actions that got no answer, kept for sending exactly that action again. */
  let moveKey: { key: string; start: number } | null = null;
  let cancelKey: string | null = null;
  let checkInKey: string | null = null;

  const languageChoice = signal<string | null>(rememberedLanguage());
  const languages = computed(() => offeredLanguages(office.value?.languages));
  const language = computed(() => bookLanguage(languages.value, languageChoice.value));
  const messages: ReadonlySignal<BookMessages> = computed(() => bookMessages(language.value));

  const appointment = computed(() => held.value?.appointment ?? null);
  const service = computed(() => {
    const serviceId = appointment.value?.serviceId;
    return office.value?.services.find((s) => s.id === serviceId) ?? null;
  });
  /** Only a booking still ahead can be moved or cancelled. */
  const changeable = computed(() => appointment.value?.status === "booked");
  /** Moving needs the service's booking settings (how far ahead): one no longer booked online cannot move. */
  const movable = computed(() => {
    const where = office.value;
    const serviceId = appointment.value?.serviceId;
    return changeable.value && !!where && bookableServices(where).some((s) => s.id === serviceId);
  });
  const canCheckIn = computed(() => {
    const current = held.value;
    return (
      !!current &&
      current.appointment.status === "booked" &&
      insideCheckInWindow(current.checkIn, now.value)
    );
  });

  const officeNow = () => deviceNow() + clockOffset;

  function tick(): void {
    now.value = officeNow();
  }

  async function showHeld(next: HeldAppointment): Promise<void> {
    const code = held.peek()?.appointment.code;
    held.value = next;
    if (next.appointment.code !== code) qr.value = await qrSvg(next.appointment.code);
  }

  async function loadOffice(where: ManageTarget): Promise<void> {
    const answer = await api.office(where.officeId);
    if (answer.kind !== "ok") return;
    clockOffset = answer.value.serverTime - deviceNow();
    batch(() => {
      office.value = answer.value;
      now.value = officeNow();
    });
  }

  async function start(): Promise<void> {
    if (!target) return;
    load.value = "loading";
    const [answer] = await Promise.all([
      api.view(target.officeId, target.token),
      loadOffice(target),
    ]);
    switch (answer.kind) {
      case "ok":
        await showHeld(answer.value);
        load.value = "ready";
        return;
      case "refused":
        load.value = answer.status === 404 ? "invalid" : "unreachable";
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

  /** Reads the booking again (after a refusal that says its state changed). */
  async function reload(): Promise<void> {
    if (!target) return;
    const answer = await api.view(target.officeId, target.token);
    if (answer.kind === "ok") await showHeld(answer.value);
  }

  function clearNotes(): void {
    moved.value = false;
    moveRefusal.value = null;
    cancelRefusal.value = null;
    checkInProblem.value = null;
  }

  function startMove(): Promise<void> | undefined {
    const where = office.peek();
    const current = appointment.peek();
    if (!target || !where || !current || !movable.peek()) return undefined;
    const settings = bookableServices(where).find((s) => s.id === current.serviceId);
    if (!settings) return undefined;
    const today = officeToday(officeNow(), where.timeZone);
    const days = createSlotPicker({
      api,
      officeId: target.officeId,
      serviceId: current.serviceId,
      today,
      lastDay: addDays(today, settings.daysAhead),
    });
    batch(() => {
      clearNotes();
      picker.value = days;
      moveTo.value = null;
      task.value = "move";
    });
    return days.open();
  }

  function chooseMoveDay(day: string): void {
    batch(() => {
      picker.peek()?.chooseDay(day);
      moveRefusal.value = null;
    });
  }

  /** A new time picked: asked to confirm before anything is sent. */
  function chooseMoveSlot(start: number): void {
    const chosen = picker.peek()?.slotAt(start);
    if (!chosen || chosen.seatsLeft <= 0) return;
    batch(() => {
      moveTo.value = chosen;
      moveRefusal.value = null;
    });
  }

  /** Back one step in moving: from the question to the times, from the times to the days, then to the booking. */
  function moveBack(): void {
    batch(() => {
      moveRefusal.value = null;
      if (moveTo.peek()) {
        moveTo.value = null;
      } else if (picker.peek()?.chosenDay.peek()) {
        picker.peek()?.clearDay();
      } else {
        task.value = "view";
        picker.value = null;
      }
    });
  }

  function stopMoving(): void {
    batch(() => {
      moveKey = null;
      moveTo.value = null;
      moveRefusal.value = null;
      picker.value = null;
      task.value = "view";
    });
  }

  async function confirmMove(): Promise<boolean> {
    const chosen = moveTo.peek();
    if (!target || !chosen || sending.peek()) return false;
    if (moveKey?.start !== chosen.start) moveKey = { key: newKey(), start: chosen.start };
    batch(() => {
      sending.value = true;
      moveRefusal.value = null;
    });
    const result = await api.move(target.officeId, target.token, chosen.start, moveKey.key);
    if (result.kind === "ok") {
      moveKey = null;
      await showHeld(result.value);
      batch(() => {
        sending.value = false;
        picker.value = null;
        moveTo.value = null;
        task.value = "view";
        moved.value = true;
      });
      return true;
    }
    const why = bookingRefusal(result);
    if (why !== "network") moveKey = null;
    if (needsAnotherTime(why)) {
      // The booking stays as it was; the times are asked again for another choice.
      batch(() => {
        moveTo.value = null;
        moveRefusal.value = why;
      });
      await picker.peek()?.refresh();
    } else {
      moveRefusal.value = why;
    }
    sending.value = false;
    return false;
  }

  function askToCancel(): void {
    batch(() => {
      clearNotes();
      cancelKey = newKey();
      task.value = "cancel";
    });
  }

  function keepBooking(): void {
    cancelKey = null;
    batch(() => {
      cancelRefusal.value = null;
      task.value = "view";
    });
  }

  async function confirmCancel(): Promise<boolean> {
    const current = held.peek();
    if (!target || !current || sending.peek()) return false;
    cancelKey ??= newKey();
    batch(() => {
      sending.value = true;
      cancelRefusal.value = null;
    });
    const result = await api.cancel(target.officeId, target.token, cancelKey);
    if (result.kind === "ok") {
      cancelKey = null;
      batch(() => {
        held.value = {
          ...current,
          appointment: { ...current.appointment, ...result.value.appointment },
        };
        sending.value = false;
        task.value = "view";
      });
      return true;
    }
    const why = bookingRefusal(result);
    if (why !== "network") {
      cancelKey = null;
      // Refused: the booking changed meanwhile (checked in, missed); show it as it is now.
      await reload();
    }
    batch(() => {
      cancelRefusal.value = why;
      sending.value = false;
    });
    return false;
  }

  async function checkIn(): Promise<boolean> {
    const current = held.peek();
    if (!target || !current || sending.peek()) return false;
    checkInKey ??= newKey();
    batch(() => {
      clearNotes();
      sending.value = true;
    });
    const result = await api.checkIn(target.officeId, target.token, checkInKey);
    if (result.kind === "ok") {
      checkInKey = null;
      batch(() => {
        checkedIn.value = result.value;
        held.value = {
          ...current,
          appointment: { ...current.appointment, ...result.value.appointment },
        };
        sending.value = false;
      });
      return true;
    }
    const problem = checkInRefusal(result);
    if (problem.code !== "network") {
      checkInKey = null;
      await reload();
    }
    batch(() => {
      checkInProblem.value = problem;
      sending.value = false;
    });
    return false;
  }

  function chooseLanguage(lang: string): void {
    rememberLanguage(lang);
    languageChoice.value = lang;
  }

  return {
    target,
    load,
    office,
    held,
    appointment,
    service,
    qr,
    now,
    languages,
    language,
    messages,
    task,
    sending,
    picker,
    moveTo,
    moveRefusal,
    moved,
    cancelRefusal,
    checkedIn,
    checkInProblem,
    changeable,
    movable,
    canCheckIn,
    start,
    tick,
    reload,
    startMove,
    chooseMoveDay,
    chooseMoveSlot,
    moveBack,
    stopMoving,
    confirmMove,
    askToCancel,
    keepBooking,
    confirmCancel,
    checkIn,
    chooseLanguage,
  };
}

export type ManagePageModel = ReturnType<typeof createManagePageModel>;
