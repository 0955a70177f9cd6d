/**
 * `npm run demo:history`: fills the demo office of a running Turno (`npm
 * start`) with 90 days of realistic past tickets, and the past bookings of
 * its appointment services (building permits, school enrolment), so the
 * reports show something real on a fresh install. Safe to run twice: tickets
 * and bookings already there are skipped. Never asks for input.
 *
 *   DEMO_HISTORY_DAYS   how many open days back (default 90)
 *   TURNO_URL, TURNO_SETUP_TOKEN   as for `npm run account`
 */

import { DEMO_OFFICE_ID, demoOfficeWithBookings } from "../../shared/demo-office";
import { localDay } from "../../shared/engine/clock";
import { describeFailure, operatorCall, PORT, setupToken } from "../operator";
import { generatePast, openDays } from "./generate";

/** The import route takes up to 5,000 tickets (and as many bookings) a request. */
const BATCH = 2500;

async function main(): Promise<void> {
  const base = process.env.TURNO_URL ?? `http://127.0.0.1:${PORT}`;
  const token = setupToken();
  const dayCount = Number(process.env.DEMO_HISTORY_DAYS ?? 90);
  const office = await fetch(`${base}/api/offices/${DEMO_OFFICE_ID}`).catch(() => null);
  if (!office?.ok)
    throw new Error(
      `Turno is not running at ${base} with the demo office; start it with npm start.`,
    );
  const config = demoOfficeWithBookings;
  const today = localDay(Date.now(), config.timeZone);
  const days = openDays(config, today, dayCount);
  const { tickets, appointments } = generatePast(config, days);
  let added = 0;
  let appointmentsAdded = 0;
  const batches = Math.max(
    Math.ceil(tickets.length / BATCH),
    Math.ceil(appointments.length / BATCH),
  );
  for (let batch = 0; batch < batches; batch++) {
    const slice = <T>(rows: T[]) => rows.slice(batch * BATCH, (batch + 1) * BATCH);
    const answer = await operatorCall<{ added: number; appointmentsAdded: number }>(
      base,
      token,
      "POST",
      `/api/setup/offices/${DEMO_OFFICE_ID}/history`,
      { tickets: slice(tickets), appointments: slice(appointments) },
    );
    if (answer.status !== 200) throw describeFailure("importing the history", answer);
    added += answer.body.added;
    appointmentsAdded += answer.body.appointmentsAdded;
  }
  console.log(
    `Demo history: ${days.length} open days (${days[0]} → ${days.at(-1)}), ${tickets.length} tickets, ${added} new; ${appointments.length} bookings, ${appointmentsAdded} new.`,
  );
  console.log(`See them in the dashboard: ${base}/dashboard/?office=${DEMO_OFFICE_ID} (Reports).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
