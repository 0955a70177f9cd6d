import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";

/**
 * What one citizen chose at the kiosk: their language, a priority ticket, the
 * appointment explanation they opened. All of it is theirs alone: it goes back
 * to the office's defaults as soon as their ticket screen closes ("Done" or the
 * automatic return), and after a minute of nobody touching the kiosk, so the
 * next person never starts in the previous one's language.
 */
export function createCitizenChoices(languages: ReadonlySignal<readonly string[]>) {
  const chosenLanguage = signal<string | null>(null);
  const priority = signal(false);
  const appointmentServiceId = signal<string | null>(null);

  /** The chosen language if the office offers it, else the office's own (its first). */
  const language = computed(() => {
    const chosen = chosenLanguage.value;
    const offered = languages.value;
    return chosen && offered.includes(chosen) ? chosen : (offered[0] ?? "en");
  });

  return {
    language,
    priority: priority as ReadonlySignal<boolean>,
    appointmentServiceId: appointmentServiceId as ReadonlySignal<string | null>,
    chooseLanguage(lang: string): void {
      chosenLanguage.value = lang;
    },
    togglePriority(): void {
      priority.value = !priority.peek();
    },
    openAppointmentInfo(serviceId: string): void {
      appointmentServiceId.value = serviceId;
    },
    closeAppointmentInfo(): void {
      appointmentServiceId.value = null;
    },
    /** A number was issued: priority was for that ticket only; the language stays for its screen. */
    ticketIssued(): void {
      priority.value = false;
    },
    /** The ticket screen closed, or nobody touched the kiosk for a while: the next person starts afresh. */
    reset(): void {
      batch(() => {
        if (chosenLanguage.peek() !== null) chosenLanguage.value = null;
        if (priority.peek()) priority.value = false;
        if (appointmentServiceId.peek() !== null) appointmentServiceId.value = null;
      });
    },
  };
}
