import type * as z from "zod/mini";

/**
 * What is wrong with a request, in words and in codes (issue 10, point 15).
 * zod's own sentences ("Invalid input", "Too big: expected string to have
 * <=80 characters") say neither which rule nor by how much; every 400 answer
 * is built here instead: a sentence naming the rule ("at most 80 characters
 * (got 93)") for people and integrators, and for the apps, which word it in
 * the reader's language, zod's `code`, a stable `rule` and the bounds.
 */

/**
 * Stable rule names, finer than zod's issue codes: clients match on them, so
 * they are never renamed. Each issue carries both: `code` is zod's (too_big,
 * invalid_format, custom…, as the setup form's own checks see them), `rule`
 * is which rule (too_long, prefix, time_zone…).
 */
export const ISSUE_RULES = [
  // A value of the wrong kind.
  "required",
  "wrong_type",
  "not_integer",
  "not_one_of",
  "unknown_field",
  // Sizes: `minimum` / `maximum` say the bound, `received` the size or value given.
  "empty",
  "too_short",
  "too_long",
  "too_few",
  "too_many",
  "too_small",
  "too_large",
  // Formats (the schema's own sentence says the form).
  "slug",
  "language_code",
  "prefix",
  "clock_time",
  "closing_time",
  "date",
  "time_zone",
  "username",
  "ticket_id",
  "account_id",
  "device_id",
  "device_token",
  // Rules across fields.
  "open_before_close",
  "duplicate_service_id",
  "duplicate_counter_id",
  "prefix_taken",
  "missing_name",
  "unknown_service",
  // Booking windows (shared/protocol/booking.ts).
  "start_before_end",
  "booking_on_walk_in",
  "booking_outside_hours",
  "booking_windows_overlap",
  "seats_over_counters",
  "duplicate_exception_date",
  "one_target",
  "one_of_forms",
  "invalid",
] as const;
export type IssueRule = (typeof ISSUE_RULES)[number];

/** One problem, where it is (`path` as the setup form keys its fields: "services.6.names.it") and which rule it breaks. */
export interface ApiIssue {
  path: string;
  /** zod's issue code: invalid_type, too_big, too_small, invalid_format, invalid_value, unrecognized_keys, invalid_union, custom. */
  code: string;
  rule: IssueRule;
  /** The rule in plain English, without the path: "at most 80 characters (got 93)". */
  message: string;
  minimum?: number;
  maximum?: number;
  /** The size (characters, entries) or the number given, when that is what broke the rule. */
  received?: number;
  /** wrong_type: what was expected ("string", "number", "boolean", "array", "object"). */
  expected?: string;
  /** not_one_of: the values allowed. */
  values?: string[];
}

/**
 * The schemas' own sentences for their formats, and the rule each stands for.
 * A schema that gives a new format its own sentence adds it here (the
 * validation-messages test fails on a format without a rule).
 */
const FORMAT_CODES: Record<string, IssueRule> = {
  "use 1–40 lowercase letters, digits or dashes, not starting or ending with a dash": "slug",
  "use a two-letter lowercase language code such as it or en": "language_code",
  "use one capital letter A–Z": "prefix",
  "use HH:MM (24-hour), e.g. 08:30": "clock_time",
  "use HH:MM (24-hour) or 24:00": "closing_time",
  "use YYYY-MM-DD, e.g. 2026-12-24": "date",
  "2–40 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter or digit":
    "username",
  "not a ticket id (a day and a code, e.g. 2026-12-24-A001)": "ticket_id",
  "not an account id": "account_id",
  "not a device id": "device_id",
  "not a device token": "device_token",
  "give exactly one of serviceId or counterId": "one_target",
  "give exactly one of toServiceId or toCounterId": "one_target",
};

type Path = readonly PropertyKey[];

/** "services.6.names.it": the form the setup form keys its fields by. */
export function issuePath(path: Path): string {
  return path.map(String).join(".");
}

