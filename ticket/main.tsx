import "../shared/ui/base.css";
import "./styles/ticket.css";
import { render } from "preact";
import { createTicketPageModel } from "./model/ticket-page-model";
import { App } from "./ui/App";

// Served at /t/{office}/{token} (the link in the ticket's QR code): the path says which ticket.
const model = createTicketPageModel(location.pathname);
const root = document.getElementById("app");
if (root) render(<App model={model} />, root);
