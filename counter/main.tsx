import "../shared/ui/base.css";
import "./styles/counter.css";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createCounterModel } from "./model/counter-model";
import { shortcutAction } from "./model/shortcuts";
import { App } from "./ui/App";

const model = createCounterModel(officeIdFromUrl());

// Keyboard first: one letter per action, anywhere on the console (see shortcuts.ts for when not).
document.addEventListener("keydown", (event) => {
  if (!model.view.peek()) return;
  const action = shortcutAction(event);
  if (!action) return;
  event.preventDefault();
  model.run(action);
});

const root = document.getElementById("app");
if (root) render(<App model={model} />, root);
