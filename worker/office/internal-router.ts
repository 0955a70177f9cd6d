import type * as z from "zod/mini";
import type { ErrorBody } from "../../shared/protocol/api";
import { errorBody } from "../http/errors";
import { INTERNAL_ORIGIN } from "./internal";

type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type InternalHandler = (request: Request, url: URL) => Response | Promise<Response>;

/**
 * The office object's router for the Worker's requests (client.ts): one
 * table of method and path, instead of a chain of ifs. Only requests
 * addressed to the internal origin are served; the Worker never forwards a
 * browser's request here except a checked socket upgrade.
 */
export class InternalRouter {
  private readonly routes = new Map<string, InternalHandler>();

  on(method: Method, path: string, handler: InternalHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  handle(request: Request): Response | Promise<Response> {
    const url = new URL(request.url);
    const handler =
      url.origin === INTERNAL_ORIGIN
        ? this.routes.get(`${request.method} ${url.pathname}`)
        : undefined;
    return handler
      ? handler(request, url)
      : Response.json(errorBody("not_found", "Not found."), { status: 404 });
  }
}

/** The 400 body of something the Worker sent that the office's schema refused. */
export function invalidRequest(issues: z.core.$ZodIssue[]): ErrorBody {
  return errorBody("invalid_request", issues[0]?.message ?? "Invalid request.", issues);
}

/** A request body the Worker sent, checked again: the office is the single writer and trusts no caller. */
export async function internalBody<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await request.json().catch(() => null));
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: Response.json(invalidRequest(parsed.error.issues), { status: 400 }),
  };
}
