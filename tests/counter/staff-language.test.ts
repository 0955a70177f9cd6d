import { afterEach, describe, expect, it, vi } from "vitest";
import {
  rememberedLanguage,
  rememberLanguage,
  STAFF_LANGUAGES,
  staffLanguage,
} from "../../shared/client/staff-language";

function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("The staff apps' language memory", () => {
  it("keeps each app's choice apart on the device, and forgets a language Turno does not have.", () => {
    const storage = fakeStorage();
    vi.stubGlobal("localStorage", storage);
    rememberLanguage("counter", "en");
    rememberLanguage("dashboard", "it");
    expect(rememberedLanguage("counter")).toBe("en");
    expect(rememberedLanguage("dashboard")).toBe("it");
    expect(storage.getItem("turno.counter.lang")).toBe("en");
    storage.setItem("turno.dashboard.lang", "xx");
    expect(rememberedLanguage("dashboard")).toBeNull();
  });

  it("works without memory where storage throws (private mode).", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    });
    expect(() => rememberLanguage("counter", "en")).not.toThrow();
    expect(rememberedLanguage("counter")).toBeNull();
  });

  it("offers every language and prefers the person's choice to the office's.", () => {
    expect(STAFF_LANGUAGES).toEqual(expect.arrayContaining(["it", "en"]));
    expect(staffLanguage(["it"], "en")).toBe("en");
    expect(staffLanguage(["it"], null)).toBe("it");
  });
});
