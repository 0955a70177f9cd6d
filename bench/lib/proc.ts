import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** A server process the bench started: its own process group, so stopping it stops its children. */
export interface Started {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
}

const started = new Set<Started>();

export function startProcess(
  name: string,
  command: string,
  args: string[],
  /** ipc: a channel to the child (`child.send`, its "message" events), for a Node script. */
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; ipc?: boolean },
): Started {
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.on("error", () => resolve(null));
  });
  const handle: Started = { name, child, pid: child.pid, logFile: options.logFile, exited };
  started.add(handle);
  exited.then(() => started.delete(handle));
  return handle;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops one started process group: SIGTERM, then SIGKILL (group and any stray descendants) after a grace period. */
export async function stopProcess(handle: Started, graceMs = 5000): Promise<void> {
  if (!started.has(handle)) return;
  const descendants = descendantsOf(handle.pid);
  signalGroup(handle.pid, "SIGTERM");
  const done = await Promise.race([
    handle.exited.then(() => true),
    sleep(graceMs).then(() => false),
  ]);
  if (!done) signalGroup(handle.pid, "SIGKILL");
  // Children that left the group (none are expected) are still ours: stop them by id.
  await sleep(200);
  for (const pid of descendants) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
  }
  started.delete(handle);
}

/** Servers started by other code (startServe): their own stop, and their pid for the last resort. */
const adopted = new Map<number, () => Promise<void>>();

export function adoptProcess(pid: number, stop: () => Promise<void>): void {
  adopted.set(pid, stop);
}

export async function stopAll(): Promise<void> {
  await Promise.all([
    ...[...started].map((handle) => stopProcess(handle)),
    ...[...adopted.values()].map((stop) => stop()),
  ]);
  adopted.clear();
}

/** Synchronous last resort (process 'exit' handler): kill every group we started. */
export function killAllNow(): void {
  for (const handle of started) signalGroup(handle.pid, "SIGKILL");
  for (const pid of adopted.keys()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ── /proc ────────────────────────────────────────────────────────────────

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return null;
  }
}

export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** Resident set size in bytes (VmRSS), or 0 if the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) in seconds consumed so far by a process. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the ')': state(0) ppid(1) … utime(11) stime(12), in clock ticks (100/s on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
