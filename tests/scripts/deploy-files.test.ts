/**
 * The systemd unit and the container image run what `npm run serve` runs (issue 14,
 * point 2): one command in three places, checked here so they cannot drift apart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./serve-process";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const serveScript = (JSON.parse(read("package.json")) as { scripts: Record<string, string> })
  .scripts.serve!;
const unit = read("deploy/turno.service");

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync("systemd-analyze", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("deploy/turno.service and Dockerfile", () => {
  it("start serve exactly as package.json does, with the project's own Node, and stop it with SIGTERM.", () => {
    expect(serveScript).toBe("node --import tsx scripts/serve/main.ts");
    const execStart = /^ExecStart=(.+)$/m.exec(unit)![1];
    expect(execStart).toBe(`/opt/turno/node_modules/.bin/${serveScript}`);
    expect(unit).toMatch(/^WorkingDirectory=\/opt\/turno$/m);
    expect(unit).toMatch(/^Environment=TURNO_STATE_DIR=\/var\/lib\/turno$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^UMask=0077$/m);

    const dockerfile = read("Dockerfile");
    const cmd = JSON.parse(/^CMD (\[.+\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd.join(" ")).toBe(`/opt/turno/node_modules/.bin/${serveScript}`);
    expect(dockerfile).toMatch(/^WORKDIR \/opt\/turno$/m);
    expect(dockerfile).toMatch(/TURNO_STATE_DIR=\/var\/lib\/turno/);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --no-audit --no-fund$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
  });

  it.runIf(hasSystemdAnalyze())(
    "the unit passes systemd-analyze verify (installed in this checkout's place).",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "turno-unit-"));
      const path = join(dir, "turno.service");
      writeFileSync(path, unit.replaceAll("/opt/turno", ROOT.replace(/\/$/, "")));
      const output = execFileSync("systemd-analyze", ["verify", path], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(output).toBe("");
    },
  );
});
