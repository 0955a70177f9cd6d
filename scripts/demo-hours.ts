/**
 * Trying Turno in the evening: the demo office keeps a real office's hours,
 * so its kiosk refuses tickets at 21:00 as a real one would.
 * TURNO_DEMO_ALWAYS_OPEN=1 opens the demo office (and only it) around the
 * clock; a later start without it gives the demo its office hours back. A
 * marker in the state folder says that `npm start` made the change, so hours
 * an administrator set are never overwritten; neither is a demo office whose
 * services or counters were changed in Setup.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  DEMO_OFFICE_ID,
  demoOfficeWithBookings,
  OPEN_AROUND_THE_CLOCK,
} from "../shared/demo-office";
import { STATE_DIR } from "./operator";

const MARKER = join(STATE_DIR, "demo-always-open");

export type DemoHours = "always-open" | "office-hours" | "left-alone";

interface OfficeSummary {
  services: { id: string }[];
  counters: { id: string }[];
  open: boolean;
}

export async function applyDemoHours(
  base: string,
  token: string,
  alwaysOpen: boolean,
): Promise<DemoHours> {
  const marked = existsSync(MARKER);
  if (alwaysOpen === marked) return alwaysOpen ? "always-open" : "office-hours";
  if (!isStillTheDemo(await demoOffice(base))) return "left-alone";
  const config = alwaysOpen
    ? { ...demoOfficeWithBookings, openingHours: OPEN_AROUND_THE_CLOCK, closedDates: [] }
    : demoOfficeWithBookings;
  const answer = await fetch(`${base}/api/offices/${DEMO_OFFICE_ID}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(config),
  });
  if (!answer.ok)
    throw new Error(
      `could not change the demo office's hours: ${answer.status} ${await answer.text()}`,
    );
  if (alwaysOpen)
    writeFileSync(
      MARKER,
      "npm start opened the demo office around the clock (TURNO_DEMO_ALWAYS_OPEN=1)\n",
    );
  else rmSync(MARKER, { force: true });
  return alwaysOpen ? "always-open" : "office-hours";
}

/** Whether the demo office is open now (its kiosk issues tickets). */
export async function demoIsOpen(base: string): Promise<boolean> {
  return (await demoOffice(base)).open;
}

async function demoOffice(base: string): Promise<OfficeSummary> {
  const answer = await fetch(`${base}/api/offices/${DEMO_OFFICE_ID}`);
  if (!answer.ok) throw new Error(`could not read the demo office: ${answer.status}`);
  return (await answer.json()) as OfficeSummary;
}

/** The demo's own services and counters: replacing its configuration then changes only its hours. */
function isStillTheDemo(office: OfficeSummary): boolean {
  const ids = (items: { id: string }[]) => items.map((item) => item.id).join(",");
  return (
    ids(office.services) === ids(demoOfficeWithBookings.services) &&
    ids(office.counters) === ids(demoOfficeWithBookings.counters)
  );
}
