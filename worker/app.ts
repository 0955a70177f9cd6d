import { Hono } from "hono";
import { errorResponse } from "./http/errors";
import { buildOpenApi } from "./http/openapi";
import type { AppEnv } from "./http/route";
import { securityHeaders } from "./http/security-headers";
import { accountRoutes } from "./routes/accounts";
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

export const app = new Hono<AppEnv>();

app.use(securityHeaders);

officeRoutes(app);
ticketRoutes(app);
counterRoutes(app);
liveRoutes(app);
authRoutes(app);
accountRoutes(app);
deviceRoutes(app);
auditRoutes(app);
setupRoutes(app);
dashboardRoutes(app);
reportRoutes(app);

let openApiDocument: string | null = null;
app.get("/api/openapi.json", (c) => {
  openApiDocument ??= JSON.stringify(buildOpenApi());
  return c.body(openApiDocument, 200, { "content-type": "application/json" });
});

app.get("/api/health", (c) => c.json({ ok: true }));

// The link in a ticket's QR code: the ticket page app, which reads the office and token from its path.
app.get("/t/:office/:token", (c) => c.env.ASSETS.fetch(new URL("/ticket/", c.req.url)));

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
