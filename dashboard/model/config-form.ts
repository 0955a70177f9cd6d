import { readErrorBody } from "../../shared/client/error-body";
import {
  type CounterMode,
  DEFAULT_VOICE,
  OfficeConfig,
  type OfficeConfigInput,
} from "../../shared/protocol/config";
import { WEEKDAYS } from "../../shared/protocol/weekdays";

/**
 * The setup form's model: a draft copy of the office's
 * configuration, edited field by field, checked with the very schema the
 * server checks (OfficeConfig), and the problems keyed by the path of the
 * field they belong to ("services.2.prefix"), so each shows beside its
 * field. The server's 400 answers carry the same paths.
 */

export type ConfigDraft = OfficeConfigInput & {
  services: NonNullable<OfficeConfigInput["services"]>;
  counters: NonNullable<OfficeConfigInput["counters"]>;
};
export type Weekday = (typeof WEEKDAYS)[number];

/** A problem with one field, as the schema (or the server) said it. */
export interface FieldIssue {
  path: string;
  message: string;
  /** zod's issue code when known (client-side), for a message in the reader's language. */
  code?: string;
  minimum?: number;
  maximum?: number;
  /** For a value of the wrong type: what was expected ("number"). */
  expected?: string;
  /** The rule it breaks, when the schema or the server named one ("seats_over_counters"). */
  rule?: string;
}

export type FieldIssues = Map<string, FieldIssue[]>;

export function draftOf(config: OfficeConfigInput): ConfigDraft {
  return JSON.parse(JSON.stringify(config)) as ConfigDraft;
}

export function keyed(issues: readonly FieldIssue[]): FieldIssues {
  const map: FieldIssues = new Map();
  for (const issue of issues) {
    const list = map.get(issue.path);
    if (list) list.push(issue);
    else map.set(issue.path, [issue]);
  }
  return map;
}

export type Validation = { ok: true; config: OfficeConfig } | { ok: false; issues: FieldIssues };

/** Checks the draft with the server's own schema. */
export function validateDraft(draft: ConfigDraft): Validation {
  const parsed = OfficeConfig.safeParse(draft);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: keyed(
      parsed.error.issues.map((issue) => {
        const bounds = issue as {
          minimum?: unknown;
          maximum?: unknown;
          expected?: unknown;
          params?: { rule?: unknown };
        };
        return {
          path: issue.path.map(String).join("."),
          message: issue.message,
          code: issue.code,
          ...(typeof bounds.params?.rule === "string" ? { rule: bounds.params.rule } : {}),
          ...(typeof bounds.minimum === "number" ? { minimum: bounds.minimum } : {}),
          ...(typeof bounds.maximum === "number" ? { maximum: bounds.maximum } : {}),
          ...(typeof bounds.expected === "string" ? { expected: bounds.expected } : {}),
        };
      }),
    ),
  };
}

/**
 * The problems of a 400 answer: `{ error: { issues: [{ path, message, code, rule, … }] } }`,
 * with the rule and bounds the server gives, so they are worded as the form's own.
 */
export function issuesFromAnswer(body: unknown): FieldIssues {
  return keyed(
    (readErrorBody(body)?.issues ?? []).flatMap((issue: unknown) => {
      const i = issue as Record<string, unknown> | null;
      if (typeof i?.message !== "string") return [];
      const text = (key: string) => (typeof i[key] === "string" ? { [key]: i[key] } : {});
      const number = (key: string) => (typeof i[key] === "number" ? { [key]: i[key] } : {});
      return [
        {
          path: typeof i.path === "string" ? i.path : "",
          message: i.message,
          ...text("code"),
          ...text("rule"),
          ...text("expected"),
          ...number("minimum"),
          ...number("maximum"),
        } as FieldIssue,
      ];
    }),
  );
}

/** The issues of one field. */
export function issuesAt(issues: FieldIssues, path: string): FieldIssue[] {
  return issues.get(path) ?? [];
}

/** Every issue under a path ("services.2" → that service's fields), e.g. to mark its card. */
export function hasIssuesUnder(issues: FieldIssues, prefix: string): boolean {
  for (const path of issues.keys())
    if (path === prefix || path.startsWith(`${prefix}.`)) return true;
  return false;
}

/**
 * How many counters serve the service, as a seats_over_counters issue says it
 * ("3 seats, but 2 counters serve this service"): the most seats a window may have.
 */
export function counterLimit(issue: FieldIssue): number | undefined {
  const match = /but (\d+) counters? serves?/.exec(issue.message);
  return match ? Number(match[1]) : undefined;
}

