/**
 * The main module of `npm run serve` inside workerd: it stands where Cloudflare's edge
 * stands before a deployed Worker, in the same isolate as the Worker (no extra hop on the
 * API's path). It does the two things the edge does for Turno:
 * - the client's address, from the connection (or a configured trusted proxy's
 *   X-Forwarded-For), every address header the client sent dropped;
 * - static assets before the Worker, except on wrangler.toml's `run_worker_first` paths,
 *   and the Worker when no asset answers (Cloudflare's order for `not_found_handling = none`).
 * The Worker and its Durable Object classes are the deploy bundle's own, unchanged.
 */
import { ADDRESS_HEADERS, clientAddressOf } from "../../../shared/net/client-address";
import { compileRunWorkerFirst, runsWorkerFirst } from "./path-pattern";
import { peerAddress } from "./peer-address";
import type { EdgeSettings } from "./settings";
import turno from "./turno.js";

export * from "./turno.js";

type EdgeEnv = { TURNO_SERVE_EDGE: EdgeSettings } & Record<string, unknown>;

let compiled: { settings: EdgeSettings; rules: ReturnType<typeof compileRunWorkerFirst> } | null =
  null;

function runWorkerFirstRules(settings: EdgeSettings) {
  if (compiled?.settings !== settings)
    compiled = { settings, rules: compileRunWorkerFirst(settings.runWorkerFirst) };
  return compiled.rules;
}

/**
 * The request the Worker gets, with its client's address from the connection (as Cloudflare
 * sets `CF-Connecting-IP`). The address goes beside the request, in the context's props
 * (worker/auth/authenticate.ts, EdgeProps): copying every request to set a header cost about
 * 5% of serve's CPU per ticket. Only a request carrying an address header of its own is
 * copied, to drop those headers, so that nothing after the edge reads what a client claimed.
 */
function withoutClaimedAddress(request: Request, address: string): Request {
  if (!ADDRESS_HEADERS.some((name) => request.headers.has(name))) return request;
  const headers = new Headers(request.headers);
  for (const name of ADDRESS_HEADERS) headers.delete(name);
  headers.set("cf-connecting-ip", address);
  return new Request(request, { headers });
}

/** The Worker's execution context, its props carrying the client's address. */
function contextWithAddress(
  ctx: ExecutionContext,
  address: string,
): Pick<ExecutionContext, "waitUntil" | "passThroughOnException" | "props"> {
  return {
    waitUntil: (promise) => ctx.waitUntil(promise),
    passThroughOnException: () => ctx.passThroughOnException(),
    props: { clientAddress: address },
  };
}

export default {
  async fetch(request, env, ctx) {
    const settings = env.TURNO_SERVE_EDGE;
    if (request.method === "GET" || request.method === "HEAD") {
      const { include, exclude } = runWorkerFirstRules(settings);
      if (!runsWorkerFirst(new URL(request.url).pathname, include, exclude)) {
        const asset = await (env[settings.assetsBinding] as Fetcher).fetch(request);
        if (asset.status !== 404) return asset;
      }
    }
    const address = clientAddressOf(
      peerAddress((request.cf as { clientIp?: unknown } | undefined)?.clientIp),
      request.headers.get("x-forwarded-for"),
      settings.trustedProxies,
    );
    return turno.fetch(
      withoutClaimedAddress(request, address),
      env,
      contextWithAddress(ctx, address),
    );
  },
} satisfies ExportedHandler<EdgeEnv>;
