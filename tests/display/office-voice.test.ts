import { afterEach, describe, expect, it, vi } from "vitest";
import {
  loadOwnSoundSettings,
  saveSoundSettings,
  soundSettingsFor,
} from "../../display/model/sound-settings";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { Office } from "../engine/helpers";

const OFFICE = { volume: 0.6, rate: 1.2, pitch: 0.8, chime: false };

function stubStorage(initial: Record<string, string> = {}) {
  const store = { ...initial };
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => store[key] ?? null,
    setItem: (key: string, value: string) => {
      store[key] = value;
    },
  });
  return store;
}

describe("The office's voice settings on a waiting-room screen", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("Are the screen's settings when nobody adjusted this screen.", () => {
    stubStorage();
    expect(soundSettingsFor(OFFICE, loadOwnSoundSettings(""))).toEqual({
      ...OFFICE,
      voice: true,
    });
  });

  it("Give way to what was changed on this screen, field by field, and to its URL.", () => {
    const store = stubStorage();
    saveSoundSettings({ volume: 0.3 });
    expect(soundSettingsFor(OFFICE, loadOwnSoundSettings(""))).toEqual({
      volume: 0.3,
      rate: 1.2,
      pitch: 0.8,
      chime: false,
      voice: true,
    });
    const own = loadOwnSoundSettings("?rate=0.7&voice=0");
    expect(soundSettingsFor(OFFICE, own)).toMatchObject({ volume: 0.3, rate: 0.7, voice: false });
    // A later change of the office's settings still reaches the fields the screen left alone.
    expect(soundSettingsFor({ ...OFFICE, pitch: 1.4 }, own).pitch).toBe(1.4);
    expect(Object.keys(JSON.parse(store["turno.display.sound"] ?? "{}"))).toEqual(["volume"]);
  });

  it("Fall back to the screen's defaults without office settings, and clamp odd values.", () => {
    stubStorage();
    expect(soundSettingsFor(undefined, {})).toEqual({
      volume: 1,
      rate: 0.9,
      pitch: 1,
      voice: true,
      chime: true,
    });
    expect(soundSettingsFor({ volume: 7, rate: "fast", chime: "no" }, {})).toMatchObject({
      volume: 1,
      rate: 0.9,
      chime: true,
    });
  });

  it("Pass the display's frame check with or without `voice` (a server from before it sends none).", () => {
    const office = new Office();
    const snapshot = (config: unknown) =>
      JSON.stringify({
        type: "snapshot",
        v: 1,
        seq: 1,
        serverTime: office.now,
        state: { ...office.state, config },
      });
    const { voice, ...older } = office.state.config;
    expect(voice).toEqual({ volume: 1, rate: 0.9, pitch: 1, chime: true });
    expect(checkServerMessage(snapshot(office.state.config))).not.toBeNull();
    expect(checkServerMessage(snapshot(older))).not.toBeNull();
    expect(checkServerMessage(snapshot({ ...older, voice: "loud" }))).toBeNull();
  });
});
