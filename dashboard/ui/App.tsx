import { officeLabelText } from "../../shared/client/office-label";
import { format } from "../../shared/i18n";
import { LoginScreen } from "../../shared/ui/LoginScreen";
import { NoAccessScreen } from "../../shared/ui/NoAccessScreen";
import type { DashboardApp, Workspace } from "../model/dashboard-app";
import { Header } from "./Header";
import { LiveView } from "./live/LiveView";
import { NeedsSupervisor } from "./NeedsSupervisor";
import { ReportsView } from "./reports/ReportsView";
import { SetupView } from "./setup/SetupView";
import { Tabs } from "./Tabs";

/**
 * Header, then the session (checking, sign in, no access, a clerk's "needs a
 * supervisor"), then the chosen section: live, reports or setup.
 */
export function App({ app }: { app: DashboardApp }) {
  const workspace = app.workspace.value;
  return (
    <div class="app">
      <Header app={app} />
      {workspace && <Tabs app={app} />}
      <main class="app-main" id="main" tabIndex={-1}>
        {workspace ? <Section app={app} workspace={workspace} /> : <SessionScreen app={app} />}
      </main>
    </div>
  );
}

function SessionScreen({ app }: { app: DashboardApp }) {
  const { session } = app;
  const messages = app.messages.value;
  const screen = {
    session,
    messages: messages.auth,
    officeName: officeLabelText(app.office.value, app.officeId),
    intro: messages.dashboard.signInIntro,
  };
  switch (session.stage.value) {
    case "signed-out":
      return <LoginScreen {...screen} />;
    case "no-access":
      return <NoAccessScreen {...screen} />;
    case "signed-in":
      if (!app.canSupervise.value) return <NeedsSupervisor app={app} />;
      return <Checking app={app} />;
    case "checking":
      return <Checking app={app} />;
  }
}

function Checking({ app }: { app: DashboardApp }) {
  const m = app.messages.value.auth;
  return (
    <div class="app-placeholder" role="status" data-testid="session-checking">
      {app.session.unreachable.value ? m.unreachable : m.checking}
    </div>
  );
}

function Section({ app, workspace }: { app: DashboardApp; workspace: Workspace }) {
  const m = app.messages.value.dashboard;
  const live = workspace.live;
  const state = live.state.value;
  if (!state) {
    const unknownOffice = live.live.serverError.value?.code === "unknown_office";
    return (
      <div class="app-placeholder" role={unknownOffice ? "alert" : "status"}>
        {unknownOffice
          ? format(m.header.unknownOffice, { office: app.officeId })
          : m.header.connection.connecting}
      </div>
    );
  }
  switch (app.tab.value) {
    case "live":
      return <LiveView app={app} live={live} />;
    case "reports":
      return <ReportsView app={app} live={live} reports={workspace.reports} />;
    case "setup":
      return workspace.setup ? (
        <SetupView app={app} live={live} setup={workspace.setup} />
      ) : (
        <LiveView app={app} live={live} />
      );
  }
}
