/** bench/results/latest.json: every figure of the run, for later comparison. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

export function writeResultsFile(
  root: string,
  startedAt: Date,
  machine: { cores: number; openFileLimit: number },
  figures: Record<string, unknown>,
): string {
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "latest.json");
  const content = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cores: machine.cores,
      cpuModel: cpus()[0]?.model ?? "",
      node: process.version,
      openFileLimit: machine.openFileLimit,
    },
    ...figures,
  };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}
