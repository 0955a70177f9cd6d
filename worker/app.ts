import { Hono } from "hono";
import { httpsRefusal } from "./http/deployment";
import { errorResponse } from "./http/errors";
import { buildOpenApi } from "./http/openapi";
import type { AppEnv } from "./http/route";
import { securityHeaders } from "./http/security-headers";
import { accountRoutes } from "./routes/accounts";
import { appointmentRoutes } from "./routes/appointments";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { counterRoutes } from "./routes/counters";
import { dashboardRoutes } from "./routes/dashboard";
import { deviceRoutes } from "./routes/devices";
import { liveRoutes } from "./routes/live";
import { officeRoutes } from "./routes/offices";
import { reportRoutes } from "./routes/reports";
import { setupRoutes } from "./routes/setup";
import { ticketRoutes } from "./routes/tickets";
import { webhookRoutes } from "./routes/webhooks";

export const app = new Hono<AppEnv>();

app.use(securityHeaders);
// Plain http to a deployed host goes to https before anything reads a cookie (issue 13, point 7).
app.use(async (c, next) => {
  const refusal = httpsRefusal(c.env, c.req.raw);
  if (refusal) return refusal;
  await next();
});

officeRoutes(app);
ticketRoutes(app);
appointmentRoutes(app);
counterRoutes(app);
liveRoutes(app);
authRoutes(app);
accountRoutes(app);
deviceRoutes(app);
auditRoutes(app);
setupRoutes(app);
dashboardRoutes(app);
reportRoutes(app);
webhookRoutes(app);

let openApiDocument: string | null = null;
app.get("/api/openapi.json", (c) => {
  openApiDocument ??= JSON.stringify(buildOpenApi());
  return c.body(openApiDocument, 200, { "content-type": "application/json" });
});

app.get("/api/health", (c) => c.json({ ok: true }));

// The readable API reference over that document (a static page under /api/, which the Worker
// runs first): built into dist/public/api/docs by scripts/build-api-docs.ts.
app.get("/api/docs", (c) => c.redirect("/api/docs/", 301));
app.get("/api/docs/*", (c) => c.env.ASSETS.fetch(c.req.raw));

// The link in a ticket's QR code: the ticket page app, which reads the office and token from its path.
app.get("/t/:office/:token", (c) => c.env.ASSETS.fetch(new URL("/ticket/", c.req.url)));
// A booking's manage link: the booking app in manage mode, which reads the office and token from its path.
app.get("/a/:office/:token", (c) => c.env.ASSETS.fetch(new URL("/book/", c.req.url)));
// The ticket page's service worker, which shows "it's your turn" on Android. Served
// here rather than from /ticket/sw.js: a worker's scope cannot reach above its own folder, and
// answering from /t/ is simpler than a Service-Worker-Allowed header on one static file. The
// asset carries the security headers of dist/public/_headers, like every static file.
app.get("/t/sw.js", (c) => c.env.ASSETS.fetch(new URL("/ticket/sw.js", c.req.url)));
// The home-screen icon's start (manifest start_url, no token in it): the ticket page, which
// goes on to the last ticket this phone opened (ticket/model/last-ticket.ts).
app.get("/t/", (c) => c.env.ASSETS.fetch(new URL("/ticket/", c.req.url)));

app.notFound((c) =>
  errorResponse(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`),
);

app.onError((error) => {
  console.error("unexpected error", error);
  return errorResponse(
    500,
    "internal_error",
    "Something went wrong on our side; the request may be retried.",
  );
});
