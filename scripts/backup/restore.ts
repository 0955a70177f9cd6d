/**
 * `npm run restore -- DIR [--replace]`: brings a backup made by `npm run backup` back
 * into the state folder (TURNO_STATE_DIR), with the server stopped. Every file is checked
 * against the backup's manifest and every database's integrity first. A state folder in
 * use is replaced only with --replace, and kept beside it, never deleted.
 */
import { resolve } from "node:path";
import { checkStateFolderFree } from "../serve/state-lock";
import { restoreState } from "./state-copy";
import { serveStateDir } from "./state-dir";

const args = process.argv.slice(2);
const replace = args.includes("--replace");
const [source] = args.filter((arg) => arg !== "--replace");
if (!source) {
  console.error("Usage: npm run restore -- DIR [--replace]");
  process.exit(2);
}
try {
  const stateDir = serveStateDir();
  // Never under a running server: it would keep writing to the files being replaced.
  checkStateFolderFree(stateDir);
  const { manifest, keptAside } = restoreState(resolve(source), stateDir, { replace });
  console.log(`Restored the backup of ${manifest.createdAt} into ${stateDir}.`);
  if (keptAside) console.log(`The state it replaced is kept in ${keptAside}.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
