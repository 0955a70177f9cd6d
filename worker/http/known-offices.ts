import { directory } from "../auth/authenticate";

/**
 * The offices that exist, as the Directory lists them (registered when created), held in
 * this isolate once seen: offices are never deleted, so a name once found stays found.
 *
 * Asked before a request reaches an office object (issue 13, point 10): addressing an
 * object creates it, and partyserver and the migrations write its storage on the first
 * request, so every random name tried would leave a stored object behind. A name not found
 * is asked again each time (a read in the Directory, which writes nothing): an office
 * created through another isolate is found at once.
 */
const known = new Set<string>();

export async function officeExists(env: Env, office: string): Promise<boolean> {
  if (known.has(office)) return true;
  const exists = await directory(env).officeExists(office);
  if (exists) known.add(office);
  return exists;
}

/** An office just created or configured through this isolate. */
export function rememberOffice(office: string): void {
  known.add(office);
}
