import { type ReadonlySignal, signal } from "@preact/signals-core";
import { audioRunning, hasAudio, onAudioStateChange, resumeAudio } from "./chime";
import { canSpeak } from "./speech";

export interface SoundUnlock {
  /** This screen can make a sound at all (Web Audio or speech). */
  readonly available: boolean;
  /** Sound may play now: a gesture happened on this page, or the player allows autoplay. */
  readonly unlocked: ReadonlySignal<boolean>;
  /** Someone enabled sound on this screen before: the reminder after a reload can be discreet. */
  readonly remembered: ReadonlySignal<boolean>;
  /** Call from a user gesture (the "Attiva audio" button, any key or tap). */
  unlock(): void;
}

const REMEMBER_KEY = "turno.display.soundEnabled";

/**
 * Browsers allow sound only after a gesture on the page (Chrome 71+). A
 * screen started with --autoplay-policy=no-user-gesture-required has its
 * audio running from the start and never asks. Otherwise the first key
 * press or tap anywhere unlocks it, and the "Attiva audio" button invites
 * one. The choice is remembered, but a reload (e.g. after a deploy) needs a
 * new gesture: the browser, not the page, decides that.
 */
export function createSoundUnlock(): SoundUnlock {
  const available = hasAudio() || canSpeak();
  const unlocked = signal(!available || audioRunning());
  const remembered = signal(readRemembered());
  onAudioStateChange((running) => {
    if (running) unlocked.value = true;
  });
  // Where the player allows autoplay, a context that starts suspended resumes without a gesture.
  if (!unlocked.peek()) resumeAudio();
  const unlock = () => {
    resumeAudio();
    unlocked.value = true;
    if (!remembered.peek()) {
      remembered.value = true;
      try {
        localStorage.setItem(REMEMBER_KEY, "1");
      } catch {
        // no storage: the button will simply be large again after a reload
      }
    }
  };
  // Any gesture counts: a remote's OK button, a key, a tap.
  ["keydown", "click", "touchend"].forEach((type) => {
    document.addEventListener(type, () => {
      if (!unlocked.peek()) unlock();
    });
  });
  return { available, unlocked, remembered, unlock };
}

function readRemembered(): boolean {
  try {
    return localStorage.getItem(REMEMBER_KEY) === "1";
  } catch {
    return false;
  }
}
