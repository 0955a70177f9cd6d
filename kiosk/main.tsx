import "../shared/ui/base.css";
import "./styles/kiosk.css";
import "./styles/receipt.css";
import { effect } from "@preact/signals";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createKioskModel } from "./model/kiosk-model";
import { App } from "./ui/App";

const model = createKioskModel({
  officeId: officeIdFromUrl(),
  autoPrint: new URLSearchParams(location.search).get("print") === "auto",
});

// The page speaks the kiosk's current language, for screen readers and hyphenation.
effect(() => {
  document.documentElement.lang = model.language.value;
  document.title = model.messages.value.kiosk.appName;
});

// Any touch or key counts as someone using the kiosk (it resets language and priority when idle).
document.addEventListener("pointerdown", model.noteInteraction, { capture: true });
document.addEventListener("keydown", model.noteInteraction, { capture: true });

const root = document.getElementById("app");
if (root) render(<App model={model} />, root);
