import { batch, computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";
import { type ConnectionStatus, LiveOffice } from "../../shared/client/live-office";
import { BASES, format } from "../../shared/i18n";
import { type TicketMessages, ticketMessages } from "../../shared/i18n/ticket";
import type { TicketView } from "../../shared/protocol/api";
import { browserLanguages } from "../../shared/ui/app-params";
import { createFeedbackForm } from "./feedback-form";
import { canGiveUpPlace } from "./give-up";
import { cancelTicket, fetchOffice, fetchTicket, type OfficeInfo } from "./ticket-api";
import {
  type LanguageChoice,
  rememberedLanguage,
  rememberLanguage,
  ticketLanguage,
} from "./ticket-language";
import { parseTicketPath, type TicketTarget } from "./ticket-path";
import {
  alertTurn,
  dismissTurnAlert,
  type NotifyPermission,
  notifyPermission,
  requestNotifyPermission,
} from "./turn-alert";

/** What the page can show: still loading, the ticket, a link that is no ticket, or no answer yet. */
export type PageState = "loading" | "ready" | "invalid" | "unreachable";
export type CancelStep = "idle" | "confirm" | "sending" | "failed";

const OFFICE_RETRY_MS = 10_000;
/** Statuses a ticket never leaves: the page stops following it live. */
export const FINAL_STATUSES: readonly string[] = ["done", "no-show", "cancelled", "expired"];

const newKey = () => newIdempotencyKey("ticket");

/**
 * The citizen's own ticket, live: a first paint from GET …/tickets/{token},
 * then every change pushed on a ticket socket (only this ticket's position,
 * never the queue). Alerts the person when they are called.
 */
export function createTicketPageModel(pathname: string) {
  const target: TicketTarget | null = parseTicketPath(pathname);
  const page = signal<PageState>(target ? "loading" : "invalid");
  const ticket = signal<TicketView | null>(null);
  const office = signal<OfficeInfo | null>(null);
  const permission = signal<NotifyPermission>(notifyPermission());
  const cancelStep = signal<CancelStep>("idle");
  let live: LiveOffice | null = null;
  const liveStatus = signal<ConnectionStatus>("connecting");
  let cancelKey: string | null = null;
  const feedbackForm = createFeedbackForm(target);
  /** Live frames do not say whether feedback is open: a served ticket is read once over HTTP. */
  let feedbackAsked = false;

  const languageChoice = signal<LanguageChoice | null>(rememberedLanguage());
  /** The office's languages that Turno has, the office's own first: the switch offers these. */
  const languages = computed(() =>
    (office.value?.languages ?? Object.keys(BASES)).filter((lang) => BASES[lang]),
  );
  const language = computed(() =>
    ticketLanguage({
      officeLanguages: languages.value,
      ticketId: ticket.value?.id ?? null,
      ticketLang: ticket.value?.lang,
      remembered: languageChoice.value,
      browser: browserLanguages(),
    }),
  );
  const messages: ReadonlySignal<TicketMessages> = computed(() => ticketMessages(language.value));
  const finished = computed(() => FINAL_STATUSES.includes(ticket.value?.status ?? ""));
  const serviceName = computed(() => {
    const serviceId = ticket.value?.serviceId;
    const names = office.value?.services.find((s) => s.id === serviceId)?.names;
    if (!names) return "";
    return names[language.value] ?? Object.values(names)[0] ?? "";
  });

  function show(next: TicketView): void {
    const previous = ticket.peek();
    batch(() => {
      ticket.value = next;
      page.value = "ready";
      // Called while the question was open: it is gone, and must not come back by itself
      // if the ticket waits again later (a transfer).
      if (!canGiveUpPlace(next.status) && cancelStep.peek() !== "sending")
        cancelStep.value = "idle";
    });
    // Only a change to "called" alerts: opening the page on an old call should not buzz.
    if (previous && previous.status !== "called" && next.status === "called") {
      const m = messages.peek().ticket.notify;
      const counter = next.counterName ?? "";
      void alertTurn({
        title: format(m.title, { code: next.code }),
        body: format(m.body, { counter }),
        tag: next.id,
        url: pathname,
      });
    }
    if (previous?.status === "called" && next.status !== "called") void dismissTurnAlert(next.id);
    // Nothing more will happen to a finished ticket: free the office's socket.
    if (FINAL_STATUSES.includes(next.status)) live?.close();
    if (next.status === "done" && next.feedback === undefined && target && !feedbackAsked) {
      feedbackAsked = true;
      void fetchTicket(target.officeId, target.token).then((fresh) => {
        if (fresh.kind === "ok" && fresh.value.status === "done") show(fresh.value);
      });
    }
  }

  function followLive(where: TicketTarget): void {
    live = new LiveOffice({
      officeId: where.officeId,
      role: "ticket",
      token: where.token,
      onTicket: show,
      // The office closed the socket because the ticket ended (its last frame normally came
      // first): read the final state once over HTTP in case that frame was lost, and stop.
      onTicketEnded: () => void showFinalState(where),
    });
    const socket = live;
    effect(() => {
      liveStatus.value = socket.status.value;
    });
  }

  async function showFinalState(where: TicketTarget): Promise<void> {
    if (finished.peek()) return;
    const last = await fetchTicket(where.officeId, where.token);
    if (last.kind === "ok") show(last.value);
  }

  async function loadOffice(where: TicketTarget): Promise<void> {
    const answer = await fetchOffice(where.officeId);
    if (answer.kind === "ok") office.value = answer.value;
    else if (answer.kind === "failed") setTimeout(() => void loadOffice(where), OFFICE_RETRY_MS);
  }

  async function start(where: TicketTarget): Promise<void> {
    void loadOffice(where);
    const first = await fetchTicket(where.officeId, where.token);
    switch (first.kind) {
      case "ok":
        show(first.value);
        if (finished.peek()) return;
        break;
      case "not-found":
        // No such ticket: no socket either (it would be refused and retried forever).
        page.value = "invalid";
        return;
      case "failed":
        // The office is unreachable for now; the live socket keeps trying and fills the page in.
        page.value = "unreachable";
        break;
    }
    followLive(where);
  }

  if (target) void start(target);

  // The tab's title tells the person, even from another tab, when it is their turn.
  effect(() => {
    const current = ticket.value;
    const m = messages.value.ticket;
    document.documentElement.lang = language.value;
    if (!current) {
      document.title = m.appName;
    } else if (current.status === "called") {
      document.title = `▶ ${current.code} → ${current.counterName ?? ""}`;
    } else {
      document.title = `${current.code} · ${m.status[current.status as keyof typeof m.status] ?? ""}`;
    }
  });

  /** The person's own choice, for this ticket, kept on the phone. */
  function chooseLanguage(lang: string): void {
    const ticketId = ticket.peek()?.id;
    if (!ticketId) return;
    const choice = { ticketId, lang };
    rememberLanguage(choice);
    languageChoice.value = choice;
  }

  async function sendFeedback(): Promise<void> {
    const outcome = await feedbackForm.send();
    const current = ticket.peek();
    // Too late, or the link is gone: the question goes rather than failing.
    if (outcome === "closed" && current) ticket.value = { ...current, feedback: "closed" };
  }

  async function enableNotifications(): Promise<void> {
    permission.value = await requestNotifyPermission();
  }

  function askToCancel(): void {
    cancelKey = newKey();
    cancelStep.value = "confirm";
  }

  function keepPlace(): void {
    cancelKey = null;
    cancelStep.value = "idle";
  }

  async function confirmCancel(): Promise<void> {
    const current = ticket.peek();
    if (!target || !current || cancelStep.peek() === "sending") return;
    cancelKey ??= newKey();
    cancelStep.value = "sending";
    const outcome = await cancelTicket(target.officeId, target.token, cancelKey);
    if (outcome === "cancelled") {
      cancelKey = null;
      cancelStep.value = "idle";
      // The socket would say so too (it is closed now); showing it at once spares a wait.
      show({ ...current, status: "cancelled", peopleAhead: null, estimatedWaitSeconds: null });
      return;
    }
    if (outcome === "refused") {
      // Refused (already being served, already finished): what the server says next is the truth.
      cancelKey = null;
      const fresh = await fetchTicket(target.officeId, target.token);
      if (fresh.kind === "ok") {
        show(fresh.value);
        // Called or served meanwhile: the page says so; there is no failure to report.
        if (!canGiveUpPlace(fresh.value.status)) {
          cancelStep.value = "idle";
          return;
        }
      }
    }
    cancelStep.value = "failed";
  }

  return {
    page,
    ticket,
    office,
    languages,
    language,
    chooseLanguage,
    messages,
    serviceName,
    finished,
    liveStatus,
    permission,
    cancelStep,
    enableNotifications,
    askToCancel,
    keepPlace,
    confirmCancel,
    feedbackForm,
    sendFeedback,
  };
}

export type TicketPageModel = ReturnType<typeof createTicketPageModel>;
