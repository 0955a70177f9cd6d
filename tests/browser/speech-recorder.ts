import type { Page } from "playwright-core";

/**
 * Installed before the display loads: replaces speechSynthesis with a recorder
 * (headless Chromium has no voices), so the test reads what would be said.
 * A plain string, so it runs exactly as written in the page.
 */
export const SPEECH_RECORDER = `(() => {
  window.__spoken = [];
  var listeners = {};
  var recorder = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    speak: function (utterance) {
      window.__spoken.push(utterance.text);
      // A real utterance is an EventTarget: dispatching runs both onend and "end" listeners once.
      var finish = function (type) {
        if (typeof utterance.dispatchEvent === "function") utterance.dispatchEvent(new Event(type));
        else if (typeof utterance["on" + type] === "function") utterance["on" + type]({ utterance: utterance });
      };
      setTimeout(function () { finish("start"); finish("end"); }, 10);
    },
    cancel: function () {},
    pause: function () {},
    resume: function () {},
    getVoices: function () { return []; },
    addEventListener: function (type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
    removeEventListener: function () {},
    dispatchEvent: function () { return true; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: recorder, configurable: true, writable: true });
  if (typeof window.SpeechSynthesisUtterance !== "function") {
    window.SpeechSynthesisUtterance = function (text) {
      this.text = text || ""; this.lang = ""; this.rate = 1; this.pitch = 1; this.volume = 1; this.voice = null;
    };
  }
})();`;

/** What the page has asked speechSynthesis to say so far. */
export function spokenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __spoken?: string[] }).__spoken ?? []);
}

export async function waitForSpoken(
  page: Page,
  count: number,
  text: string,
  timeoutMs = 8000,
): Promise<string[]> {
  try {
    await page.waitForFunction(
      ([n, expected]) =>
        ((window as unknown as { __spoken?: string[] }).__spoken ?? []).filter(
          (t) => t === expected,
        ).length >= n,
      [count, text] as const,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    throw new Error(
      `the display should have said "${text}" ${count} time(s) within ${timeoutMs} ms; it said ${JSON.stringify(await spokenTexts(page))}`,
    );
  }
  return spokenTexts(page);
}
