/**
 * The call chime, synthesised with Web Audio (no file to load or lose): two
 * soft sine tones, high then low, like a classic "ding-dong". It depends on
 * nothing but an AudioContext, so it still plays on screens with no voice.
 *
 * Browsers keep audio suspended until a user gesture (Chrome 71+). An
 * unattended player should be started so that no gesture is needed:
 *   Chromium/Chrome: --autoplay-policy=no-user-gesture-required
 *   (with --kiosk --noerrdialogs --disable-session-crashed-bubble for signage).
 * Otherwise someone taps "Attiva audio" once after each (re)load.
 */
type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextClass | undefined {
  if (typeof window === "undefined") return undefined;
  const scope = window as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
  };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

export function hasAudio(): boolean {
  return audioContextClass() !== undefined;
}

/** The page's one AudioContext, created on first use (browsers limit how many a page may open). */
export function audioContext(): AudioContext | null {
  if (context) return context;
  const Context = audioContextClass();
  if (!Context) return null;
  try {
    context = new Context();
  } catch {
    context = null;
  }
  return context;
}

/** True when audio can play now without a gesture (already unlocked, or the player allows autoplay). */
export function audioRunning(): boolean {
  return audioContext()?.state === "running";
}

/** Resumes audio; call it from a user gesture. */
export function resumeAudio(): void {
  const ctx = audioContext();
  if (ctx && ctx.state !== "running" && typeof ctx.resume === "function") {
    ctx.resume().catch(() => undefined);
  }
}

/** Calls back whenever the audio context starts or stops running. */
export function onAudioStateChange(listener: (running: boolean) => void): void {
  const ctx = audioContext();
  if (ctx) ctx.onstatechange = () => listener(ctx.state === "running");
}

const TONES = [
  { frequency: 659.25, startsAt: 0 }, // E5
  { frequency: 523.25, startsAt: 0.42 }, // C5
];
const TONE_SECONDS = 1.1;
export const CHIME_MS = 1500;

/**
 * Plays the chime at `volume` (0–1). Returns how long it lasts, or 0 when it
 * cannot play now: nothing is queued on a suspended context, so unlocking
 * later never releases a burst of stale chimes.
 */
export function playChime(volume: number): number {
  const ctx = audioContext();
  if (ctx?.state !== "running" || volume <= 0) return 0;
  const start = ctx.currentTime + 0.05;
  TONES.forEach((tone) => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = tone.frequency;
    const at = start + tone.startsAt;
    // A soft attack and a long exponential fade: a bell, not a beep.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.linearRampToValueAtTime(0.32 * volume, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + TONE_SECONDS);
    oscillator.connect(gain);
    gain.connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + TONE_SECONDS + 0.05);
  });
  return CHIME_MS;
}
