import type { Context, Hono } from "hono";
import type * as z from "zod/mini";
import { allows, isAnonymous } from "../auth/access";
import { anonymous, authenticate } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import type { Role } from "../auth/roles";
import { errorResponse } from "./errors";
import { isSameSite } from "./same-site";

export type AppEnv = {
  Bindings: Env;
  Variables: { requiredRole: Role; principal: Principal };
};
export type AppContext = Context<AppEnv>;

export interface RouteSpec {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI-style path, e.g. /api/offices/{office}/tickets. */
  path: string;
  role: Role;
  summary: string;
  body?: z.ZodMiniType;
  /** Status and description of the success answer. */
  success: [number, string];
  /** Error statuses the route can answer with (all carry { error: { code, message } }). */
  errors: number[];
  idempotent?: boolean;
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

/** Every route Turno serves, in the order defined: the OpenAPI document and the role table come from here. */
export const ROUTES: RouteSpec[] = [];

export function defineRoute(
  app: Hono<AppEnv>,
  spec: RouteSpec,
  handler: (c: AppContext) => Response | Promise<Response>,
): void {
  ROUTES.push(spec);
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
    const needsCaller =
      (spec.role !== "public" && spec.role !== "ticket") || spec.publicWhen || spec.readsCaller;
    const principal = needsCaller
      ? await authenticate(c.env, c.req.raw, { cachedDevices: spec.deviceCheckedByOffice === true })
      : anonymous(c.req.raw);
    c.set("principal", principal);
    const office = c.req.param("office") ?? null;
    if (!spec.publicWhen && !allows(principal, office, spec.role)) {
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
    return handler(c);
  });
}

function article(role: Role): string {
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}
