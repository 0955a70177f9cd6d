import { resolve } from "node:path";
import { ROOT } from "../build";

/** The self-hosted server's state folder: TURNO_STATE_DIR, as `npm run serve` uses it. */
export function serveStateDir(): string {
  return resolve(process.env.TURNO_STATE_DIR ?? `${ROOT}/.turno/serve-state`);
}
