/**
 * The Worker's secrets on a self-hosted Turno: the operator's token and the booking
 * proof's HMAC key, kept in one file only its owner may read (TURNO_SECRETS_FILE,
 * default `$TURNO_STATE_DIR/secrets.env`), made on the first start. A file others could
 * read stops the server: those keys let anyone administer every office. A value in the
 * environment wins for that run (automation), and is not written.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";

export const SECRET_NAMES = ["TURNO_SETUP_TOKEN", "TURNO_BOOKING_PROOF_KEY"] as const;
type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

function readSecretsFile(path: string): Partial<Secrets> {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new Error(
      `${path} can be read by others (mode ${mode.toString(8)}); it holds the operator's token. Run: chmod 600 ${path}`,
    );
  const found: Partial<Secrets> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^([A-Z_]+)=(\S+)$/.exec(line.trim());
    if (match && (SECRET_NAMES as readonly string[]).includes(match[1]!))
      found[match[1] as SecretName] = match[2]!;
  }
  return found;
}

/** The secrets in use: the environment's, else the file's, else new ones saved to the file (0600). */
export function loadSecrets(path: string, env: NodeJS.ProcessEnv = process.env): Secrets {
  const saved = existsSync(path) ? readSecretsFile(path) : {};
  const stored = { ...saved } as Secrets;
  let changed = false;
  for (const name of SECRET_NAMES) {
    if (stored[name]) continue;
    stored[name] = randomBytes(32).toString("base64url");
    changed = true;
  }
  if (changed) {
    const text = SECRET_NAMES.map((name) => `${name}=${stored[name]}`).join("\n");
    writeFileSync(path, `${text}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const inUse = { ...stored };
  for (const name of SECRET_NAMES) {
    const fromEnv = env[name];
    if (fromEnv) inUse[name] = fromEnv;
  }
  if (inUse.TURNO_SETUP_TOKEN.length < 32)
    throw new Error("TURNO_SETUP_TOKEN must be at least 32 characters.");
  if (inUse.TURNO_BOOKING_PROOF_KEY.length < 32)
    throw new Error("TURNO_BOOKING_PROOF_KEY must be at least 32 characters.");
  return inUse;
}
