import { type Actor, DeviceRole } from "../../../shared/protocol/auth";
import { sha256 } from "../encoding";
import { formatPairingCode, newPairingCode } from "../pairing-code";
import type { DirectoryAudit } from "./audit";
import type { AddedDevice, Devices } from "./devices";
import { type Failure, failure } from "./failure";
import type { SignInLimits } from "./sign-in-limits";
import type { PairingCodesStore } from "./store/pairing-codes-store";

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

/** A code as an admin reads it out: it pairs one device of this role and name, until `expiresAt`. */
export interface IssuedPairingCode {
  code: string;
  role: DeviceRole;
  name: string;
  expiresAt: number;
}

/** Pairing a device with a short code an admin made for it. */
export class Pairing {
  constructor(
    private readonly codes: PairingCodesStore,
    private readonly devices: Devices,
    private readonly limits: SignInLimits,
    private readonly audit: DirectoryAudit,
  ) {}

  async createCode(
    actor: Actor,
    office: string,
    role: DeviceRole,
    name: string,
  ): Promise<IssuedPairingCode> {
    const now = Date.now();
    this.codes.deleteExpiredBefore(now);
    const code = newPairingCode();
    const expiresAt = now + PAIRING_CODE_TTL_MS;
    this.codes.insert({
      codeHash: await codeHash(office, code),
      office,
      role,
      name,
      createdBy: actor.name ?? "?",
      expiresAt,
    });
    this.audit.record(actor, "pairing_code.created", { role, name }, [], [office]);
    return { code: formatPairingCode(code), role, name, expiresAt };
  }

  /** A device enters a code: one use, within its minutes, few wrong tries per office and address. */
  async pair(
    office: string,
    code: string,
    expectedRole: DeviceRole | null,
    address: string,
  ): Promise<AddedDevice | Failure> {
    const now = Date.now();
    const decision = this.limits.checkPairing(office, address, now);
    if (!decision.allowed) {
      return {
        error: {
          status: 429,
          code: "too_many_attempts",
          message: `Too many wrong pairing codes; try again in ${Math.ceil(decision.retryAfterMs / 60_000)} min.`,
          retryAfterMs: decision.retryAfterMs,
        },
      };
    }
    const hash = await codeHash(office, code);
    const pending = this.codes.byCodeHash(hash);
    if (!pending || pending.expires_at <= now) {
      this.limits.recordPairingFailure(office, address, now);
      this.audit.record(
        { kind: "anonymous", id: null, name: null, address },
        "pairing.failed",
        {},
        [],
        [office],
      );
      return failure(
        404,
        "invalid_pairing_code",
        "This pairing code is wrong or has expired; ask for a new one.",
      );
    }
    if (expectedRole && pending.role !== expectedRole) {
      return failure(
        409,
        "wrong_device_role",
        `This code pairs a ${pending.role}, not a ${expectedRole}.`,
      );
    }
    // Deleted before any await: the code is used once even if two devices race with it.
    this.codes.delete(hash);
    const paired = await this.devices.add(
      office,
      DeviceRole.parse(pending.role),
      pending.name,
      pending.created_by,
    );
    this.audit.record(
      { kind: "device", id: paired.device.id, name: paired.device.name, address },
      "device.paired",
      { device: paired.device.id, role: paired.device.role, name: paired.device.name },
      [],
      [office],
    );
    return paired;
  }
}

/** Codes are kept as a digest bound to their office: a code typed for another office finds nothing. */
function codeHash(office: string, code: string): Promise<string> {
  return sha256(`${office}:${code}`);
}
