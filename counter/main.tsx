// Polyfills first: the code bundled below calls functions Chromium 64 and Safari 12 lack.
import "../shared/client/polyfills";
import "../shared/ui/base.css";
import "./styles/counter.css";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createCounterApp } from "./model/counter-app";
import { shortcutAction } from "./model/shortcuts";
import { App } from "./ui/App";

const app = createCounterApp(officeIdFromUrl());

// Keyboard first: one letter per action, anywhere on the console (see shortcuts.ts for when not).
document.addEventListener("keydown", (event) => {
  const model = app.model.peek();
  if (!model?.view.peek()) return;
  // Esc takes back a no-show still in its undo window (a dialog's Esc stays the dialog's).
  if (
    event.key === "Escape" &&
    model.pendingNoShow.peek() &&
    !document.querySelector("dialog[open]")
  ) {
    event.preventDefault();
    model.undoNoShow();
    return;
  }
  const action = shortcutAction(event);
  if (!action) return;
  event.preventDefault();
  model.run(action);
});

const root = document.getElementById("app");
if (root) render(<App app={app} />, root);
