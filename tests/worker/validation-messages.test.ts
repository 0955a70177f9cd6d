import { beforeAll, describe, expect, it } from "vitest";
import type { OfficeConfigInput } from "../../shared/protocol";
import { type ApiIssue, ISSUE_RULES } from "../../shared/protocol/issues";
import { type ApiResult, api, createOffice, expectError, testOfficeConfig } from "./helpers";

/**
 * Issue 10, point 15: a 400 answer names the field and the rule it breaks
 * ("services[2].names.it: at most 80 characters (got 93)"), never zod's bare
 * "Invalid input"; each issue keeps a stable code (and its bounds) for the
 * apps to word in their own language.
 */

interface ErrorAnswer {
  error: { code: string; message: string; issues?: ApiIssue[] };
}

/** zod's issue codes, as the setup form's own checks report them: server and form speak alike. */
const ZOD_CODES = [
  "invalid_type",
  "too_big",
  "too_small",
  "invalid_format",
  "invalid_value",
  "unrecognized_keys",
  "invalid_union",
  "custom",
];

let officeId: string;
beforeAll(async () => {
  officeId = await createOffice();
});

function officeWith(change: (config: OfficeConfigInput) => void): OfficeConfigInput {
  const config = structuredClone(testOfficeConfig());
  change(config);
  return config;
}

/** Checks the answer is a 400 whose message is exactly `message` and whose first issue is `issue`. */
function expectRule(
  result: ApiResult<unknown>,
  message: string,
  issue: Partial<ApiIssue> & Pick<ApiIssue, "path" | "rule">,
): void {
  expectError(result, 400, "invalid_request");
  const { error } = result.body as ErrorAnswer;
  expect(error.message).toBe(message);
  expect(error.message).not.toMatch(/invalid input/i);
  expect(error.issues?.[0]).toMatchObject(issue);
  for (const each of error.issues ?? []) {
    expect(typeof each.path).toBe("string");
    expect(ZOD_CODES, `${each.path}: ${each.message}`).toContain(each.code);
    expect(ISSUE_RULES, `${each.path}: ${each.message}`).toContain(each.rule);
    expect(each.rule, `every rule has its own name: ${each.message}`).not.toBe("invalid");
    expect(each.message).not.toMatch(/^invalid input$|^invalid$/i);
  }
}

const putOffice = (config: unknown) => api("PUT", `/offices/${officeId}`, { body: config });

