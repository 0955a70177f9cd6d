/**
 * Speaking through the browser's own speech synthesis (no online service to
 * break). window.speechSynthesis is looked up at every use, never kept: the
 * tests replace it before the page loads, and some TV browsers only create
 * it late.
 */
interface SpeechOptions {
  lang: string;
  volume: number;
  rate: number;
  pitch: number;
}

function synthesis(): SpeechSynthesis | undefined {
  return typeof window !== "undefined" ? window.speechSynthesis : undefined;
}

export function canSpeak(): boolean {
  return synthesis() !== undefined && typeof SpeechSynthesisUtterance !== "undefined";
}

/** Whether the browser has any installed voice in the language (false also while voices are still loading). */
export function hasVoiceFor(lang: string): boolean {
  return voiceFor(lang) !== null;
}

/** Calls back when the voice list changes (Chrome loads voices asynchronously). */
export function onVoicesChanged(listener: () => void): void {
  const synth = synthesis();
  if (synth && typeof synth.addEventListener === "function")
    synth.addEventListener("voiceschanged", listener);
}

function voiceFor(lang: string): SpeechSynthesisVoice | null {
  const synth = synthesis();
  if (!synth || typeof synth.getVoices !== "function") return null;
  const prefix = lang.toLowerCase();
  let best: SpeechSynthesisVoice | null = null;
  (synth.getVoices() ?? []).forEach((voice) => {
    const voiceLang = (voice.lang ?? "").toLowerCase().replace("_", "-");
    if (voiceLang !== prefix && voiceLang.indexOf(`${prefix}-`) !== 0) return;
    // An installed (local) voice works offline; prefer it to a network one.
    if (!best || (voice.localService && !best.localService)) best = voice;
  });
  return best;
}

// Chrome drops events of utterances that were garbage-collected mid-speech: keep the current one referenced.
let speaking: SpeechSynthesisUtterance | null = null;

/**
 * Says `text`, then calls `done` once: when the utterance ends or fails, or
 * after a guard time in case the browser never reports the end (several TV
 * browsers and Chrome after a long uptime do not).
 */
export function speak(text: string, options: SpeechOptions, done: () => void): void {
  const synth = synthesis();
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") {
    done();
    return;
  }
  const utterance = new SpeechSynthesisUtterance(text);
  const voice = voiceFor(options.lang);
  utterance.lang = voice?.lang ?? options.lang;
  if (voice) utterance.voice = voice;
  utterance.volume = options.volume;
  utterance.rate = options.rate;
  utterance.pitch = options.pitch;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(guard);
    if (speaking === utterance) speaking = null;
    done();
  };
  const guard = setTimeout(
    () => {
      try {
        if (synth.speaking) synth.cancel();
      } catch {
        // nothing to stop
      }
      finish();
    },
    4000 + (text.length * 110) / Math.max(0.5, options.rate),
  );
  utterance.onend = finish;
  utterance.onerror = finish;
  speaking = utterance;
  try {
    synth.speak(utterance);
  } catch {
    finish();
  }
}