/** "services[6].names.it": a path ("services.6.names.it") as a person reads it, in the answer's message. */
export function readablePath(path: string): string {
  if (path === "") return "";
  return path
    .split(".")
    .map((key, index) => (/^\d+$/.test(key) ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join("");
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return Number.isFinite(value) ? "a number" : "not a finite number";
    case "boolean":
      return "true or false";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  null: "null",
};

function sizeOf(input: unknown): number | undefined {
  if (typeof input === "string" || Array.isArray(input)) return input.length;
  return undefined;
}

function got(received: number | undefined): string {
  return received === undefined ? "" : ` (got ${received})`;
}

/** The issues of one zod error, each named by its rule: what every 400 answer carries. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): ApiIssue[] {
  return issues.flatMap((issue) =>
    describeIssue(issue, issue.path).map(({ path, ...rest }) => ({
      path,
      code: innermostCode(issue),
      ...rest,
    })),
  );
}

/** A record key's or a collection element's own code, else the issue's. */
function innermostCode(issue: z.core.$ZodIssue): string {
  if ((issue.code === "invalid_key" || issue.code === "invalid_element") && issue.issues[0])
    return innermostCode(issue.issues[0]);
  return issue.code;
}

function describeIssue(issue: z.core.$ZodIssue, path: Path): Omit<ApiIssue, "code">[] {
  const at = issuePath(path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) return [{ path: at, rule: "required", message: "required" }];
      if (issue.expected === "int" && typeof input === "number" && Number.isFinite(input))
        return [
          {
            path: at,
            rule: "not_integer",
            message: `a whole number (got ${input})`,
            received: input,
          },
        ];
      const wanted = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return [
        {
          path: at,
          rule: "wrong_type",
          message: `must be ${wanted}${input === undefined ? "" : ` (got ${kindOf(input)})`}`,
          expected: issue.expected,
        },
      ];
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      const received = typeof input === "number" ? input : sizeOf(input);
      if (issue.origin === "string")
        return [
          {
            path: at,
            rule: "too_long",
            message: `at most ${plural(maximum, "character", "characters")}${got(received)}`,
            maximum,
            ...(received === undefined ? {} : { received }),
          },
        ];
      if (issue.origin === "array" || issue.origin === "set")
        return [
          {
            path: at,
            rule: "too_many",
            message: `at most ${plural(maximum, "entry", "entries")}${got(received)}`,
            maximum,
            ...(received === undefined ? {} : { received }),
          },
        ];
      return [
        {
          path: at,
          rule: "too_large",
          message: `${issue.inclusive === false ? "less than" : "at most"} ${maximum}${got(received)}`,
          maximum,
          ...(received === undefined ? {} : { received }),
        },
      ];
    }
    case "too_small": {
      const minimum = Number(issue.minimum);
      const received = typeof input === "number" ? input : sizeOf(input);
      if (issue.origin === "string") {
        if (minimum <= 1)
          return [{ path: at, rule: "empty", message: "must not be empty", minimum: 1 }];
        return [
          {
            path: at,
            rule: "too_short",
            message: `at least ${plural(minimum, "character", "characters")}${got(received)}`,
            minimum,
            ...(received === undefined ? {} : { received }),
          },
        ];
      }
      if (issue.origin === "array" || issue.origin === "set")
        return [
          {
            path: at,
            rule: "too_few",
            message: `at least ${plural(minimum, "entry", "entries")}${received === 0 ? " (got none)" : got(received)}`,
            minimum,
            ...(received === undefined ? {} : { received }),
          },
        ];
      return [
        {
          path: at,
          rule: "too_small",
          message: `${issue.inclusive === false ? "more than" : "at least"} ${minimum}${got(received)}`,
          minimum,
          ...(received === undefined ? {} : { received }),
        },
      ];
    }
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v));
      const shown = typeof input === "string" ? ` (got ${JSON.stringify(input.slice(0, 40))})` : "";
      return [
        {
          path: at,
          rule: "not_one_of",
          message:
            values.length === 1
              ? `must be ${values[0]}${shown}`
              : `one of ${values.join(", ")}${shown}`,
          values: issue.values.map(String),
        },
      ];
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: issuePath([...path, key]),
        rule: "unknown_field" as const,
        message: "not a field of this request (check its spelling)",
      }));
    case "invalid_key":
      // A record's key (a language code in `names`): the key's own rule.
      return issue.issues.flatMap((inner) =>
        describeIssue(inner, path).map((described) => ({
          ...described,
          message: `${described.message} (the key ${JSON.stringify(String(path.at(-1) ?? ""))})`,
        })),
      );
    case "invalid_element":
      return issue.issues.flatMap((inner) => describeIssue(inner, [...path, ...inner.path]));
    case "invalid_union": {
      const alternatives = issue.errors
        .map((errors) => errors[0])
        .filter((first): first is z.core.$ZodIssue => first !== undefined)
        .map((first) => describeIssue(first, [])[0]?.message)
        .filter((text): text is string => text !== undefined);
      return [
        {
          path: at,
          rule: "one_of_forms",
          message:
            alternatives.length > 0
              ? `either ${[...new Set(alternatives)].join(", or ")}`
              : "not one of the forms this field takes",
        },
      ];
    }
    case "invalid_format": {
      const code = FORMAT_CODES[issue.message];
      return [
        {
          path: at,
          rule: code ?? "invalid",
          message: code ? issue.message : `not in the expected form (${issue.format})`,
        },
      ];
    }
    case "not_multiple_of":
      return [
        { path: at, rule: "invalid", message: `must be a multiple of ${String(issue.divisor)}` },
      ];
    case "custom": {
      const fromParams = (issue.params as { rule?: unknown } | undefined)?.rule;
      const rule =
        typeof fromParams === "string" && (ISSUE_RULES as readonly string[]).includes(fromParams)
          ? (fromParams as IssueRule)
          : (FORMAT_CODES[issue.message] ?? "invalid");
      return [
        {
          path: at,
          rule,
          message: issue.message && issue.message !== "Invalid input" ? issue.message : "invalid",
        },
      ];
    }
    default:
      return [{ path: at, rule: "invalid", message: "invalid" }];
  }
}

/**
 * The answer's one-line message: the first problem with its path
 * ("services[6].names.it: at most 80 characters (got 93)"), and how many more.
 */
export function issuesSummary(described: readonly ApiIssue[]): string {
  const first = described[0];
  if (!first) return "The request body is not valid.";
  const where = readablePath(first.path);
  const more = described.length - 1;
  return `${where ? `${where}: ` : ""}${first.message}${more > 0 ? ` (and ${plural(more, "more problem", "more problems")})` : ""}`;
}
