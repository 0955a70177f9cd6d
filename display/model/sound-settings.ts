/**
 * Per-screen voice controls, like the seed page's "Controlli voce: Volume,
 * Velocità, Tono". The office's voice settings (config.voice, set in the
 * dashboard) are every screen's defaults; what someone changed on this screen
 * is stored in this browser's localStorage and wins over them, and URL
 * parameters (?volume=0.8&rate=0.9&pitch=1&voice=0) win over both, so a
 * player can be set up from its start URL alone.
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
  /** false: voice only (the office's choice). */
  chime: boolean;
}

/** What this screen changed itself (stored or in its URL): only those fields win over the office's. */
export type OwnSoundSettings = Partial<SoundSettings>;

export const DEFAULT_SOUND_SETTINGS: SoundSettings = {
  volume: 1,
  rate: 0.9,
  pitch: 1,
  voice: true,
  chime: true,
};

export const SOUND_LIMITS = {
  volume: { min: 0, max: 1, step: 0.1 },
  rate: { min: 0.5, max: 2, step: 0.1 },
  pitch: { min: 0, max: 2, step: 0.1 },
} as const;

const STORAGE_KEY = "turno.display.sound";

export function loadOwnSoundSettings(search: string = location.search): OwnSoundSettings {
  const own: OwnSoundSettings = readStored();
  const param = (name: string) => {
    const match = new RegExp(`[?&]${name}=([^&#]*)`).exec(search);
    return match ? decodeURIComponent(match[1] ?? "") : "";
  };
  (["volume", "rate", "pitch"] as const).forEach((name) => {
    const value = param(name);
    if (value !== "" && !Number.isNaN(Number(value))) own[name] = Number(value);
  });
  const voice = param("voice");
  if (voice === "0" || voice === "1") own.voice = voice === "1";
  return own;
}

/** The settings in force: the office's voice settings, then this screen's own changes over them. */
export function soundSettingsFor(office: unknown, own: OwnSoundSettings): SoundSettings {
  const from = (name: keyof SoundSettings) => {
    const o = own as Record<string, unknown>;
    const f = (office || {}) as Record<string, unknown>;
    return o[name] !== undefined ? o[name] : f[name];
  };
  const flag = (name: "voice" | "chime") => {
    const value = from(name);
    return typeof value === "boolean" ? value : DEFAULT_SOUND_SETTINGS[name];
  };
  return {
    volume: clampSetting("volume", from("volume")),
    rate: clampSetting("rate", from("rate")),
    pitch: clampSetting("pitch", from("pitch")),
    voice: flag("voice"),
    chime: flag("chime"),
  };
}

export function saveSoundSettings(settings: OwnSoundSettings): void {
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

function readStored(): OwnSoundSettings {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as OwnSoundSettings) : {};
  } catch {
    return {};
  }
}
