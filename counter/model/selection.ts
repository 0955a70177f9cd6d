import { readStorage, writeStorage } from "../../shared/client/device-storage";

/**
 * Which counter this console drives. The URL is the truth
 * (/counter/?office=scandicci&counter=sportello-1, bookmarkable); this
 * browser also remembers the last choice per office, so a clerk who opens
 * plain /counter/ lands on their own desk. `&choose` always shows the chooser.
 */
const COUNTER_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export interface CounterSelection {
  /** The counter named in the URL, else the one remembered here (unless the chooser was asked for). */
  counterId: string | null;
  /** The last counter chosen in this browser for this office. */
  rememberedId: string | null;
}

const storageKey = (officeId: string) => `turno.counter.${officeId}`;

export function readSelection(search: string, officeId: string): CounterSelection {
  const params = new URLSearchParams(search);
  const remembered = readStorage(storageKey(officeId));
  const rememberedId = remembered && COUNTER_PATTERN.test(remembered) ? remembered : null;
  const fromUrl = params.get("counter");
  if (fromUrl !== null) return { counterId: fromUrl, rememberedId };
  if (params.has("choose")) return { counterId: null, rememberedId };
  return { counterId: rememberedId, rememberedId };
}

export function rememberCounter(officeId: string, counterId: string): void {
  writeStorage(storageKey(officeId), counterId);
}

/** The console's address for a counter (or the chooser, with null). */
export function consoleUrl(officeId: string, counterId: string | null): string {
  const office = `office=${encodeURIComponent(officeId)}`;
  const tail = counterId ? `&counter=${encodeURIComponent(counterId)}` : "&choose";
  return `${location.pathname}?${office}${tail}`;
}
