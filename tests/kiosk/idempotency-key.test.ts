import { describe, expect, it } from "vitest";
import { newIdempotencyKey } from "../../shared/client/idempotency-key";

describe("Idempotency keys", () => {
  it("are 128 random bits in hex, named after the app, and never the same twice.", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey("kiosk")));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^kiosk-[0-9a-f]{32}$/);
  });
});
