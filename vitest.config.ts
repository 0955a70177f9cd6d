import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { WORKER_TEST_PROOF_KEY, WORKER_TEST_SETUP_TOKEN } from "./tests/support/setup-token";

// Projects: the pure engine and the apps' logic in plain Node, the worker inside workerd, and
// the client apps in Chromium against a real `wrangler dev` (tests/browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "engine", include: ["tests/engine/**/*.test.ts"], environment: "node" },
      },
      {
        // The pure report computations (shared/reports), in plain Node.
        test: { name: "reports", include: ["tests/reports/**/*.test.ts"], environment: "node" },
      },
      {
        // npm start's own pieces (scripts/), in plain Node.
        test: { name: "scripts", include: ["tests/scripts/**/*.test.ts"], environment: "node" },
      },
      {
        // The client apps' own logic (views, timers, announcements), without a browser.
        test: {
          name: "clients",
          include: ["tests/{display,kiosk,counter,ticket,dashboard,book}/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // The operator's token lets tests set up offices without signing in (tests/worker/helpers.ts).
            // The booking proof's key, and a small proof (about 500 hashes) so that the tests that
            // book as the public stay quick; the browser tests solve the full-size one. TURNO_LAN:
            // the tests speak plain http to http://example.com, as an office's LAN does
            // (tests/worker/deployed-host.test.ts drops it to test a deployed host).
            miniflare: {
              bindings: {
                TURNO_SETUP_TOKEN: WORKER_TEST_SETUP_TOKEN,
                TURNO_BOOKING_PROOF_KEY: WORKER_TEST_PROOF_KEY,
                TURNO_BOOKING_PROOF_MAX_NUMBER: "1000",
                TURNO_LAN: "1",
              },
            },
          }),
        ],
        test: { name: "worker", include: ["tests/worker/**/*.test.ts"] },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium and one wrangler at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
