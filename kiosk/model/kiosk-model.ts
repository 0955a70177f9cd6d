import { batch, computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import type { CheckInOutcome } from "../../shared/client/appointment-answers";
import { requestJson } from "../../shared/client/http";
import { LiveOffice } from "../../shared/client/live-office";
import { qrSvg as drawQrSvg } from "../../shared/client/qr-svg";
import { isOpen } from "../../shared/engine/clock";
import { BASES } from "../../shared/i18n";
import { type KioskMessages, kioskMessages } from "../../shared/i18n/kiosk";
import type { OfficeConfig, ServiceConfig } from "../../shared/protocol/config";
import type { IssuedTicket as IssuedTicketAnswer } from "../../shared/protocol/responses";
import {
  CHECK_IN_REFUSAL_MS,
  createAppointmentCheckIn,
  refusalEndsCheckIn,
} from "./appointment-check-in";
import { createCitizenChoices } from "./citizen-choices";
import { ConnectionWatch } from "./connection-watch";
import { readIssueAnswer } from "./issue-answer";
import { isTappable, type ServiceChoice, serviceChoices } from "./service-choices";
import { DOUBLE_TAP_WINDOW_MS, TapGuard } from "./tap-guard";

export type { ServiceChoice } from "./service-choices";

/** The ticket screen goes back to the start by itself after this long. */
export const TICKET_SCREEN_MS = 15_000;
/** Someone walked away mid-choice: language and priority go back to the defaults. */
export const IDLE_RESET_MS = 60_000;
/** A refusal message stays this long, or until the next tap. */
export const ERROR_SHOWN_MS = 10_000;

/**
 * A ticket issued by checking in an appointment: the booked time, and how
 * the arrival went (late: the counter decides, or a walk-in number instead).
 */
export interface AppointmentArrival {
  /** The slot's start (epoch ms); null if the office's answer did not say. */
  slotStart: number | null;
  arrival: "on-time" | "late-clerk-decides" | "late-walk-in";
}

export interface IssuedTicket {
  body: IssuedTicketAnswer;
  service: ServiceConfig | undefined;
  /** The QR code of the tracking link, as SVG markup (null if it could not be drawn). */
  qrSvg: string | null;
  shownAt: number;
  /** Null for a number taken by tapping a service. */
  appointment: AppointmentArrival | null;
}

export type KioskScreen = "loading" | "offline" | "closed" | "start" | "check-in" | "ticket";

export interface KioskOptions {
  officeId: string;
  /** ?print=auto: print the receipt as soon as a ticket is issued. */
  autoPrint: boolean;
  /** The server refused a command as from an unpaired or revoked kiosk (401/403). */
  onDenied?: () => void;
}

/**
 * Everything the kiosk shows and does, as signals and actions; the
 * components only render it. One LiveOffice socket (role "kiosk") brings the
 * office's state and carries the issue commands.
 */
export function createKioskModel(options: KioskOptions) {
  const live = new LiveOffice({ officeId: options.officeId, role: "kiosk" });
  const connection = new ConnectionWatch(live.status);
  const guard = new TapGuard();

  const serverNow = () => Date.now() + live.clockOffset.peek();
  /** Ticks every second: drives the clock, the opening hours check and the countdowns. */
  const now = signal(serverNow());
  setInterval(() => {
    now.value = serverNow();
  }, 1000);

  const pendingServiceId = signal<string | null>(null);
  const coolingDown = signal(false);
  const issued = signal<IssuedTicket | null>(null);
  const ticketDoneEnabled = signal(false);
  const error = signal<{ code: string; at: number } | null>(null);
  let lastInteractionAt = Date.now();

  const config: ReadonlySignal<OfficeConfig | null> = computed(
    () => live.state.value?.config ?? null,
  );
  /** The office's languages that Turno can show, the office's own first. */
  const languages = computed(() =>
    (config.value?.languages ?? ["it", "en"]).filter((lang) => BASES[lang]),
  );
  const citizen = createCitizenChoices(languages);
  const { language, priority, appointmentServiceId } = citizen;
  const messages: ReadonlySignal<KioskMessages> = computed(() => kioskMessages(language.value));
  const open = computed(() => (config.value ? isOpen(config.value, now.value) : false));

  const services = computed<ServiceChoice[]>(() => {
    const state = live.state.value;
    return state ? serviceChoices(state, now.value) : [];
  });

  const checkIn = createAppointmentCheckIn({
    officeId: options.officeId,
    post: (path, body, headers) => requestJson("POST", path, body, undefined, headers),
    guard,
    now: serverNow,
    drawQr: drawQrSvg,
  });
  /** "I have an appointment" is offered while some service of the office is booked. */
  const offersCheckIn = computed(
    () => config.value?.services.some((s) => s.open && s.mode !== "walk-in") ?? false,
  );

  const screen = computed<KioskScreen>(() => {
    // A ticket already issued stays on screen whatever happens: the person needs its number.
    if (issued.value) return "ticket";
    if (live.status.value === "incompatible" || connection.outOfService.value) return "offline";
    if (!config.value) return "loading";
    if (!open.value) return "closed";
    if (checkIn.isOpen.value && offersCheckIn.value) return "check-in";
    return "start";
  });

  const busy = computed(() => pendingServiceId.value !== null || coolingDown.value);
  const secondsUntilReturn = computed(() => {
    const ticket = issued.value;
    if (!ticket) return 0;
    return Math.max(0, Math.ceil((ticket.shownAt + TICKET_SCREEN_MS - now.value) / 1000));
  });

  // Timed behaviour, all driven by the one clock tick.
  effect(() => {
    const t = now.value;
    const ticket = issued.peek();
    if (ticket && t >= ticket.shownAt + TICKET_SCREEN_MS) finishTicket();
    const shownError = error.peek();
    if (shownError && t - shownError.at > ERROR_SHOWN_MS) error.value = null;
    const refusal = checkIn.refusal.peek();
    if (refusal && refusalEndsCheckIn(refusal.code) && t - refusal.at > CHECK_IN_REFUSAL_MS)
      checkIn.close();
    if (!ticket && Date.now() - lastInteractionAt > IDLE_RESET_MS) resetForNextPerson();
  });

  // An old page meeting a newer server: fetch the new app (nobody will press F5 on a kiosk).
  effect(() => {
    if (live.status.value === "incompatible") setTimeout(() => location.reload(), 5000);
  });

  function noteInteraction(): void {
    lastInteractionAt = Date.now();
  }

  function resetForNextPerson(): void {
    batch(() => {
      citizen.reset();
      checkIn.close();
    });
  }

  function chooseLanguage(lang: string): void {
    noteInteraction();
    citizen.chooseLanguage(lang);
  }

  function togglePriority(): void {
    noteInteraction();
    citizen.togglePriority();
  }

  function closeAppointmentInfo(): void {
    noteInteraction();
    citizen.closeAppointmentInfo();
  }

  function dismissError(): void {
    error.value = null;
  }

  function openCheckIn(): void {
    noteInteraction();
    batch(() => {
      error.value = null;
      citizen.closeAppointmentInfo();
      checkIn.open();
    });
  }

  function closeCheckIn(): void {
    noteInteraction();
    checkIn.close();
  }

  function pressCodeKey(character: string): void {
    noteInteraction();
    checkIn.press(character);
  }

  function eraseCodeKey(): void {
    noteInteraction();
    checkIn.erase();
  }

  function typeCode(typed: string): void {
    noteInteraction();
    checkIn.input(typed);
  }

  async function submitCheckIn(): Promise<void> {
    noteInteraction();
    const outcome = await checkIn.submit();
    if (outcome) await showCheckInOutcome(outcome);
  }

  async function showCheckInOutcome(outcome: CheckInOutcome): Promise<void> {
    switch (outcome.kind) {
      case "checked-in":
      case "walk-in-instead": {
        const { answer } = outcome;
        const qrSvg = await drawQrSvg(answer.trackingUrl);
        const service = config.peek()?.services.find((s) => s.id === answer.ticket.serviceId);
        const arrival =
          outcome.kind === "walk-in-instead"
            ? "late-walk-in"
            : outcome.late
              ? "late-clerk-decides"
              : "on-time";
        showTicket({
          body: answer,
          service,
          qrSvg,
          shownAt: serverNow(),
          appointment: { slotStart: outcome.slotStart, arrival },
        });
        break;
      }
      case "refused":
        // Shown on the check-in screen, in the kiosk's words.
        break;
      case "unreachable":
        connection.commandUnanswered();
        break;
      case "denied":
        options.onDenied?.();
        break;
      default: {
        const unknown: never = outcome;
        return unknown;
      }
    }
  }

  function endCooldownLater(): void {
    coolingDown.value = true;
    setTimeout(() => {
      coolingDown.value = false;
    }, guard.cooldownLeft());
  }

  async function tapService(serviceId: string): Promise<void> {
    noteInteraction();
    const choice = services.peek().find((c) => c.service.id === serviceId);
    // Off or finished for today: the button says so; a late tap issues nothing.
    if (!choice || !isTappable(choice)) return;
    const { service } = choice;
    if (choice.availability === "appointment") {
      error.value = null;
      citizen.openAppointmentInfo(serviceId);
      return;
    }
    const command = {
      type: "issueTicket" as const,
      serviceId,
      priority: priority.peek(),
      lang: language.peek(),
      channel: "kiosk" as const,
    };
    const key = guard.begin(JSON.stringify(command));
    if (!key) return;
    batch(() => {
      error.value = null;
      pendingServiceId.value = serviceId;
    });
    const answer = readIssueAnswer(await live.command(command, key));
    switch (answer.kind) {
      case "issued": {
        guard.answered();
        const qrSvg = await drawQrSvg(answer.body.trackingUrl);
        showTicket({ body: answer.body, service, qrSvg, shownAt: serverNow(), appointment: null });
        break;
      }
      case "refused":
        guard.answered();
        error.value = { code: answer.code, at: serverNow() };
        break;
      case "unreachable":
        guard.noAnswer();
        connection.commandUnanswered();
        break;
      case "denied":
        // Not a kiosk of this office (any more): the pairing screen, not an error to the citizen.
        guard.answered();
        options.onDenied?.();
        break;
    }
    pendingServiceId.value = null;
    endCooldownLater();
  }

  function showTicket(ticket: IssuedTicket): void {
    batch(() => {
      issued.value = ticket;
      citizen.ticketIssued();
      checkIn.close();
      ticketDoneEnabled.value = false;
    });
    // The finger that tapped the service may bounce onto "Done": it wakes up a moment later.
    setTimeout(() => {
      ticketDoneEnabled.value = true;
    }, DOUBLE_TAP_WINDOW_MS);
    // Printing waits for the receipt (with its QR code) to be on the page.
    if (options.autoPrint) setTimeout(printTicket, 300);
  }

  function printTicket(): void {
    noteInteraction();
    window.print();
  }

  /** "Done" or the automatic return: the ticket's holder is gone, the next person starts in the office's language. */
  function finishTicket(): void {
    noteInteraction();
    batch(() => {
      issued.value = null;
      citizen.reset();
    });
  }

  return {
    officeId: options.officeId,
    live,
    now,
    config,
    languages,
    language,
    messages,
    services,
    screen,
    priority,
    pendingServiceId,
    busy,
    issued,
    ticketDoneEnabled,
    secondsUntilReturn,
    error,
    appointmentServiceId,
    checkIn,
    offersCheckIn,
    chooseLanguage,
    togglePriority,
    tapService,
    closeAppointmentInfo,
    dismissError,
    openCheckIn,
    closeCheckIn,
    pressCodeKey,
    eraseCodeKey,
    typeCode,
    submitCheckIn,
    printTicket,
    finishTicket,
    noteInteraction,
  };
}

export type KioskModel = ReturnType<typeof createKioskModel>;
