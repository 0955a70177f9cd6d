import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Announcer } from "../../display/model/announcer";
import { DEFAULT_SOUND_SETTINGS, type SoundSettings } from "../../display/model/sound-settings";

interface FakeUtterance {
  text: string;
  lang: string;
  onend: (() => void) | null;
  onerror: (() => void) | null;
}

/** A speechSynthesis that records utterances and ends them only when the test says so. */
function installSpeech() {
  const spoken: FakeUtterance[] = [];
  vi.stubGlobal("window", {
    speechSynthesis: {
      speaking: false,
      speak: (utterance: FakeUtterance) => spoken.push(utterance),
      cancel: vi.fn(),
      getVoices: () => [],
    },
  });
  vi.stubGlobal(
    "SpeechSynthesisUtterance",
    class {
      lang = "";
      onend = null;
      onerror = null;
      constructor(public text: string) {}
    },
  );
  return spoken;
}

describe("Announcements on the waiting-room screen", () => {
  let settings: SoundSettings;
  beforeEach(() => {
    vi.useFakeTimers();
    settings = { ...DEFAULT_SOUND_SETTINGS };
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("Never overlap: the next one waits until the voice has finished.", () => {
    const spoken = installSpeech();
    const announcer = new Announcer(() => settings);
    announcer.announce({ text: "Numero A 1, Sportello 1", lang: "it" });
    announcer.announce({ text: "Numero Bi 2, Sportello 3", lang: "it" });
    vi.advanceTimersByTime(10);
    expect(spoken.map((u) => u.text)).toEqual(["Numero A 1, Sportello 1"]);
    expect(spoken[0]?.lang).toBe("it");
    vi.advanceTimersByTime(3000);
    expect(spoken).toHaveLength(1);
    spoken[0]?.onend?.();
    vi.advanceTimersByTime(1000);
    expect(spoken.map((u) => u.text)).toEqual([
      "Numero A 1, Sportello 1",
      "Numero Bi 2, Sportello 3",
    ]);
  });

  it("Go on after a guard time when the browser never reports the end of an utterance.", () => {
    const spoken = installSpeech();
    const announcer = new Announcer(() => settings);
    announcer.announce({ text: "Numero A 1, Sportello 1", lang: "it" });
    announcer.announce({ text: "Numero A 2, Sportello 2", lang: "it" });
    vi.advanceTimersByTime(15_000);
    expect(spoken).toHaveLength(2);
  });

  it("With the voice turned off, nothing is spoken (the chime alone plays where audio exists).", () => {
    const spoken = installSpeech();
    settings.voice = false;
    const announcer = new Announcer(() => settings);
    announcer.announce({ text: "Numero A 1, Sportello 1", lang: "it" });
    announcer.announce({ text: "Numero A 2, Sportello 2", lang: "it" });
    vi.advanceTimersByTime(5000);
    expect(spoken).toEqual([]);
  });
});
