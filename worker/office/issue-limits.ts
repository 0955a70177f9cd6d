import type { Actor } from "../../shared/protocol/auth";
import { addressKey } from "../auth/address-key";
import type { Limit } from "./rate-limits";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** Defaults: a kiosk at its busiest issues a ticket every few seconds; a phone needs one or two an hour. */
export const DEFAULT_ISSUE_LIMITS = {
  perDevicePerMinute: 30,
  perAddressPerMinute: 120,
  remotePerAddressPerHour: 6,
  perStaffPerMinute: 60,
};

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

/**
 * The limits one ticket request must fit in, by who asks: per device, per
 * address (several kiosks may share one), per person; the operator and the
 * office itself are not limited.
 */
export function issueLimits(actor: Actor, env: Partial<Env>): Limit[] {
  const perDevice = positive(
    env.TURNO_TICKETS_PER_DEVICE_PER_MINUTE,
    DEFAULT_ISSUE_LIMITS.perDevicePerMinute,
  );
  const perAddress = positive(
    env.TURNO_TICKETS_PER_ADDRESS_PER_MINUTE,
    DEFAULT_ISSUE_LIMITS.perAddressPerMinute,
  );
  const remote = positive(
    env.TURNO_REMOTE_TICKETS_PER_ADDRESS_PER_HOUR,
    DEFAULT_ISSUE_LIMITS.remotePerAddressPerHour,
  );
  // An IPv6 address counts by its /64 (address-key.ts).
  const address = addressKey(actor.address ?? "unknown");
  switch (actor.kind) {
    case "operator":
    case "system":
      return [];
    case "staff":
      return [
        { key: `acct:${actor.id}`, max: DEFAULT_ISSUE_LIMITS.perStaffPerMinute, windowMs: MINUTE },
      ];
    case "device":
      return [
        { key: `dev:${actor.id}`, max: perDevice, windowMs: MINUTE },
        { key: `addr:${address}`, max: perAddress, windowMs: MINUTE },
      ];
    case "anonymous":
      return [
        { key: `remote:${address}`, max: remote, windowMs: HOUR },
        { key: `addr:${address}`, max: perAddress, windowMs: MINUTE },
      ];
  }
}
