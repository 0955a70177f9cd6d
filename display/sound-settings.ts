/**
 * Per-screen voice controls, like the seed page's "Controlli voce: Volume,
 * Velocità, Tono". Stored in this browser's localStorage; URL parameters
 * (?volume=0.8&rate=0.9&pitch=1&voice=0) win, so a player can be set up from
 * its start URL alone and keeps those values across reloads.
 */
export interface SoundSettings {
  /** 0–1, for the chime and the voice. */
  volume: number;
  /** 0.5–2 (1 = normal speed). */
  rate: number;
  /** 0–2 (1 = normal pitch). */
  pitch: number;
  /** false: chime only. */
  voice: boolean;
}

export const DEFAULT_SOUND_SETTINGS: SoundSettings = {
  volume: 1,
  rate: 0.9,
  pitch: 1,
  voice: true,
};

export const SOUND_LIMITS = {
  volume: { min: 0, max: 1, step: 0.1 },
  rate: { min: 0.5, max: 2, step: 0.1 },
  pitch: { min: 0, max: 2, step: 0.1 },
} as const;

const STORAGE_KEY = "turno.display.sound";

export function loadSoundSettings(search: string = location.search): SoundSettings {
  const stored = readStored();
  const settings: SoundSettings = {
    volume: clampSetting("volume", stored.volume),
    rate: clampSetting("rate", stored.rate),
    pitch: clampSetting("pitch", stored.pitch),
    voice: typeof stored.voice === "boolean" ? stored.voice : DEFAULT_SOUND_SETTINGS.voice,
  };
  const param = (name: string) => {
    const match = new RegExp(`[?&]${name}=([^&#]*)`).exec(search);
    return match ? decodeURIComponent(match[1] ?? "") : null;
  };
  (["volume", "rate", "pitch"] as const).forEach((name) => {
    const value = param(name);
    if (value !== null && value !== "") settings[name] = clampSetting(name, Number(value));
  });
  const voice = param("voice");
  if (voice === "0" || voice === "1") settings.voice = voice === "1";
  return settings;
}

export function saveSoundSettings(settings: SoundSettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // no storage (private mode, old TV): the settings last until the next reload
  }
}

export function clampSetting(name: keyof typeof SOUND_LIMITS, value: unknown): number {
  const limits = SOUND_LIMITS[name];
  if (typeof value !== "number" || Number.isNaN(value)) return DEFAULT_SOUND_SETTINGS[name];
  return Math.min(limits.max, Math.max(limits.min, Math.round(value * 100) / 100));
}

function readStored(): Partial<Record<keyof SoundSettings, unknown>> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
