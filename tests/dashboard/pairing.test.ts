import { describe, expect, it } from "vitest";
import { deviceThatUsedCode, PAIRING_CODE_TTL_MS } from "../../dashboard/model/pairing";
import type { DeviceView } from "../../shared/protocol/auth";

/* Issue 10, point 14: a code already used still said "Valido ancora 9:42". */
const made = Date.parse("2026-03-02T09:00:00Z");
const pairing = {
  code: "ABCD2345",
  role: "display" as const,
  name: "Sala d'attesa",
  expiresAt: made + PAIRING_CODE_TTL_MS,
};
const device = (patch: Partial<DeviceView>): DeviceView => ({
  id: "dev_aaaaaaaaaaaa",
  office: "scandicci",
  role: "display",
  name: "Sala d'attesa",
  createdAt: made + 60_000,
  createdBy: "acc_x",
  lastSeenAt: null,
  revokedAt: null,
  ...patch,
});

describe("The device that used a pairing code", () => {
  it("is the device of the code's role and name paired while the code was valid.", () => {
    const paired = device({ id: "dev_bbbbbbbbbbbb" });
    expect(deviceThatUsedCode(pairing, [device({ createdAt: made - 86_400_000 }), paired])).toBe(
      paired,
    );
  });

  it("is none while no such device exists: the code is still waiting.", () => {
    expect(deviceThatUsedCode(pairing, [])).toBeNull();
    expect(deviceThatUsedCode(pairing, null)).toBeNull();
    expect(deviceThatUsedCode(pairing, [device({ role: "kiosk" })])).toBeNull();
    expect(deviceThatUsedCode(pairing, [device({ name: "Totem" })])).toBeNull();
    // A device of that name paired before this code was made is an older one.
    expect(deviceThatUsedCode(pairing, [device({ createdAt: made - 1 })])).toBeNull();
  });
});