/** Which words explain an issue; `null` keeps the schema's own sentence. */
export type IssueKind =
  | "required"
  | "number"
  | "atLeast"
  | "atMost"
  | "slug"
  | "prefix"
  | "prefixTaken"
  | "idTaken"
  | "nameMissing"
  | "time"
  | "openBeforeClose"
  | "date"
  | "unknownService"
  | "tooMany"
  | "timeZone"
  | "startBeforeEnd"
  | "bookingOutsideHours"
  | "windowsOverlap"
  | "seatsOverCounters"
  | "exceptionDateTaken"
  | "bookingOnWalkIn";

/** The booking rules across fields (shared/protocol/booking.ts), by the rule each issue names. */
const BOOKING_RULE_KINDS: Record<string, IssueKind> = {
  start_before_end: "startBeforeEnd",
  booking_outside_hours: "bookingOutsideHours",
  booking_windows_overlap: "windowsOverlap",
  seats_over_counters: "seatsOverCounters",
  duplicate_exception_date: "exceptionDateTaken",
  booking_on_walk_in: "bookingOnWalkIn",
};

export function issueKind(issue: FieldIssue): IssueKind | null {
  const m = issue.message;
  const booking = issue.rule ? BOOKING_RULE_KINDS[issue.rule] : undefined;
  if (booking) return booking;
  if (/^start must be before end/.test(m)) return "startBeforeEnd";
  if (/^use one capital letter/.test(m)) return "prefix";
  if (/^prefix ".*" is already used/.test(m)) return "prefixTaken";
  if (/^duplicate (service|counter) id/.test(m)) return "idTaken";
  if (/^missing name in/.test(m)) return "nameMissing";
  if (/^use 1–40 lowercase/.test(m)) return "slug";
  if (/^use HH:MM/.test(m)) return "time";
  if (/^open must be before close/.test(m)) return "openBeforeClose";
  if (/^use YYYY-MM-DD/.test(m)) return "date";
  if (/^unknown service/.test(m)) return "unknownService";
  if (/^unknown IANA time zone/.test(m)) return "timeZone";
  if (issue.code === "invalid_type") return issue.expected === "number" ? "number" : "required";
  const isText = issue.path === "name" || /\.(name|names\.[a-z]{2})$/.test(issue.path);
  if (issue.code === "too_small") return isText ? "required" : "atLeast";
  if (issue.code === "too_big")
    return isText ? null : issue.maximum === undefined ? "tooMany" : "atMost";
  return null;
}

// ——— Editing: every function returns a new draft, the old one untouched (signals see the change).

