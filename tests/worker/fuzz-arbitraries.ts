import fc from "fast-check";

/**
 * Arbitraries for tests/worker/fuzz.test.ts: request bodies generated from
 * the route's own JSON Schema (in /api/openapi.json) and then broken in
 * every way a client could break them, hostile path parameters, query
 * strings, headers and live-socket frames. Everything is plain data, so a
 * failing case prints readably.
 */

// ── Bodies from the OpenAPI document's JSON Schemas ───────────────────────

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/** Values that the schema accepts, as far as a JSON Schema can say (zod's own refinements may still refuse them). */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth)));
  switch (schema.type) {
    case "string": {
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? minLength + 30, minLength + 30);
      return fc.string({ unit: "grapheme", minLength, maxLength });
    }
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + (depth > 1 ? 1 : 3));
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : fc.jsonValue(), {
        minLength,
        maxLength,
      });
    }
    case "object": {
      if (schema.properties) {
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, sub] of Object.entries(schema.properties)) {
          model[key] = fromSchema(sub, depth + 1);
        }
        return fc.record(model, { requiredKeys: schema.required ?? [] });
      }
      if (typeof schema.additionalProperties === "object") {
        return fc.dictionary(
          schema.propertyNames ? (fromSchema(schema.propertyNames) as fc.Arbitrary<string>) : key,
          fromSchema(schema.additionalProperties, depth + 1),
          { maxKeys: 3 },
        );
      }
      return fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const key = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "toString", "", " ", "type", "id"),
  fc.string({ maxLength: 8 }),
);

/** Values of the wrong type, and edge values of every type. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    "",
    " ",
    "null",
    "\u0000",
    "\u202e\u200b",
    "💥💥💥",
    "a".repeat(300),
    [],
    {},
    [null],
    { "": "" },
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);

type Mutation = "drop" | "retype" | "extra" | "wrap" | "deeper";

/** How to break a value: the steps (each "deeper" descends one level), which field, and what to put there. */
export interface Breakage {
  how: Mutation[];
  pick: number;
  weird: unknown;
}

export const breakageArb: fc.Arbitrary<Breakage> = fc.record({
  how: fc.array(fc.constantFrom<Mutation>("drop", "retype", "extra", "wrap", "deeper"), {
    minLength: 1,
    maxLength: 3,
  }),
  pick: fc.nat(),
  weird: weirdValue,
});

