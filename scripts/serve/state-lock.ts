/**
 * One server per state folder: two workerd processes over the same SQLite files would each
 * believe it holds the only instance of every office (a Durable Object's one guarantee).
 * `serve.pid` names the workerd serving the folder; a start finds it alive and refuses,
 * or finds it gone (a SIGKILL, a power cut) and takes the folder over.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "serve.pid";

/** Whether `pid` is a live workerd (a reused pid of another program does not count). */
function isWorkerd(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd");
  } catch {
    // No /proc (not Linux): a live process with that pid is taken to be it.
    return true;
  }
}

/** Throws when a live workerd serves the folder already. */
export function checkStateFolderFree(stateDir: string): void {
  const path = join(stateDir, LOCK_FILE);
  if (!existsSync(path)) return;
  const pid = Number(readFileSync(path, "utf8").trim());
  if (Number.isInteger(pid) && pid > 0 && isWorkerd(pid))
    throw new Error(
      `${stateDir} is served already (workerd, pid ${pid}); stop that server first, or give this one another TURNO_STATE_DIR.`,
    );
}

export function recordServer(stateDir: string, pid: number): void {
  writeFileSync(join(stateDir, LOCK_FILE), `${pid}\n`);
}

export function releaseStateFolder(stateDir: string, pid: number): void {
  const path = join(stateDir, LOCK_FILE);
  if (existsSync(path) && readFileSync(path, "utf8").trim() === String(pid))
    rmSync(path, { force: true });
}
