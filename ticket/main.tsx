// Polyfills first: the code bundled below calls functions Chromium 64 and Safari 12 lack.
import "../shared/client/polyfills";
import "../shared/ui/base.css";
import "../shared/ui/phone-page.css";
import "./styles/ticket.css";
import { render } from "preact";
import { HOME_SCREEN_START, lastTicketPath, rememberTicketPath } from "./model/last-ticket";
import { createTicketPageModel } from "./model/ticket-page-model";
import { registerAlertWorker } from "./model/turn-alert";
import { App } from "./ui/App";

// The home-screen icon opens /t/: go on to the ticket this phone last opened.
const last = location.pathname === HOME_SCREEN_START ? lastTicketPath() : null;
if (last) {
  location.replace(last);
} else {
  // Served at /t/{office}/{token} (the link in the ticket's QR code): the path says which ticket.
  rememberTicketPath(location.pathname);
  const model = createTicketPageModel(location.pathname);
  const root = document.getElementById("app");
  if (root) render(<App model={model} />, root);
  void registerAlertWorker();
}
