import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Swagger UI's files the page loads, from the swagger-ui-dist package (no CDN). */
const SWAGGER_UI_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"];
/** The page itself: its HTML, its start-up script and a line of style. */
const PAGE_FILES = ["index.html", "init.js", "api-docs.css"];

/**
 * The readable API reference at /api/docs/, beside /api/openapi.json: Swagger
 * UI, self-hosted, so it runs under the same Content-Security-Policy as every
 * other page (scripts from our own origin only).
 */
export function buildApiDocs(root: string, publicDir: string): void {
  const outDir = join(publicDir, "api", "docs");
  mkdirSync(outDir, { recursive: true });
  const swaggerUi = join(root, "node_modules", "swagger-ui-dist");
  for (const file of SWAGGER_UI_FILES) cpSync(join(swaggerUi, file), join(outDir, file));
  for (const file of PAGE_FILES) cpSync(join(root, "api-docs", file), join(outDir, file));
}