/** The value broken in one place: a field dropped, retyped, added, or the whole thing wrapped. */
export function breakValue(value: unknown, { how, pick, weird }: Breakage): unknown {
  const [first = "retype", ...rest] = how;
  if (value === null || typeof value !== "object") return weird;
  if (Array.isArray(value)) {
    if (value.length === 0 || first === "wrap") return first === "wrap" ? [value] : [weird];
    const copy = [...value];
    const index = pick % copy.length;
    copy[index] =
      first === "deeper" ? breakValue(copy[index], { how: rest, pick: pick >> 1, weird }) : weird;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const target = keys.length > 0 ? keys[pick % keys.length]! : "extra";
  switch (first) {
    case "drop":
      delete copy[target];
      return copy;
    case "retype":
      copy[target] = weird;
      return copy;
    case "extra":
      copy[`extra${pick % 7}`] = weird;
      return copy;
    case "wrap":
      return [copy];
    case "deeper":
      copy[target] = breakValue(copy[target], { how: rest, pick: pick >> 1, weird });
      return copy;
  }
}

/** A valid value, broken. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, breakageArb).map(([value, breakage]) => breakValue(value, breakage));
}

/** A request body as bytes on the wire, with a short label for failure messages. */
export interface BodySpec {
  label: string;
  text?: string;
  bytes?: number[];
}

const json = (label: string) => (value: unknown) => ({ label, text: JSON.stringify(value) });

const nested = (open: string, inner: string, close: string, depth: number) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Every kind of body: from the schema, broken, random JSON, not JSON, huge, deep, binary, none. */
export function bodyArb(schema: JsonSchema | undefined): fc.Arbitrary<BodySpec | null> {
  const valid = schema ? fromSchema(schema) : fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: schema ? 5 : 1, arbitrary: valid.map(json("from schema")) },
    { weight: schema ? 6 : 2, arbitrary: mutated(valid).map(json("mutated")) },
    { weight: 2, arbitrary: fc.jsonValue().map(json("random JSON")) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { label: "empty", text: "" },
        { label: "blank", text: " \n\t " },
        { label: "null", text: "null" },
        { label: "array", text: "[]" },
        { label: "number", text: "42" },
        { label: "string", text: '"general"' },
        { label: "true", text: "true" },
        { label: "BOM", text: "\ufeff{}" },
        { label: "NaN", text: "NaN" },
        { label: "single quotes", text: "{'serviceId': 'general'}" },
        { label: "truncated", text: '{"serviceId": "gen' },
        { label: "trailing comma", text: '{"a": 1,}' },
        { label: "two documents", text: "{}{}" },
        {
          label: "prototype",
          text: '{"__proto__": {"admin": true}, "constructor": {"prototype": 1}}',
        },
        { label: "duplicate keys", text: '{"mode": "front", "mode": 7}' },
        { label: "lone surrogate", text: '{"name": "\\ud800"}' },
        { label: "NUL", text: '{"name": "a\\u0000b"}' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: "grapheme" }).map((text) => ({ label: "text", text })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1_000, 60_000, 65_537, 200_000).map((size) => ({
        label: `huge (${size})`,
        text: JSON.stringify({ serviceId: "general", name: "x".repeat(size) }),
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(100, 5_000, 20_000)
        .chain((depth) =>
          fc.constantFrom(
            { label: `nested arrays (${depth})`, text: nested("[", "", "]", depth) },
            { label: `nested objects (${depth})`, text: nested('{"a":', "1", "}", depth) },
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((bytes) => ({ label: "binary", bytes: [...bytes] })),
    },
  );
}

// ── Path parameters and query strings ─────────────────────────────────────

/** Path segments that break naive routers: traversal, encodings, unicode, lengths. */
export const HOSTILE_SEGMENTS = [
  "..",
  ".",
  "%2e%2e",
  "%2E%2E%2F%2E%2E",
  "%2F",
  "%00",
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%AE",
  "%F0%9F%92%A5",
  "A",
  "-a",
  "a-",
  "a%20b",
  "a b",
  "a\\b",
  "a;b",
  "__proto__",
  "constructor",
  "офис",
  "🏢",
  "x".repeat(41),
  "x".repeat(2_000),
  "%41".repeat(40),
] as const;

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // A lone surrogate: let the URL parser deal with it.
  }
}

const randomText = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 10 }),
  fc.stringMatching(/^[a-z0-9-]{1,45}$/),
);

/** One path parameter: mostly the known good ids, else something hostile, encoded or raw. */
export function pathParamArb(known: readonly string[], shapes: fc.Arbitrary<string>[] = []) {
  return fc.oneof(
    ...(known.length > 0 ? [{ weight: 10, arbitrary: fc.constantFrom(...known) }] : []),
    ...shapes.map((arbitrary) => ({ weight: 2, arbitrary })),
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 2, arbitrary: randomText.map(encodeSegment) },
    { weight: 1, arbitrary: randomText },
  );
}

const QUERY_KEYS = [
  "from",
  "to",
  "role",
  "v",
  "token",
  "limit",
  "before",
  "username",
  "_pk",
  "__proto__",
] as const;
const QUERY_VALUES = [
  "2026-01-01",
  "2025-12-31",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31",
  "2026-1-1",
  "1970-01-01",
  "kiosk",
  "display",
  "counter",
  "ticket",
  "1",
  "0",
  "-1",
  "2",
  "1.5",
  "1e400",
  "NaN",
  "",
  "role:kiosk",
  "stream",
  "x".repeat(300),
] as const;

const queryValue = fc.oneof(fc.constantFrom(...QUERY_VALUES), randomText);