export function edit(draft: ConfigDraft, change: (copy: ConfigDraft) => void): ConfigDraft {
  const copy = draftOf(draft);
  change(copy);
  return copy;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function unusedId(taken: readonly string[], base: string): string {
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

export function addService(draft: ConfigDraft, name: string): ConfigDraft {
  return edit(draft, (copy) => {
    const prefixes = copy.services.map((s) => s.prefix);
    const names: Record<string, string> = {};
    for (const lang of copy.languages ?? []) names[lang] = lang === copy.languages?.[0] ? name : "";
    copy.services.push({
      id: unusedId(
        copy.services.map((s) => s.id),
        "service",
      ),
      prefix: [...LETTERS].find((letter) => !prefixes.includes(letter)) ?? "",
      names,
      mode: "walk-in",
      defaultServiceMinutes: 10,
      open: true,
    });
  });
}

/** Removes a service and every counter's link to it. */
export function removeService(draft: ConfigDraft, index: number): ConfigDraft {
  return edit(draft, (copy) => {
    const [removed] = copy.services.splice(index, 1);
    if (!removed) return;
    for (const counter of copy.counters)
      counter.serviceIds = (counter.serviceIds ?? []).filter((id) => id !== removed.id);
  });
}

export type ServiceDraft = ConfigDraft["services"][number];
type CounterDraft = ConfigDraft["counters"][number];

export function updateService(
  draft: ConfigDraft,
  index: number,
  patch: Partial<ServiceDraft>,
): ConfigDraft {
  return edit(draft, (copy) => {
    const service = copy.services[index];
    if (!service) return;
    // A new service's id may still change: the counters that handle it follow.
    if (patch.id !== undefined && patch.id !== service.id) {
      for (const counter of copy.counters)
        counter.serviceIds = (counter.serviceIds ?? []).map((id) =>
          id === service.id ? patch.id! : id,
        );
    }
    Object.assign(service, patch);
  });
}

export function setServiceName(
  draft: ConfigDraft,
  index: number,
  lang: string,
  name: string,
): ConfigDraft {
  return edit(draft, (copy) => {
    const service = copy.services[index];
    if (service) service.names = { ...service.names, [lang]: name };
  });
}

export function addCounter(draft: ConfigDraft, name: string): ConfigDraft {
  return edit(draft, (copy) => {
    copy.counters.push({
      id: unusedId(
        copy.counters.map((c) => c.id),
        "counter",
      ),
      name,
      serviceIds: copy.services.map((s) => s.id),
      defaultMode: "front",
    });
  });
}

export function removeCounter(draft: ConfigDraft, index: number): ConfigDraft {
  return edit(draft, (copy) => {
    copy.counters.splice(index, 1);
  });
}

export function updateCounter(
  draft: ConfigDraft,
  index: number,
  patch: Partial<Pick<CounterDraft, "id" | "name">> & { defaultMode?: CounterMode },
): ConfigDraft {
  return edit(draft, (copy) => {
    const counter = copy.counters[index];
    if (counter) Object.assign(counter, patch);
  });
}

/** Adds or removes one service from a counter, keeping the services' own order. */
export function setCounterService(
  draft: ConfigDraft,
  index: number,
  serviceId: string,
  handles: boolean,
): ConfigDraft {
  return edit(draft, (copy) => {
    const counter = copy.counters[index];
    if (!counter) return;
    const current = new Set(counter.serviceIds ?? []);
    if (handles) current.add(serviceId);
    else current.delete(serviceId);
    counter.serviceIds = copy.services.map((s) => s.id).filter((id) => current.has(id));
  });
}

function hoursOf(copy: ConfigDraft, day: Weekday) {
  copy.openingHours = copy.openingHours ?? ({} as ConfigDraft["openingHours"]);
  const hours = copy.openingHours as Record<Weekday, { open: string; close: string }[] | undefined>;
  hours[day] = hours[day] ?? [];
  return hours[day]!;
}

/** One more opening interval on a day: after the last one, or 09:00–13:00 on a closed day. */
export function addInterval(draft: ConfigDraft, day: Weekday): ConfigDraft {
  return edit(draft, (copy) => {
    const intervals = hoursOf(copy, day);
    const last = intervals[intervals.length - 1];
    intervals.push(last ? { open: last.close, close: "24:00" } : { open: "09:00", close: "13:00" });
  });
}

export function removeInterval(draft: ConfigDraft, day: Weekday, index: number): ConfigDraft {
  return edit(draft, (copy) => {
    hoursOf(copy, day).splice(index, 1);
  });
}

export function changeInterval(
  draft: ConfigDraft,
  day: Weekday,
  index: number,
  edge: "open" | "close",
  time: string,
): ConfigDraft {
  return edit(draft, (copy) => {
    const interval = hoursOf(copy, day)[index];
    if (interval) interval[edge] = time;
  });
}

/** Adds a closed date, keeping the list sorted and without repeats. */
export function addClosedDate(draft: ConfigDraft, date: string): ConfigDraft {
  return edit(draft, (copy) => {
    copy.closedDates = [...new Set([...(copy.closedDates ?? []), date])].sort();
  });
}

export function removeClosedDate(draft: ConfigDraft, date: string): ConfigDraft {
  return edit(draft, (copy) => {
    copy.closedDates = (copy.closedDates ?? []).filter((d) => d !== date);
  });
}

export function updateOffice(
  draft: ConfigDraft,
  patch: Partial<
    Pick<
      ConfigDraft,
      "name" | "targetWaitMinutes" | "targetSharePercent" | "allowRemoteTickets" | "clerkFigures"
    >
  >,
): ConfigDraft {
  return edit(draft, (copy) => {
    Object.assign(copy, patch);
  });
}

export type VoiceDraft = typeof DEFAULT_VOICE;

/** The displays' voice as the form shows it: the office's, or the defaults where it has none yet. */
export function voiceOf(draft: ConfigDraft): VoiceDraft {
  return { ...DEFAULT_VOICE, ...draft.voice };
}

export function updateVoice(draft: ConfigDraft, patch: Partial<VoiceDraft>): ConfigDraft {
  return edit(draft, (copy) => {
    copy.voice = { ...voiceOf(copy), ...patch };
  });
}

/** Whether the draft differs from the configuration it was taken from. */
export function isDirty(draft: ConfigDraft, saved: OfficeConfigInput): boolean {
  const normalized = (value: unknown) => {
    const parsed = OfficeConfig.safeParse(value);
    return JSON.stringify(parsed.success ? parsed.data : value);
  };
  return normalized(draft) !== normalized(saved);
}

/** A number typed in a field: NaN for anything not a number, so the schema says so. */
export function numberInput(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

export { WEEKDAYS };
