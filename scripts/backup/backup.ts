/**
 * `npm run backup -- DIR`: a consistent copy of every office and the Directory of the
 * self-hosted server's state folder (TURNO_STATE_DIR), taken while Turno runs. DIR must
 * be new or empty; keep one per day (README "Run it on your own server").
 */
import { resolve } from "node:path";
import { backupState } from "./state-copy";
import { serveStateDir } from "./state-dir";

const [target] = process.argv.slice(2);
if (!target) {
  console.error(
    "Usage: npm run backup -- DIR   (a new or empty folder, e.g. /var/backups/turno/$(date +%F))",
  );
  process.exit(2);
}
try {
  const started = performance.now();
  const manifest = backupState(serveStateDir(), resolve(target));
  const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  const databases = manifest.files.filter((file) => file.kind === "sqlite").length;
  console.log(
    `Backed up ${databases} databases (${(bytes / 1024).toFixed(0)} KB) into ${resolve(target)} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
