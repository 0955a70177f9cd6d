import { computed, effect, signal } from "@preact/signals";
import { hasRole } from "../../shared/access/ranks";
import { fetchOfficeLabel, type OfficeLabel } from "../../shared/client/office-label";
import { perSession } from "../../shared/client/per-session";
import {
  rememberedLanguage,
  rememberLanguage,
  staffLanguage,
} from "../../shared/client/staff-language";
import { createStaffSession } from "../../shared/client/staff-session";
import { counterMessages } from "../../shared/i18n/counter";
import { createCounterModel } from "./counter-model";

/**
 * The counter console page: first the session (login, or "no access to this
 * office"), then, only for someone with a grant for the office, the console
 * itself (counter-model.ts) with its live socket. When the server turns the
 * socket or a command away (4401/4403, 401), the page asks /api/auth/me
 * again and goes back to the login if the session is over.
 */
export function createCounterApp(officeId: string) {
  const session = createStaffSession({ officeId });
  const chosenLanguage = signal<string | null>(rememberedLanguage("counter"));
  const office = signal<OfficeLabel | null>(null);
  const passwordOpen = signal(false);
  const canChangeMode = computed(() => hasRole(session.role.value, "supervisor"));

  const lang = computed(() =>
    staffLanguage(
      model.value?.state.value?.config.languages ?? office.value?.languages,
      chosenLanguage.value,
    ),
  );
  const messages = computed(() => counterMessages(lang.value));

  // One console per signed-in session: a new one (and a new socket) for each sign-in or renewal.
  const opened = perSession(session, {
    ready: () => session.stage.value === "signed-in",
    open: () =>
      createCounterModel({
        officeId,
        chosenLanguage,
        canChangeMode,
        onUnauthorized: session.lost,
        onForbidden: session.refresh,
      }),
    denied: (current) => current.live.denial.value !== null,
  });
  const model = opened.current;

  // Signed out: the password dialog goes with the console.
  const stopDialogEffect = effect(() => {
    if (session.stage.value !== "signed-in") passwordOpen.value = false;
  });

  // Outside the console the page still says where it is and in which language.
  const stopDocumentEffect = effect(() => {
    if (model.value) return; // the console keeps its own title (the counter's name)
    document.documentElement.lang = lang.value;
    document.title = messages.value.counter.appName;
  });

  // The login screen names the office (public data: its name and languages).
  fetchOfficeLabel(officeId).then((label) => {
    office.value = label;
  });
  session.start();

  return {
    officeId,
    session,
    model,
    office,
    lang,
    messages,
    canChangeMode,
    passwordOpen,
    openPasswordDialog(): void {
      passwordOpen.value = true;
    },
    closePasswordDialog(): void {
      passwordOpen.value = false;
    },
    setLanguage(next: string): void {
      chosenLanguage.value = next;
      rememberLanguage("counter", next);
    },
    dispose(): void {
      opened.dispose();
      stopDialogEffect();
      stopDocumentEffect();
      session.dispose();
    },
  };
}

export type CounterApp = ReturnType<typeof createCounterApp>;
