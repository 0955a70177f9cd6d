/**
 * The ticket page's service worker and home-screen files, built into
 * <publicDir>/ticket/ beside the ticket app:
 *
 * - sw.js, from ticket/service-worker/sw.ts. It is served at /t/sw.js by the
 *   Worker (worker/app.ts), not from /ticket/, because a worker's scope cannot
 *   reach above its own folder: from /ticket/sw.js it could not see the ticket
 *   links /t/{office}/{token}.
 * - manifest.webmanifest and its icons, from ticket/home-screen/ (copied as
 *   they are; icon-192.png and icon-512.png are icon.svg drawn by Chromium at
 *   those sizes). One manifest for every ticket, with no token in it: its
 *   start_url /t/ goes on to the last ticket the phone opened
 *   (ticket/model/last-ticket.ts).
 *
 * Run by scripts/build.ts; on its own: `tsx scripts/build-service-worker.ts [publicDir]`.
 */
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export async function buildServiceWorker(publicDir: string): Promise<void> {
  const outDir = join(publicDir, "ticket");
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(ROOT, "ticket", "service-worker", "sw.ts")],
    outfile: join(outDir, "sw.js"),
    bundle: true,
    minify: true,
    sourcemap: false,
    format: "iife",
    // The phones that follow a ticket are recent; async functions as they are keep the worker tiny.
    target: "es2017",
    legalComments: "none",
    logLevel: "warning",
  });
  cpSync(join(ROOT, "ticket", "home-screen"), outDir, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const publicDir = process.argv[2] ?? join(ROOT, "dist", "public");
  await buildServiceWorker(publicDir);
  console.log(`Built the ticket page's service worker into ${join(publicDir, "ticket")}`);
}
