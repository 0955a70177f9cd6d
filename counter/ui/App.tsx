import { officeLabelText } from "../../shared/client/office-label";
import { format } from "../../shared/i18n";
import { LoginScreen } from "../../shared/ui/LoginScreen";
import { NoAccessScreen } from "../../shared/ui/NoAccessScreen";
import type { CounterApp } from "../model/counter-app";
import type { CounterModel } from "../model/counter-model";
import { Chooser } from "./Chooser";
import { Console } from "./Console";
import { Header } from "./Header";
import { PasswordDialog } from "./PasswordDialog";

/**
 * Header, then whichever screen fits: the session first (checking, login, no
 * access to this office), then waiting for the office, choosing a counter,
 * or the console.
 */
export function App({ app }: { app: CounterApp }) {
  const model = app.model.value;
  return (
    <div class="app">
      <Header app={app} />
      <main class="app-main" id="main">
        {model ? <Screen model={model} /> : <SessionScreen app={app} />}
      </main>
      <PasswordDialog app={app} />
    </div>
  );
}

function SessionScreen({ app }: { app: CounterApp }) {
  const { session } = app;
  const m = app.messages.value.auth;
  const screen = {
    session,
    messages: m,
    officeName: officeLabelText(app.office.value, app.officeId),
  };
  switch (session.stage.value) {
    case "signed-out":
      return <LoginScreen {...screen} />;
    case "no-access":
      return <NoAccessScreen {...screen} />;
    case "checking":
    case "signed-in":
      return (
        <div class="app-placeholder" role="status" data-testid="session-checking">
          {session.unreachable.value ? m.unreachable : m.checking}
        </div>
      );
  }
}

function Screen({ model }: { model: CounterModel }) {
  const m = model.messages.value.counter;
  const serverError = model.live.serverError.value;
  if (!model.state.value) {
    const unknownOffice = serverError?.code === "unknown_office";
    return (
      <div class="app-placeholder" role={unknownOffice ? "alert" : "status"}>
        {unknownOffice
          ? format(m.header.unknownOffice, { office: model.officeId })
          : m.header.connection.connecting}
      </div>
    );
  }
  if (!model.view.value) return <Chooser model={model} />;
  return <Console model={model} />;
}
