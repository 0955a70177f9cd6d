/**
 * `npm run serve`: Turno on the office's own server, served by workerd itself (issue 14):
 * https with the office's certificate on port 8443 (TURNO_PORT), state in
 * TURNO_STATE_DIR (default .turno/serve-state). The first start creates the secrets file
 * and the administrator `admin`, whose password it writes to a file only the owner can
 * read and names. Never asks for input. SIGTERM: workerd finishes the requests in flight
 * and is stopped 3 s later (its open live sockets would keep it waiting: the apps
 * reconnect); Ctrl+C reaches workerd too (same process group), which stops at once. A
 * SIGKILL loses no acknowledged change either.
 */
import { writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { ROOT } from "../build";
import { ensureAdmin } from "../start-accounts";
import { type RunningServe, startServe } from "./server";
import { serveOptionsFromEnv } from "./settings";

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === "IPv4" && !net.internal)
    .map((net) => net!.address);
}

/** Where the first password goes: a file, not the log (a service's log is kept and read by others). */
function saveFirstPassword(stateDir: string, password: string): string {
  const path = join(stateDir, "admin-password.txt");
  writeFileSync(path, `${password}\n`, { mode: 0o600 });
  return path;
}

async function main(): Promise<void> {
  const adminPassword = process.env.TURNO_ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword.length < 12)
    throw new Error("TURNO_ADMIN_PASSWORD must be at least 12 characters.");
  const options = serveOptionsFromEnv(ROOT, process.env);
  const running: RunningServe = await startServe(options);
  let stopping = false;
  const stop = () => {
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  void running.exited.then((code) => {
    if (stopping) return;
    console.error(`workerd stopped unexpectedly (${code}).`);
    process.exit(1);
  });

  const admin = await ensureAdmin(
    running.url,
    running.secrets.TURNO_SETUP_TOKEN,
    adminPassword,
    running.fetch,
  ).catch(async (error: unknown) => {
    stopping = true;
    await running.kill();
    throw error;
  });
  const scheme = options.tls ? "https" : "http";
  const hosts =
    options.host === "*" || options.host === "0.0.0.0"
      ? [new URL(running.url).hostname, ...lanAddresses()]
      : [new URL(running.url).hostname];
  const lines = ["", `Turno is running on workerd (${scheme}, port ${options.port}).`, ""];
  for (const host of hosts) lines.push(`  ${scheme}://${host}:${options.port}/`);
  lines.push("");
  if (admin.password && admin.source === "generated") {
    const file = saveFirstPassword(options.stateDir, admin.password);
    lines.push(
      `Administrator "admin" created; its password is in ${file} (readable by you only): sign in, change it, delete the file.`,
    );
  } else if (admin.password) {
    lines.push(`Administrator "admin" created with TURNO_ADMIN_PASSWORD.`);
  }
  lines.push(
    `Operator token and keys: ${running.secretsFile} (npm run account: TURNO_URL=${running.url} TURNO_SETUP_TOKEN=…).`,
    `State: ${options.stateDir}. Stop with Ctrl+C or SIGTERM; starting again keeps every ticket.`,
    "",
  );
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
