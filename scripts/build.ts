/**
 * Builds the client apps into dist/public, which wrangler serves as static
 * assets (see wrangler.toml). Each app is a folder at the top of the repo
 * with a main.tsx and an index.html.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PUBLIC_DIR = join(ROOT, "dist", "public");

export async function build(): Promise<void> {
  rmSync(PUBLIC_DIR, { recursive: true, force: true });
  mkdirSync(PUBLIC_DIR, { recursive: true });
  const staticDir = join(ROOT, "public");
  if (existsSync(staticDir)) cpSync(staticDir, PUBLIC_DIR, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
  console.log(`Built client apps into ${PUBLIC_DIR}`);
}
