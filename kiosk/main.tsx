// Polyfills first: the code bundled below calls functions Chromium 64 and Safari 12 lack.
import "../shared/client/polyfills";
import "../shared/ui/base.css";
import "./styles/kiosk.css";
import "./styles/check-in.css";
import "./styles/receipt.css";
import "./styles/old-engines.css";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createKioskApp } from "./model/kiosk-app";
import { Root } from "./ui/Root";

const app = createKioskApp({
  officeId: officeIdFromUrl(),
  autoPrint: new URLSearchParams(location.search).get("print") === "auto",
});

// Any touch or key counts as someone using the kiosk (it resets language and priority when idle).
document.addEventListener("pointerdown", app.noteInteraction, { capture: true });
document.addEventListener("keydown", app.noteInteraction, { capture: true });

const root = document.getElementById("app");
if (root) render(<Root app={app} />, root);
