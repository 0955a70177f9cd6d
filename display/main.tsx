// Polyfills first: the shared engine bundled below uses functions Chromium 47 lacks.
import "./polyfills";
import "../shared/ui/base.css";
import "./display.css";
import { effect } from "@preact/signals-core";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { startBurnInShift } from "./burn-in";
import { DisplayApp } from "./components/display-app";
import { createDisplayModel } from "./display-model";
import { hidePointerWhenIdle } from "./idle-cursor";
import { watchVersion } from "./version-watch";

/*
 * The waiting-room screen: /display/?office=<office>. It never needs a person:
 * it reconnects by itself, polls when WebSockets fail, and reloads when a new
 * version is deployed. For sound without a tap, start the player's browser
 * with --autoplay-policy=no-user-gesture-required (see chime.ts).
 */
const model = createDisplayModel(officeIdFromUrl());

effect(() => {
  document.documentElement.lang = model.lang.value;
  const name = model.data.value?.officeName;
  document.title = name ? `${model.messages.value.display.pageTitle} · ${name}` : "Turno";
});

// "S" opens the voice controls (a keyboard or a TV remote with letters); the panel handles its own keys.
document.addEventListener("keydown", (event) => {
  if ((event.key === "s" || event.key === "S") && !model.settingsOpen.peek()) {
    event.preventDefault();
    model.openSettings();
  }
});

const root = document.getElementById("display");
if (root) {
  // The whole screen re-renders when a signal it reads changes (new data, the minute, a highlight
  // ending): a few times a minute, cheap for Preact, and it spares the display the size of
  // @preact/signals' per-component bindings (see the size budget in scripts/build.ts).
  effect(() => render(<DisplayApp model={model} />, root));
  startBurnInShift(root);
  hidePointerWhenIdle(root);
}
watchVersion();
