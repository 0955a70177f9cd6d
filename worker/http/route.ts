import type { Context, Hono } from "hono";
import type * as z from "zod/mini";

/**
 * Who may call a route. Every route declares one; the security issue (#3)
 * enforces them. `public` needs nothing; `ticket` is the holder of a
 * ticket's unguessable link; the rest are devices and staff roles.
 */
export const ROLES = [
  "public",
  "ticket",
  "kiosk",
  "display",
  "clerk",
  "supervisor",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export type AppEnv = { Bindings: Env; Variables: { requiredRole: Role } };
export type AppContext = Context<AppEnv>;

export interface RouteSpec {
  operationId: string;
  method: "get" | "post" | "put" | "delete";
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
  app.on(spec.method.toUpperCase(), honoPath, (c) => {
    c.set("requiredRole", spec.role);
    return handler(c);
  });
}