describe("Validation messages name the field and the rule (issue 10, point 15)", () => {
  it("An office whose service name is over 80 characters is told the limit and the length given.", async () => {
    const long = "x".repeat(93);
    const result = await putOffice(
      officeWith((c) => {
        c.services[2]!.names = { en: "Permits", it: long };
      }),
    );
    expectRule(result, "services[2].names.it: at most 80 characters (got 93)", {
      path: "services.2.names.it",
      code: "too_big",
      rule: "too_long",
      maximum: 80,
      received: 93,
    });
  });

  it("An office whose name is empty or too long says which.", async () => {
    expectRule(
      await putOffice(officeWith((c) => Object.assign(c, { name: "   " }))),
      "name: must not be empty",
      { path: "name", rule: "empty" },
    );
    expectRule(
      await putOffice(officeWith((c) => Object.assign(c, { name: "N".repeat(81) }))),
      "name: at most 80 characters (got 81)",
      { path: "name", rule: "too_long", maximum: 80 },
    );
  });

  it("A prefix that is not one capital letter says the letter's form.", async () => {
    const result = await putOffice(
      officeWith((c) => {
        c.services[0]!.prefix = "ab";
      }),
    );
    expectRule(result, "services[0].prefix: use one capital letter A–Z", {
      path: "services.0.prefix",
      rule: "prefix",
    });
  });

  it("A prefix already used by another service names that service.", async () => {
    const result = await putOffice(
      officeWith((c) => {
        c.services[1]!.prefix = "A";
      }),
    );
    expectRule(
      result,
      'services[1].prefix: prefix "A" is already used by services[0]: each service needs its own letter',
      { path: "services.1.prefix", rule: "prefix_taken" },
    );
  });

  it("An unknown time zone is answered with what a time zone looks like.", async () => {
    const result = await putOffice(
      officeWith((c) => Object.assign(c, { timeZone: "Mars/Olympus" })),
    );
    expectRule(
      result,
      'timeZone: unknown IANA time zone "Mars/Olympus": use one such as Europe/Rome',
      { path: "timeZone", rule: "time_zone" },
    );
  });

  it("Opening hours that close before they open say so, with the hours given; a malformed time says the form.", async () => {
    expectRule(
      await putOffice(
        officeWith((c) => {
          c.openingHours = { mon: [{ open: "18:00", close: "09:00" }] };
        }),
      ),
      "openingHours.mon[0]: open must be before close (got 18:00–09:00)",
      { path: "openingHours.mon.0", rule: "open_before_close" },
    );
    expectRule(
      await putOffice(
        officeWith((c) => {
          c.openingHours = { tue: [{ open: "08.30", close: "24:00" }] };
        }),
      ),
      "openingHours.tue[0].open: use HH:MM (24-hour), e.g. 08:30",
      { path: "openingHours.tue.0.open", rule: "clock_time" },
    );
  });

  it("Numbers out of range, fractions, empty lists and unknown modes are each told their rule.", async () => {
    expectRule(
      await putOffice(
        officeWith((c) => {
          c.services[0]!.defaultServiceMinutes = 300;
        }),
      ),
      "services[0].defaultServiceMinutes: at most 240 (got 300)",
      { path: "services.0.defaultServiceMinutes", rule: "too_large", maximum: 240, received: 300 },
    );
    expectRule(
      await putOffice(officeWith((c) => Object.assign(c, { targetWaitMinutes: 1.5 }))),
      "targetWaitMinutes: a whole number (got 1.5)",
      { path: "targetWaitMinutes", rule: "not_integer" },
    );
    expectRule(
      await putOffice(officeWith((c) => Object.assign(c, { targetSharePercent: 20 }))),
      "targetSharePercent: at least 50 (got 20)",
      { path: "targetSharePercent", rule: "too_small", minimum: 50 },
    );
    expectRule(
      await putOffice(officeWith((c) => Object.assign(c, { languages: [] }))),
      "languages: at least 1 entry (got none)",
      { path: "languages", rule: "too_few", minimum: 1 },
    );
    expectRule(
      await putOffice(
        officeWith((c) => {
          c.counters[0]!.defaultMode = "lunch" as "front";
        }),
      ),
      'counters[0].defaultMode: one of "front", "back-office", "paused", "closed" (got "lunch")',
      {
        path: "counters.0.defaultMode",
        rule: "not_one_of",
        values: ["front", "back-office", "paused", "closed"],
      },
    );
  });

  it("A counter serving a service the office does not have names the service.", async () => {
    expectRule(
      await putOffice(
        officeWith((c) => {
          c.counters[0]!.serviceIds = ["general", "passports"];
        }),
      ),
      'counters[0].serviceIds[1]: unknown service "passports": not among this office\'s services',
      { path: "counters.0.serviceIds.1", rule: "unknown_service" },
    );
  });

  it("Several problems at once: the message gives the first and counts the others; every one is listed.", async () => {
    const result = await putOffice(
      officeWith((c) => {
        c.services[0]!.prefix = "1";
        c.services[1]!.names = { en: "" };
        Object.assign(c, { timeZone: "Nowhere" });
      }),
    );
    expectError(result, 400, "invalid_request");
    const { error } = result.body as ErrorAnswer;
    const paths = (error.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["timeZone", "services.0.prefix", "services.1.names.en"]),
    );
    expect(error.message).toMatch(/ \(and \d+ more problems?\)$/);
  });

  it("A ticket for a malformed or unknown service, in a malformed language, or with a misspelt field says what is wrong.", async () => {
    const path = `/offices/${officeId}/tickets`;
    expectRule(
      await api("POST", path, { body: { serviceId: "Anagrafe!" } }),
      "serviceId: use 1–40 lowercase letters, digits or dashes, not starting or ending with a dash",
      { path: "serviceId", rule: "slug" },
    );
    expectRule(await api("POST", path, { body: {} }), "serviceId: required", {
      path: "serviceId",
      rule: "required",
    });
    expectRule(
      await api("POST", path, { body: { serviceId: "general", lang: "ita" } }),
      "lang: use a two-letter lowercase language code such as it or en",
      { path: "lang", rule: "language_code" },
    );
    expectRule(
      await api("POST", path, { body: { serviceId: "general", priority: "yes" } }),
      "priority: must be true or false (got text)",
      { path: "priority", rule: "wrong_type", expected: "boolean" },
    );
    expectRule(
      await api("POST", path, { body: { serviceId: "general", priorty: true } }),
      "priorty: not a field of this request (check its spelling)",
      { path: "priorty", rule: "unknown_field" },
    );
    const unknown = await api<ErrorAnswer>("POST", path, { body: { serviceId: "passports" } });
    expectError(unknown, 404, "unknown_service");
    expect(unknown.body.error.message).toBe('There is no service "passports" in this office.');
  });

  it("An account with a short password or a malformed username is told the rule.", async () => {
    const account = {
      username: "maria.rossi",
      displayName: "Maria Rossi",
      password: "a long enough passphrase",
      grants: [{ office: officeId, role: "clerk" }],
    };
    expectRule(
      await api("POST", "/accounts", { body: { ...account, password: "short" } }),
      "password: at least 12 characters (got 5)",
      { path: "password", code: "too_small", rule: "too_short", minimum: 12, received: 5 },
    );
    expectRule(
      await api("POST", "/accounts", { body: { ...account, username: "Maria Rossi" } }),
      "username: 2–40 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter or digit",
      { path: "username", rule: "username" },
    );
    expectRule(
      await api("POST", "/accounts", {
        body: { ...account, grants: [{ office: officeId, role: "boss" }] },
      }),
      'grants[0].role: one of "clerk", "supervisor", "admin" (got "boss")',
      { path: "grants.0.role", rule: "not_one_of" },
    );
    expectRule(
      await api("POST", "/accounts", {
        body: { ...account, grants: [{ office: "Main Office", role: "clerk" }] },
      }),
      "grants[0].office: use 1–40 lowercase letters, digits or dashes, not starting or ending with a dash",
      { path: "grants.0.office", rule: "slug" },
    );
  });

  it("A pairing code request or a pairing code of the wrong form says the rule.", async () => {
    expectRule(
      await api("POST", `/offices/${officeId}/pairing-codes`, {
        body: { role: "tv", name: "Waiting room" },
      }),
      'role: one of "kiosk", "display" (got "tv")',
      { path: "role", rule: "not_one_of", values: ["kiosk", "display"] },
    );
    expectRule(
      await api("POST", `/offices/${officeId}/pairing-codes`, {
        body: { role: "display", name: "" },
      }),
      "name: must not be empty",
      { path: "name", rule: "empty" },
    );
    expectRule(
      await api("POST", `/offices/${officeId}/devices/pair`, {
        body: { code: "ABCD-EFGH-JKLM-NPQR-STUV" },
        as: "anonymous",
      }),
      "code: at most 20 characters (got 24)",
      { path: "code", rule: "too_long", maximum: 20 },
    );
    expectRule(
      await api("POST", `/offices/${officeId}/devices/pair`, {
        body: { code: 12345678 },
        as: "anonymous",
      }),
      "code: must be text (got a number)",
      { path: "code", rule: "wrong_type", expected: "string" },
    );
  });

  it("A transfer to both a service and a counter, or to a malformed one, and a call of a malformed ticket say what to give.", async () => {
    const counter = `/offices/${officeId}/counters/desk-1`;
    expectRule(
      await api("POST", `${counter}/transfer`, {
        body: { serviceId: "registry", counterId: "desk-2" },
      }),
      "give exactly one of serviceId or counterId",
      { path: "", rule: "one_target" },
    );
    expectRule(
      await api("POST", `${counter}/transfer`, { body: { serviceId: "Registry Office" } }),
      "serviceId: use 1–40 lowercase letters, digits or dashes, not starting or ending with a dash",
      { path: "serviceId", rule: "slug" },
    );
    expectRule(
      await api("POST", `${counter}/call`, { body: { ticketId: "A001" } }),
      "ticketId: not a ticket id (a day and a code, e.g. 2026-12-24-A001)",
      { path: "ticketId", rule: "ticket_id" },
    );
    expectRule(
      await api("PUT", `${counter}/mode`, { body: { mode: "lunch" } }),
      'mode: one of "front", "back-office", "paused", "closed" (got "lunch")',
      { path: "mode", rule: "not_one_of" },
    );
  });

  it("A body that is not an object says what it must be.", async () => {
    expectRule(
      await api("POST", `/offices/${officeId}/tickets`, { rawBody: "[]" }),
      "must be an object (got a list)",
      { path: "", rule: "wrong_type", expected: "object" },
    );
  });
});
