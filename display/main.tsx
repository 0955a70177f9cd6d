// Polyfills first: the code bundled below calls functions Chromium 47 lacks.
import "../shared/client/polyfills";
import "../shared/ui/base.css";
import "./styles/display.css";
import { computed, effect, signal } from "@preact/signals-core";
import { render } from "preact";
import { createDeviceSession } from "../shared/client/device-session";
import { fetchOfficeLabel, type OfficeLabel } from "../shared/client/office-label";
import { BASES } from "../shared/i18n";
import { displayMessages } from "../shared/i18n/display";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { PairingScreen } from "../shared/ui/PairingScreen";
import { createDisplayModel, type DisplayModel } from "./model/display-model";
import { watchVersion } from "./model/version-watch";
import { startBurnInShift } from "./ui/burn-in";
import { DisplayApp } from "./ui/display-app";
import { hidePointerWhenIdle } from "./ui/idle-cursor";
import { startQueuePages } from "./ui/queue-pages";

/*
 * The waiting-room screen: /display/?office=<office>. It never needs a person
 * once paired: it reconnects by itself, polls when WebSockets fail, and
 * reloads when a new version is deployed. For sound without a tap, start the
 * player's browser with --autoplay-policy=no-user-gesture-required (see chime.ts).
 *
 * First it must be a paired display of the office: a pre-paired
 * link's #device= token, or a code typed on the pairing screen. Until then it
 * opens no socket and polls nothing.
 */
const officeId = officeIdFromUrl();
const device = createDeviceSession({ officeId, role: "display" });
const model = signal<DisplayModel | null>(null);
const office = signal<OfficeLabel | null>(null);

/** Before the office's data arrives: the office's own language if known, else this browser's. */
const pairingLang = computed(() => {
  const first = office.value?.languages[0];
  if (first && BASES[first]) return first;
  const own = (typeof navigator !== "undefined" ? navigator.language || "" : "").slice(0, 2);
  return BASES[own] ? own : "en";
});

effect(() => {
  if (device.stage.value !== "paired") return;
  // Paired again after being cut off: a fresh page rather than a second model beside the stopped one.
  if (model.peek()) location.reload();
  else model.value = createDisplayModel(officeId);
});

effect(() => {
  if (model.value?.denied.value) device.lost();
});

effect(() => {
  const current = model.value;
  if (current && device.stage.value === "paired") {
    document.documentElement.lang = current.lang.value;
    const name = current.data.value?.officeName;
    document.title = name ? `${current.messages.value.display.pageTitle} · ${name}` : "Turno";
  } else {
    document.documentElement.lang = pairingLang.value;
    document.title = "Turno";
  }
});

// "S" opens the voice controls (a keyboard or a TV remote with letters); the panel handles its own keys.
document.addEventListener("keydown", (event) => {
  const current = model.peek();
  if (!current || device.stage.peek() !== "paired") return;
  if ((event.key === "s" || event.key === "S") && !current.settingsOpen.peek()) {
    event.preventDefault();
    current.openSettings();
  }
});

const root = document.getElementById("display");
if (root) {
  // The whole screen re-renders when a signal it reads changes (new data, the minute, a highlight
  // ending): a few times a minute, cheap for Preact, and it spares the display the size of
  // @preact/signals' per-component bindings (see the size budget in scripts/build.ts).
  const layQueuePages = startQueuePages(root);
  effect(() => {
    render(<Screen />, root);
    // After each render, before the frame is painted: the rows that fit, a page at a time.
    layQueuePages();
  });
  startBurnInShift(root);
  hidePointerWhenIdle(root);
}
fetchOfficeLabel(officeId).then((label) => {
  office.value = label;
});
device.start();
watchVersion();

function Screen() {
  const current = model.value;
  const stage = device.stage.value;
  if (current && stage === "paired") return <DisplayApp model={current} />;
  const messages = displayMessages(pairingLang.value);
  if (stage === "unpaired") {
    return (
      <main class="screen is-pairing">
        <PairingScreen
          session={device}
          messages={messages.pairing}
          office={office.value}
          lang={pairingLang.value}
        />
      </main>
    );
  }
  return (
    <div class="screen is-waiting">
      <p class="waiting-text" role="status">
        {messages.display.connecting}
      </p>
    </div>
  );
}
