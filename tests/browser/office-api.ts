/**
 * The HTTP API as the tests use it: a fresh office per test file (the demo
 * office, open all day so nothing depends on the wall clock), tickets and
 * counter actions, and the office's live picture to check the outcome.
 */
import { demoOfficeConfig, OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import type { OfficeConfigInput } from "../../shared/protocol";
import type { CounterAnswer, IssuedTicket, OfficeView } from "../../shared/protocol/responses";
import { timeZoneAwayFromMidnight } from "../support/time-zone";

/** The demo office (shared/demo-office.ts), open all day every day. */
export function openAllDayConfig(): OfficeConfigInput {
  return {
    ...demoOfficeConfig,
    timeZone: timeZoneAwayFromMidnight(),
    openingHours: OPEN_AROUND_THE_CLOCK,
  };
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * The operator's token of the test servers (server.ts passes it to wrangler
 * dev): the tests set up offices, people and devices with it, as `npm start` does.
 */
export const E2E_SETUP_TOKEN = "e2e-operator-token-not-a-secret-0123456789";

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${E2E_SETUP_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // left as text, for the failure message
  }
  return { status: response.status, body: parsed as T };
}

/** Creates a fresh office (a unique id per test file) and returns its id. */
export async function createTestOffice(baseUrl: string, label: string): Promise<string> {
  const officeId = `e2e-${label}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await api(baseUrl, "PUT", `/offices/${officeId}`, openAllDayConfig());
  if (created.status !== 201) {
    throw new Error(
      `could not create office ${officeId}: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  return officeId;
}

/** The answers are the API's own types (shared/protocol/responses.ts). */
export type { CounterAnswer, IssuedTicket, OfficeView };

export async function getOffice(baseUrl: string, officeId: string): Promise<OfficeView> {
  const answer = await api<OfficeView>(baseUrl, "GET", `/offices/${officeId}`);
  if (answer.status !== 200) throw new Error(`GET office ${officeId}: ${answer.status}`);
  return answer.body;
}

export async function issueTicket(
  baseUrl: string,
  officeId: string,
  serviceId: string,
  extra: { priority?: boolean; lang?: string } = {},
): Promise<IssuedTicket> {
  const answer = await api<IssuedTicket>(baseUrl, "POST", `/offices/${officeId}/tickets`, {
    serviceId,
    ...extra,
  });
  if (answer.status !== 201)
    throw new Error(`issue ${serviceId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A counter action through the API (call-next, start, complete, …) that must succeed. */
export async function counterAction(
  baseUrl: string,
  officeId: string,
  counterId: string,
  action: string,
  body: unknown = {},
): Promise<CounterAnswer> {
  const method = action === "mode" ? "PUT" : "POST";
  const answer = await api<CounterAnswer>(
    baseUrl,
    method,
    `/offices/${officeId}/counters/${counterId}/${action}`,
    body,
  );
  if (answer.status !== 200) {
    throw new Error(`${counterId} ${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** A pre-paired device link's token, as `npm start` prints (…/kiosk/?office=x#device=TOKEN). */
export async function deviceToken(
  baseUrl: string,
  officeId: string,
  role: "kiosk" | "display",
): Promise<string> {
  const answer = await api<{ token: string }>(baseUrl, "POST", "/setup/devices", {
    office: officeId,
    role,
    name: `E2E ${role}`,
  });
  if (answer.status !== 201) throw new Error(`pairing a ${role}: ${answer.status}`);
  return answer.body.token;
}

export const E2E_PASSWORD = "e2e passphrase for the clerk";

/** A person with a role in the office; they sign in through the apps' own login screen. */
export async function createStaff(
  baseUrl: string,
  officeId: string,
  role: "clerk" | "supervisor" | "admin",
): Promise<{ username: string; password: string }> {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const answer = await api(baseUrl, "POST", "/setup/accounts", {
    username,
    displayName: `Test ${role}`,
    password: E2E_PASSWORD,
    grants: [{ office: officeId, role }],
  });
  if (answer.status !== 201) throw new Error(`creating ${username}: ${answer.status}`);
  return { username, password: E2E_PASSWORD };
}
