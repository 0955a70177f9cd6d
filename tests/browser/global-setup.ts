/**
 * Before the browser tests: build the apps, bundle the Worker, and start one
 * Turno server (port 8811, fresh state) that every test file shares, each with
 * its own office. Test files read its address with inject("baseUrl").
 */
import type { TestProject } from "vitest/node";
import {
  buildApps,
  bundleWorker,
  freshLogFile,
  removeDir,
  startServer,
  type TurnoServer,
  tempDir,
} from "./server";

/**
 * TURNO_E2E_PORT moves the browser tests' ports (default 8811; the restart
 * test takes the next one, devtools ports are 4 above), so two runs on one
 * machine do not collide.
 */
export const SHARED_PORT = Number(process.env.TURNO_E2E_PORT ?? 8811);

declare module "vitest" {
  export interface ProvidedContext {
    /** http://127.0.0.1:8811, the shared server. */
    baseUrl: string;
    /** Where the apps were built, for test files that start a server of their own. */
    assetsDir: string;
    /** The Worker bundle the servers run. */
    workerScript: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const assetsDir = tempDir("public");
  const workerDir = tempDir("worker");
  const stateDir = tempDir("state");
  const cleanUp = () => {
    for (const dir of [stateDir, workerDir, assetsDir]) removeDir(dir);
  };
  let server: TurnoServer;
  let workerScript: string;
  try {
    [, workerScript] = await Promise.all([buildApps(assetsDir), bundleWorker(workerDir)]);
    server = await startServer({
      port: SHARED_PORT,
      workerScript,
      assetsDir,
      stateDir,
      logFile: freshLogFile(SHARED_PORT),
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  project.provide("baseUrl", server.baseUrl);
  project.provide("assetsDir", assetsDir);
  project.provide("workerScript", workerScript);
  return async () => {
    await server.stop();
    cleanUp();
  };
}
