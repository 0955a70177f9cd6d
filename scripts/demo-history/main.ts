/**
 * `npm run demo:history`: fills the demo office of a running Turno (`npm
 * start`) with 90 days of realistic past tickets, so the reports show
 * something real on a fresh install. Safe to run twice: tickets already
 * there are skipped. Never asks for input.
 *
 *   DEMO_HISTORY_DAYS   how many open days back (default 90)
 *   TURNO_URL, TURNO_SETUP_TOKEN   as for `npm run account`
 */

import { DEMO_OFFICE_ID, demoOfficeConfig } from "../../shared/demo-office";
import { localDay } from "../../shared/engine/clock";
import { describeFailure, operatorCall, PORT, setupToken } from "../operator";
import { generateHistory, openDays } from "./generate";

/** The import route takes up to 5,000 tickets a request. */
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
  const today = localDay(Date.now(), demoOfficeConfig.timeZone);
  const days = openDays(demoOfficeConfig, today, dayCount);
  const tickets = generateHistory(demoOfficeConfig, days);
  let added = 0;
  for (let start = 0; start < tickets.length; start += BATCH) {
    const answer = await operatorCall<{ added: number }>(
      base,
      token,
      "POST",
      `/api/setup/offices/${DEMO_OFFICE_ID}/history`,
      { tickets: tickets.slice(start, start + BATCH) },
    );
    if (answer.status !== 200) throw describeFailure("importing the history", answer);
    added += answer.body.added;
  }
  console.log(
    `Demo history: ${days.length} open days (${days[0]} → ${days.at(-1)}), ${tickets.length} tickets, ${added} new.`,
  );
  console.log(`See them in the dashboard: ${base}/dashboard/?office=${DEMO_OFFICE_ID} (Reports).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
