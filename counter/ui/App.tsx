import { format } from "../../shared/i18n";
import type { CounterModel } from "../model/counter-model";
import { Chooser } from "./Chooser";
import { Console } from "./Console";
import { Header } from "./Header";

/** Header, then whichever screen fits: waiting for the office, choosing a counter, or the console. */
export function App({ model }: { model: CounterModel }) {
  return (
    <div class="app">
      <Header model={model} />
      <main class="app-main" id="main">
        <Screen model={model} />
      </main>
    </div>
  );
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
