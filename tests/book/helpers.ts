import { createAppointmentsApi } from "../../book/model/appointments-api";
import { createBookingPageModel } from "../../book/model/booking-page-model";
import { createManagePageModel } from "../../book/model/manage-page-model";
import { type FakeAppointmentsServer, OFFICE } from "./fake-appointments-server";

/** A page's dependencies over the fake office: its clock is the office's, keys are counted. */
export function pageOver(server: FakeAppointmentsServer) {
  let keys = 0;
  return {
    api: createAppointmentsApi(server.fetch, 1_000),
    now: () => server.now,
    newKey: () => `book-key-${++keys}`,
    qrSvg: async (code: string) => `<svg data-code="${code}"></svg>`,
    // The fake office's challenges are solved by "ab" (the real solver is tested against the Worker).
    solveProof: async () => ({ counter: 1, derivedKey: "ab" }),
  };
}

export async function openBookingPage(server: FakeAppointmentsServer) {
  const model = createBookingPageModel(OFFICE, pageOver(server));
  await model.start();
  return model;
}

export async function openManagePage(server: FakeAppointmentsServer, token: string) {
  const model = createManagePageModel({ officeId: OFFICE, token }, pageOver(server));
  await model.start();
  return model;
}

/** The requests the page sent that change something. */
export function changes(server: FakeAppointmentsServer) {
  return server.requests.filter((r) => r.method !== "GET");
}

export const MINUTE = 60_000;
