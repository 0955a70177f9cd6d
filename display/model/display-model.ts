import { computed, effect, type ReadonlySignal, signal } from "@preact/signals-core";
import { LiveOfficeCore } from "../../shared/client/live-office-core";
import { openReconnectingSocket } from "../../shared/client/reconnecting-socket";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { announcementText, BASES } from "../../shared/i18n";
import { type DisplayMessages, displayMessages } from "../../shared/i18n/display";
import type { PublicOfficeState } from "../../shared/protocol/public";
import { Announcer } from "./announcer";
import { type CallSource, CallTracker } from "./call-tracker";
import {
  callKey,
  callsOf,
  type DisplayCall,
  type DisplayData,
  fromOfficeState,
} from "./display-data";
import { type HoursLine, hoursLine } from "./office-hours";
import { formatClock, formatLongDate, officeWallClock } from "./office-time";
import { startPollingFallback } from "./polling-fallback";
import {
  loadOwnSoundSettings,
  type SoundSettings,
  saveSoundSettings,
  soundSettingsFor,
} from "./sound-settings";
import { createSoundUnlock, type SoundUnlock } from "./sound-unlock";
import { canSpeak, hasVoiceFor, onVoicesChanged } from "./speech";

/** How long a new call stays highlighted, wherever it is on screen: long enough that no one misses it. */
export const HIGHLIGHT_MS = 15_000;

/** "live": socket up; "polling": socket down but the fallback keeps the screen current. */
export type DisplayConnection = "connecting" | "live" | "polling" | "reconnecting";

export interface DisplayModel {
  data: ReadonlySignal<DisplayData | null>;
  /** The office's own language (its first): the screen and the voice speak it. */
  lang: ReadonlySignal<string>;
  messages: ReadonlySignal<DisplayMessages>;
  /** The office's second language, for the small subtitle of each heading (null: none). */
  secondLang: ReadonlySignal<string | null>;
  secondMessages: ReadonlySignal<DisplayMessages | null>;
  clock: ReadonlySignal<string>;
  date: ReadonlySignal<string>;
  hours: ReadonlySignal<HoursLine | null>;
  /** Keys (see callKey) of the calls highlighted right now, joined by spaces. */
  highlighted: ReadonlySignal<string>;
  connection: ReadonlySignal<DisplayConnection>;
  officeUnknown: ReadonlySignal<boolean>;
  /** The server turned this screen away (device revoked): it stops, and main.tsx shows the pairing screen. */
  denied: ReadonlySignal<boolean>;
  sound: SoundUnlock;
  settings: ReadonlySignal<SoundSettings>;
  settingsOpen: ReadonlySignal<boolean>;
  openSettings(): void;
  /** Closes the voice controls and gives the focus back to what opened them. */
  closeSettings(): void;
  /** False when the browser has no voice for the office's language: chime only. */
  voiceAvailable: ReadonlySignal<boolean>;
  updateSettings(change: Partial<SoundSettings>): void;
  testSound(): void;
}

