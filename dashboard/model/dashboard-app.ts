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
import { dashboardMessages } from "../../shared/i18n/dashboard";
import { createLiveModel, type LiveModel } from "./live-model";
import { createReportsModel, type ReportsModel } from "./reports-model";
import { createSetupModel, type SetupModel } from "./setup-model";
import { type Tab, tabFromHash, visibleTabs } from "./tabs";

/** Everything a signed-in supervisor's page holds; made again for each sign-in. */
export interface Workspace {
  live: LiveModel;
  reports: ReportsModel;
  /** Only for the office's administrators. */
  setup: SetupModel | null;
  dispose(): void;
}

/**
 * The dashboard page: the session first (sign in; no grant here; a clerk,
 * who is sent to the counter console), then, for supervisors and
 * administrators of the office, the live view, the reports and — for
 * administrators — the setup. As the counter does, it asks /api/auth/me again
 * when the server turns a socket or a request away.
 */
export function createDashboardApp(officeId: string) {
  const session = createStaffSession({ officeId });
  const chosenLanguage = signal<string | null>(rememberedLanguage("dashboard"));
  const office = signal<OfficeLabel | null>(null);
  const tab = signal<Tab>(tabFromHash(location.hash));
  const canSupervise = computed(() => hasRole(session.role.value, "supervisor"));
  const isAdmin = computed(() => hasRole(session.role.value, "admin"));
  const tabs = computed(() => visibleTabs(isAdmin.value));
  /** The section shown: the one asked for, if this person may see it. */
  const shownTab = computed<Tab>(() => (tabs.value.includes(tab.value) ? tab.value : "live"));

  const lang = computed(() =>
    staffLanguage(
      workspace.value?.live.state.value?.config.languages ?? office.value?.languages,
      chosenLanguage.value,
    ),
  );
  const messages = computed(() => dashboardMessages(lang.value));
  const myGrants = computed(() => session.me.value?.account.grants ?? []);
  const myAccountId = computed(() => session.me.value?.account.id ?? null);

  function open(): Workspace {
    const callbacks = { onUnauthorized: session.lost, onForbidden: session.refresh };
    const live = createLiveModel({ officeId, lang, ...callbacks });
    const reports = createReportsModel({ officeId, ...callbacks });
    const setup = isAdmin.peek()
      ? createSetupModel({ officeId, state: live.state, myGrants, myAccountId, ...callbacks })
      : null;
    return {
      live,
      reports,
      setup,
      dispose() {
        live.dispose();
        setup?.dispose();
      },
    };
  }

  // One workspace (and one socket) per signed-in session with at least the supervisor's role.
  const opened = perSession(session, {
    ready: () => session.stage.value === "signed-in" && canSupervise.value,
    variant: () => isAdmin.value,
    open,
    denied: (current) => current.live.live.denial.value !== null,
  });
  const workspace = opened.current;

  const stopDocumentEffect = effect(() => {
    document.documentElement.lang = lang.value;
    const name = workspace.value?.live.state.value?.config.name ?? office.value?.name;
    const appName = messages.value.dashboard.appName;
    document.title = name ? `${appName} — ${name}` : appName;
  });

  const onHash = () => {
    tab.value = tabFromHash(location.hash);
  };
  window.addEventListener("hashchange", onHash);

  fetchOfficeLabel(officeId).then((label) => {
    office.value = label;
  });
  session.start();

  return {
    officeId,
    session,
    office,
    workspace,
    lang,
    messages,
    canSupervise,
    isAdmin,
    tabs,
    tab: shownTab,
    chooseTab(next: Tab): void {
      // The address keeps the section (and the reports' range, written by the reports view).
      history.replaceState(null, "", `#${next}`);
      tab.value = next;
    },
    setLanguage(next: string): void {
      chosenLanguage.value = next;
      rememberLanguage("dashboard", next);
    },
    dispose(): void {
      window.removeEventListener("hashchange", onHash);
      opened.dispose();
      stopDocumentEffect();
      session.dispose();
    },
  };
}

export type DashboardApp = ReturnType<typeof createDashboardApp>;
