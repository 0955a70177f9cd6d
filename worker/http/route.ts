import type { Context, Hono } from "hono";
import type * as z from "zod/mini";
import { allows, isAnonymous } from "../auth/access";
import { anonymous, authenticate, clientAddress } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import type { Role } from "../auth/roles";
import { errorResponse } from "./errors";
import type { PathParam } from "./path-params";
import { type Parsed, readBody, readIdempotencyKey, readPathParam, readQuery } from "./request";
import { isSameSite } from "./same-site";

export type AppEnv = {
  Bindings: Env;
  Variables: { requiredRole: Role; principal: Principal };
};
export type AppContext = Context<AppEnv>;

/** The path parameters a route names, each with its shape and its 404 (path-params.ts). */
export type PathParams = Record<string, PathParam>;

/** What a route answers on success; every error answer is ErrorBody ({ error: { code, message } }). */
export interface SuccessAnswer {
  status: number;
  description: string;
  /** The JSON body's schema (shared/protocol/responses.ts); none for 101, 204 or another media type. */
  body?: z.ZodMiniType;
  /** A media type other than JSON (e.g. text/csv). */
  mediaType?: string;
}

export interface RouteSpec<
  P extends PathParams = PathParams,
  Q extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  B extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  C = unknown,
> {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI-style path, e.g. /api/offices/{office}/tickets. */
  path: string;
  role: Role;
  summary: string;
  /** One entry per `{name}` of the path (checked when the route is defined). */
  params?: P;
  /** The query string's schema; each field's error message is the 400's message. */
  query?: Q;
  body?: B;
  /** Bodies are limited to 64 KB unless a route says otherwise. */
  maxBodyBytes?: number;
  /** Accepts an Idempotency-Key header (a malformed one is 400 invalid_idempotency_key). */
  idempotent?: boolean;
  /** A WebSocket endpoint: anything but an upgrade is 426, before the query is read. */
  upgrade?: "websocket";
  /**
   * A check of the caller beyond `role`, run right after it: what it
   * returns reaches the handler as `caller` (e.g. the signed-in person), or
   * the Response it returns is the answer.
   */
  caller?: (principal: Principal) => C | Response;
  success: SuccessAnswer;
  /** Error statuses the route can answer with (all carry { error: { code, message } }). */
  errors: number[];
  /** When anyone may call it despite `role` (said in the docs; the office decides). */
  publicWhen?: string;
  /** The office checks the calling device again (revoked devices refused at once): a recently resolved device may be trusted here. */
  deviceCheckedByOffice?: boolean;
  /**
   * A public route whose answer depends on who calls (who am I, which socket
   * may I open). Other public routes skip identifying the caller: a signed-in
   * browser reading the office's display data costs no Directory call.
   */
  readsCaller?: boolean;
}

/** The value a spec's schema gives (undefined when the spec names none). */
export type SchemaValue<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

/** What a handler receives, checked and typed from its spec. */
export interface RouteInput<P extends PathParams, Q, B, C> {
  params: { [K in keyof P]: string };
  query: SchemaValue<Q>;
  body: SchemaValue<B>;
  idempotencyKey: string | undefined;
  caller: C;
}

/** Every route Turno serves, in the order defined: the OpenAPI document and the role table come from here. */
export const ROUTES: RouteSpec[] = [];

/**
 * Registers a route. Before its handler runs, the request is checked in this
 * order, and the first refusal is the answer: same site (for writes) → the
 * caller's role → `caller` → path parameters → WebSocket upgrade →
 * Idempotency-Key → query → body.
 */
export function defineRoute<
  P extends PathParams = Record<never, PathParam>,
  Q extends z.ZodMiniType | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
  C = Principal,
>(
  app: Hono<AppEnv>,
  spec: RouteSpec<P, Q, B, C>,
  handler: (c: AppContext, input: RouteInput<P, Q, B, C>) => Response | Promise<Response>,
): void {
  const paramNames = checkedParamNames(spec);
  ROUTES.push(spec as RouteSpec);
  const honoPath = spec.path.replace(/\{(\w+)\}/g, ":$1");
  app.on(spec.method.toUpperCase(), honoPath, async (c) => {
    c.set("requiredRole", spec.role);
    if (spec.method !== "get" && !isSameSite(c.req.raw)) {
      return errorResponse(
        403,
        "cross_site_request",
        "This request came from another site; Turno's API only accepts its own pages.",
      );
    }
    const principal = await identify(c, spec);
    c.set("principal", principal);
    const refusal = roleRefusal(c, spec, principal);
    if (refusal) return refusal;
    const caller = spec.caller ? spec.caller(principal) : principal;
    if (caller instanceof Response) return caller;

    const params: Record<string, string> = {};
    for (const name of paramNames) {
      const param = spec.params![name]!;
      const value = readPathParam(c, name, param);
      if (!value.ok) return value.response;
      if (param.exists && !(await param.exists(c.env, value.value)))
        return param.unknown(value.value);
      params[name] = value.value;
    }
    if (spec.upgrade && c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      return errorResponse(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    }
    const key: Parsed<string | undefined> = spec.idempotent
      ? readIdempotencyKey(c)
      : { ok: true, value: undefined };
    if (!key.ok) return key.response;
    const query = spec.query ? readQuery(c, spec.query) : { ok: true as const, value: undefined };
    if (!query.ok) return query.response;
    const body = spec.body
      ? await readBody(c, spec.body, spec.maxBodyBytes)
      : { ok: true as const, value: undefined };
    if (!body.ok) return body.response;

    // The schemas above are the spec's own: the values are of the types RouteInput names.
    return handler(c, {
      params,
      query: query.value,
      body: body.value,
      idempotencyKey: key.value,
      caller,
    } as RouteInput<P, Q, B, C>);
  });
}

type WhoMayCall = Pick<RouteSpec, "role" | "publicWhen" | "readsCaller" | "deviceCheckedByOffice">;

/** Who calls: only looked up when the route's answer depends on it. */
function identify(c: AppContext, spec: WhoMayCall) {
  const needsCaller =
    (spec.role !== "public" && spec.role !== "ticket") || spec.publicWhen || spec.readsCaller;
  const address = clientAddress(c.req.raw, c.executionCtx.props);
  return needsCaller
    ? authenticate(c.env, c.req.raw, {
        address,
        cachedDevices: spec.deviceCheckedByOffice === true,
      })
    : Promise.resolve(anonymous(address));
}

/** 401 for someone who presented nothing, 403 for someone without the role; null when allowed. */
function roleRefusal(c: AppContext, spec: WhoMayCall, principal: Principal): Response | null {
  const office = c.req.param("office") ?? null;
  if (spec.publicWhen || allows(principal, office, spec.role)) return null;
  return isAnonymous(principal)
    ? errorResponse(
        401,
        "not_signed_in",
        `Sign in (or pair this device) as ${article(spec.role)} first.`,
      )
    : errorResponse(
        403,
        "forbidden",
        `This needs the ${spec.role} role${office ? ` in office "${office}"` : ""}.`,
      );
}

/** The path's `{name}`s, which must be exactly the parameters the spec names. */
function checkedParamNames(spec: { path: string; params?: PathParams }): string[] {
  const inPath = [...spec.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);
  const declared = Object.keys(spec.params ?? {});
  if (inPath.length !== declared.length || inPath.some((name) => !declared.includes(name))) {
    throw new Error(`${spec.path}: path parameters ${inPath} but the spec names ${declared}`);
  }
  return inPath;
}

function article(role: Role): string {
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}