function encodeQuery(pairs: [string, string, boolean][]): string {
  if (pairs.length === 0) return "";
  return `?${pairs.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encodeSegment(k)}=${encodeSegment(v)}`)).join("&")}`;
}

/** A query string: known keys with good and bad values, random keys, repeats, raw and encoded. */
export const queryArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), randomText), queryValue, fc.boolean()), {
    maxLength: 4,
  })
  .map(encodeQuery);

/** A query string for a route that reads `keys`: often all of them, with good and bad values. */
export function routeQueryArb(keys: readonly string[]): fc.Arbitrary<string> {
  if (keys.length === 0) return queryArb;
  return fc.oneof(
    queryArb,
    fc
      .tuple(
        fc.array(fc.tuple(queryValue, fc.boolean()), {
          minLength: keys.length,
          maxLength: keys.length,
        }),
        queryArb,
      )
      .map(
        ([values, more]) =>
          encodeQuery(values.map(([v, raw], i) => [keys[i]!, v, raw])) +
          more.replace("?", keys.length > 0 ? "&" : "?"),
      ),
  );
}

// ── Headers ───────────────────────────────────────────────────────────────

/** Header values: visible ASCII and spaces (browsers refuse anything else before it leaves them). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

const optional = <T>(arbitrary: fc.Arbitrary<T>, weight = 3) =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const FORGED_GRANT = JSON.stringify({
  role: "counter",
  actor: { kind: "operator", id: null, name: "forged", address: null },
  rank: 3,
  tags: [],
});

export interface HeaderSpec {
  "content-type"?: string;
  "idempotency-key"?: string;
  cookie?: string;
  authorization?: string;
  "sec-fetch-site"?: string;
  origin?: string;
  upgrade?: string;
  "cf-connecting-ip"?: string;
  "x-turno-live-grant"?: string;
  "x-partykit-props"?: string;
  "x-partykit-room"?: string;
  accept?: string;
}

/** Fuzz callers come from their own addresses, so their wrong guesses never throttle the tests' own sign-ins. */
export const FUZZ_ADDRESSES = ["203.0.113.7", "203.0.113.8", "2001:db8::1"] as const;

export const headersArb: fc.Arbitrary<HeaderSpec> = fc.record(
  {
    "content-type": optional(
      fc.oneof(
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=utf-16",
          "APPLICATION/JSON",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=zz",
          "*/*",
          "",
        ),
        headerText,
      ),
      1,
    ),
    "idempotency-key": optional(
      fc.oneof(
        fc.stringMatching(/^[\x21-\x7e]{1,128}$/),
        fc.constantFrom("", " ", "a b", "k".repeat(129), "k".repeat(5_000), "\t"),
        headerText,
      ),
    ),
    cookie: optional(
      fc.oneof(
        fc.constantFrom(
          "turno_session=",
          "turno_session=ses_bogus",
          `__Host-turno_session=${"s".repeat(65)}`,
          `turno_session=${"s".repeat(64)}`,
          "turno_kiosk=dvt_0000000000000000000000000000000000000000000",
          "turno_display=x; turno_kiosk=y; turno_session=z",
          "=;;=;",
          "turno_session",
          ";".repeat(100),
          Array.from({ length: 50 }, (_, i) => `c${i}=${i}`).join("; "),
        ),
        headerText.map((text) => `turno_session=${text}`),
        headerText,
      ),
      5,
    ),
    authorization: optional(
      fc.oneof(
        fc.constantFrom(
          "Bearer ",
          "Bearer",
          "bearer x",
          "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
          `Bearer ${"t".repeat(5_000)}`,
        ),
        headerText.map((text) => `Bearer ${text}`),
        headerText,
      ),
      8,
    ),
    "sec-fetch-site": optional(
      fc.oneof(fc.constantFrom("same-origin", "none", "same-site", "cross-site"), headerText),
      8,
    ),
    origin: optional(
      fc.oneof(
        fc.constantFrom("http://example.com", "https://evil.example", "null", ""),
        headerText,
      ),
      8,
    ),
    upgrade: optional(fc.constantFrom("websocket", "WebSocket", "h2c", "")),
    "cf-connecting-ip": fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...FUZZ_ADDRESSES) },
      { weight: 1, arbitrary: headerText.map((text) => `fuzz-${text}`) },
    ),
    "x-turno-live-grant": optional(fc.constantFrom(FORGED_GRANT, "{", "null"), 8),
    "x-partykit-props": optional(
      fc.oneof(fc.constantFrom("{", "[1", "e30=", '{"a":1}'), headerText),
      8,
    ),
    "x-partykit-room": optional(fc.constantFrom("other-office", "", "x".repeat(300)), 8),
    accept: optional(fc.constantFrom("text/html", "application/xml", "*/*"), 5),
  },
  { requiredKeys: [] },
);

// ── Live-socket frames ────────────────────────────────────────────────────

/** A frame on the live socket: text or binary. */
export type Frame = { text: string } | { bytes: number[] };

export interface CommandPools {
  counters: readonly string[];
  services: readonly string[];
  ticketIds: readonly string[];
}

const COMMAND_TYPES = [
  "issueTicket",
  "callNext",
  "recall",
  "startService",
  "complete",
  "noShow",
  "transfer",
  "callTicket",
  "setCounterMode",
  "cancelTicket",
  "configure",
  "rollover",
] as const;

/** Commands that pass (or nearly pass) the Command schema, with ids from the office and some that do not exist. */
export function commandArb(pools: CommandPools): fc.Arbitrary<Record<string, unknown>> {
  const counterId = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pools.counters) },
    { weight: 1, arbitrary: fc.constantFrom("desk-9", "nowhere") },
  );
  const serviceId = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pools.services) },
    { weight: 1, arbitrary: fc.constantFrom("passports", "x") },
  );
  const ticketId = fc.oneof(
    ...(pools.ticketIds.length > 0
      ? [{ weight: 3, arbitrary: fc.constantFrom(...pools.ticketIds) }]
      : []),
    { weight: 1, arbitrary: fc.stringMatching(/^20\d\d-\d\d-\d\d-[A-Z]\d{3,5}$/) },
  );
  return fc.oneof(
    fc.record(
      {
        type: fc.constant("issueTicket"),
        serviceId,
        priority: fc.boolean(),
        lang: fc.constantFrom(null, "en", "it", "zz"),
        channel: fc.constantFrom("kiosk", "staff", "remote", "api"),
      },
      { requiredKeys: ["type", "serviceId"] },
    ),
    fc.record({
      type: fc.constantFrom("callNext", "recall", "startService", "complete", "noShow"),
      counterId,
    }),
    fc.oneof(
      fc.record({ type: fc.constant("transfer"), counterId, toServiceId: serviceId }),
      fc.record({ type: fc.constant("transfer"), counterId, toCounterId: counterId }),
    ),
    fc.record({ type: fc.constant("callTicket"), counterId, ticketId }),
    fc.record({
      type: fc.constant("setCounterMode"),
      counterId,
      mode: fc.constantFrom("front", "back-office", "paused", "closed"),
    }),
    fc.record({ type: fc.constant("cancelTicket"), ticketId }),
    fc.constant({ type: "rollover" }),
    fc.constant({
      type: "configure",
      config: {
        name: "Hijacked",
        timeZone: "UTC",
        languages: ["en"],
        openingHours: {},
        services: [{ id: "x", prefix: "X", names: { en: "X" } }],
        counters: [{ id: "x", name: "X", serviceIds: ["x"] }],
      },
    }),
  );
}

/** `{ type: "command", requestId, command }`, sometimes with an idempotency key. */
export function commandMessageArb(pools: CommandPools) {
  return fc.record(
    {
      type: fc.constant("command"),
      requestId: fc.stringMatching(/^[a-z0-9]{1,12}$/),
      idempotencyKey: fc.stringMatching(/^[a-z0-9]{1,16}$/),
      command: commandArb(pools),
    },
    { requiredKeys: ["type", "requestId", "command"] },
  );
}

/** Any frame a client could send: valid commands, broken ones, random JSON, not JSON, huge, binary, pings. */
export function frameArb(pools: CommandPools): fc.Arbitrary<Frame> {
  const message = commandMessageArb(pools);
  const text = (t: string): Frame => ({ text: t });
  return fc.oneof(
    { weight: 6, arbitrary: message.map((m) => text(JSON.stringify(m))) },
    { weight: 5, arbitrary: mutated(message).map((m) => text(JSON.stringify(m))) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          type: fc.oneof(fc.constantFrom(...COMMAND_TYPES, "command", "sync", "snapshot"), key),
          requestId: weirdValue,
          command: fc.oneof(weirdValue, fc.record({ type: fc.constantFrom(...COMMAND_TYPES) })),
        })
        .map((m) => text(JSON.stringify(m))),
    },
    { weight: 1, arbitrary: fc.constant(text('{"type":"sync"}')) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => text(JSON.stringify(v))) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "ping",
            " ping",
            "PING",
            "pong",
            "",
            "{",
            "undefined",
            "\ufeff{}",
            '{"type":"command","requestId":"r","command":{"type":"callNext","counterId":"desk-1"}',
            nested("[", "", "]", 5_000),
            nested('{"a":', "1", "}", 3_000),
          ),
          fc.string({ unit: "grapheme", maxLength: 30 }),
        )
        .map(text),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(16_385, 40_000).map((size) =>
        text(
          JSON.stringify({
            type: "command",
            requestId: "huge",
            command: { type: "issueTicket", serviceId: "general", padding: "x".repeat(size) },
          }),
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): Frame => ({ bytes: [...bytes] })),
    },
  );
}
