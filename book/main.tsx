// Polyfills first: the code bundled below calls functions Chromium 64 and Safari 12 lack.
import "../shared/client/polyfills";
import "../shared/ui/base.css";
import "../shared/ui/phone-page.css";
import "./styles/book.css";
import { effect } from "@preact/signals";
import { render } from "preact";
import { officeIdFromUrl } from "../shared/ui/app-params";
import { createAppointmentsApi } from "./model/appointments-api";
import { createBookingPageModel } from "./model/booking-page-model";
import { createManagePageModel } from "./model/manage-page-model";
import { isManagePath, parseManagePath } from "./model/manage-path";
import { solveInWorker } from "./model/solve-in-worker";
import { BookingApp } from "./ui/BookingApp";
import { ManageApp } from "./ui/ManageApp";

/** How often the manage page looks at the clock: the "I'm here" button appears within this of the window opening. */
const CLOCK_TICK_MS = 15_000;

const api = createAppointmentsApi((url, init) => fetch(url, init));
const root = document.getElementById("app");

if (isManagePath(location.pathname)) {
  // Served at /a/{office}/{token} (the link given with the booking): the path says which booking.
  const model = createManagePageModel(parseManagePath(location.pathname), { api });
  effect(() => {
    document.documentElement.lang = model.language.value;
    const appointment = model.appointment.value;
    const title = model.messages.value.book.manage.title;
    document.title = appointment ? `${appointment.code} · ${title}` : title;
  });
  setInterval(model.tick, CLOCK_TICK_MS);
  if (root) render(<ManageApp model={model} />, root);
  void model.start();
} else {
  const model = createBookingPageModel(officeIdFromUrl(), {
    api,
    solveProof: solveInWorker,
    // Opened from the counter console or the dashboard: "Book an appointment for a caller".
    staffLink: new URLSearchParams(location.search).get("staff") === "1",
  });
  effect(() => {
    document.documentElement.lang = model.language.value;
    const office = model.office.value?.name;
    const appName = model.messages.value.book.appName;
    document.title = office ? `${appName} · ${office}` : appName;
  });
  // Once booked, the address becomes the manage link: a reload or a bookmark opens the booking.
  // Booking another puts the booking page's own address back.
  const bookingAddress = location.pathname + location.search;
  effect(() => {
    const booked = model.confirmation.value;
    try {
      const manage = booked ? new URL(booked.booked.manageUrl, location.href) : null;
      if (manage && manage.origin === location.origin) {
        history.replaceState(null, "", manage.pathname);
      } else if (!booked && location.pathname + location.search !== bookingAddress) {
        history.replaceState(null, "", bookingAddress);
      }
    } catch {
      // the address stays as it is; the manage link is on the page as a button
    }
  });
  if (root) render(<BookingApp model={model} />, root);
  void model.start();
}
