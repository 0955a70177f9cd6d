/**
 * The Turno Worker as `wrangler deploy --dry-run` bundles it (worker/index.ts), which the
 * serve script places beside the edge's entry as turno.js: its fetch handler and its
 * Durable Object classes, re-exported by entry.ts.
 */
declare const turno: {
  /** Its context: what the Worker uses of one (it reads props; Hono keeps waitUntil). */
  fetch(
    request: Request,
    env: unknown,
    ctx: Pick<ExecutionContext, "waitUntil" | "passThroughOnException" | "props">,
  ): Response | Promise<Response>;
};
export default turno;