export function createDisplayModel(officeId: string): DisplayModel {
  const data = signal<DisplayData | null>(null);
  const clockOffset = signal(0);
  const now = signal(Date.now());
  const highlightUntil = signal<Record<string, number>>({});
  const polling = signal(false);
  const tracker = new CallTracker();
  // The office's voice settings (from the live state: the polling view has none, so they stay) under this screen's own.
  const officeVoice = signal<unknown>(undefined);
  const ownSettings = signal(loadOwnSoundSettings());
  const settings = computed(() => soundSettingsFor(officeVoice.value, ownSettings.value));
  const announcer = new Announcer(() => settings.peek());
  const sound = createSoundUnlock();
  const voicesVersion = signal(0);
  const settingsOpen = signal(false);
  let settingsOpener: HTMLElement | null = null;

  const lang = computed(() => {
    const first = data.value?.languages[0] ?? browserLanguage();
    return BASES[first] ? first : "en";
  });
  const secondLang = computed(() => {
    const second = data.value?.languages[1];
    return second && second !== lang.value && BASES[second] ? second : null;
  });

  const live = new LiveOfficeCore(
    {
      officeId,
      role: "display",
      onEvents: (_events, info) => {
        const state: PublicOfficeState | null = live.state.peek();
        if (state) noticeCalls(callsOf(state), info.replayed ? "catch-up" : "live");
      },
    },
    {
      parseMessage: checkServerMessage,
      openSocket: (target, handlers) => openReconnectingSocket(target, handlers),
    },
  );

  // Every state the socket delivers is what the screen shows. The first one is history, not news;
  // the first one after polling may carry calls made since the last poll (the live ones come through onEvents).
  // A display's socket carries the public state: read it as that, whatever the shared core calls it.
  effect(() => {
    const state: PublicOfficeState | null = live.state.value;
    if (!state) return;
    const next = fromOfficeState(state);
    officeVoice.value = state.config.voice;
    clockOffset.value = live.clockOffset.peek();
    const wasPolling = polling.peek();
    data.value = next;
    polling.value = false;
    if (!tracker.primed || wasPolling) noticeCalls(next.calls, "catch-up");
  });

  startPollingFallback({
    officeId,
    isLive: () => live.status.peek() === "live",
    // A revoked screen shows nothing of the office any more, not even the public picture.
    isStopped: () => live.status.peek() === "denied",
    current: () => data.peek(),
    onView: (view, serverTime) => {
      clockOffset.value = serverTime - Date.now();
      data.value = view;
      polling.value = true;
      noticeCalls(view.calls, "catch-up");
    },
    onReachable: () => live.reconnectNow(),
  });

  function serverNow(): number {
    return Date.now() + clockOffset.peek();
  }

  /** Announces and highlights the calls this screen has not shown yet. */
  function noticeCalls(calls: DisplayCall[], source: CallSource): void {
    const fresh = tracker.update(calls, source, serverNow());
    if (fresh.length === 0) return;
    const at = serverNow();
    const until: Record<string, number> = {};
    const previous = highlightUntil.peek();
    Object.keys(previous).forEach((key) => {
      if ((previous[key] ?? 0) > at) until[key] = previous[key] ?? 0;
    });
    fresh.forEach((call) => {
      until[callKey(call)] = at + HIGHLIGHT_MS;
      announcer.announce({
        text: announcementText(call.code, call.counterName, lang.peek()),
        lang: lang.peek(),
      });
    });
    highlightUntil.value = until;
    now.value = at;
  }

  // One tick a second; everything on screen that depends on time derives from it.
  setInterval(() => {
    now.value = serverNow();
  }, 1000);

  const minute = computed(() => Math.floor(now.value / 60_000));
  const highlighted = computed(() => {
    const until = highlightUntil.value;
    const at = now.value;
    return Object.keys(until)
      .filter((key) => (until[key] ?? 0) > at)
      .join(" ");
  });

  const connection = computed<DisplayConnection>(() => {
    const status = live.status.value;
    if (status === "live") return "live";
    if (polling.value) return "polling";
    return status === "connecting" ? "connecting" : "reconnecting";
  });

  // A server that no longer speaks this page's protocol: fetch the new page (at most once a minute).
  const loadedAt = Date.now();
  effect(() => {
    if (live.status.value !== "incompatible") return;
    setTimeout(
      () => location.reload(),
      Math.max(5000, 60_000 - (Date.now() - loadedAt)) + Math.random() * 20_000,
    );
  });

  onVoicesChanged(() => {
    voicesVersion.value++;
  });

  return {
    data,
    lang,
    messages: computed(() => displayMessages(lang.value)),
    secondLang,
    secondMessages: computed(() => (secondLang.value ? displayMessages(secondLang.value) : null)),
    clock: computed(() => {
      const zone = data.value?.timeZone;
      return zone ? formatClock(officeWallClock(minute.value * 60_000, zone)) : "";
    }),
    date: computed(() => {
      const zone = data.value?.timeZone;
      return zone ? formatLongDate(minute.value * 60_000, zone, lang.value) : "";
    }),
    hours: computed(() => {
      const current = data.value;
      return current
        ? hoursLine(current, minute.value * 60_000, displayMessages(lang.value))
        : null;
    }),
    highlighted,
    connection,
    officeUnknown: computed(() => live.serverError.value?.code === "unknown_office" && !data.value),
    denied: computed(() => live.denial.value !== null),
    sound,
    settings,
    settingsOpen,
    openSettings() {
      settingsOpener = document.activeElement as HTMLElement | null;
      settingsOpen.value = true;
    },
    closeSettings() {
      settingsOpen.value = false;
      if (settingsOpener && typeof settingsOpener.focus === "function") settingsOpener.focus();
      settingsOpener = null;
    },
    voiceAvailable: computed(() => {
      voicesVersion.value;
      return canSpeak() && hasVoiceFor(lang.value);
    }),
    updateSettings(change) {
      ownSettings.value = { ...ownSettings.peek(), ...change };
      saveSoundSettings(ownSettings.peek());
    },
    testSound() {
      const current = data.peek();
      const counter = current?.calls[0]?.counterName ?? current?.counters[0]?.name ?? "1";
      announcer.announce({
        text: announcementText("A001", counter, lang.peek()),
        lang: lang.peek(),
      });
    },
  };
}

function browserLanguage(): string {
  const tag = typeof navigator !== "undefined" ? navigator.language : "";
  return (tag || "en").slice(0, 2).toLowerCase();
}
