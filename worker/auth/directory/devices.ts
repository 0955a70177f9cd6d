import { type Actor, DeviceRole, type DeviceView } from "../../../shared/protocol/auth";
import { CLOSE_SIGNED_OUT } from "../../../shared/protocol/wire-constants";
import { deviceTag } from "../../live/socket-tags";
import { randomToken, sha256 } from "../encoding";
import type { DevicePrincipal } from "../principal";
import type { DirectoryAudit } from "./audit";
import type { OfficeFanout } from "./office-fanout";
import type { DeviceRow, DevicesStore } from "./store/devices-store";

/** last_seen_at is written at most once a minute per device, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A device just added: its token goes to the device once, only its digest is kept. */
export interface AddedDevice {
  device: DeviceView;
  token: string;
}

/** Paired kiosks and displays: recognising them by their token, listing and revoking them. */
export class Devices {
  constructor(
    private readonly devices: DevicesStore,
    private readonly audit: DirectoryAudit,
    private readonly fanout: OfficeFanout,
  ) {}

  /** The devices behind token digests, revoked and unknown ones left out. Counts as use. */
  resolve(
    tokenHashes: string[],
    now: number,
  ): { devices: DevicePrincipal[]; deviceHashes: string[] } {
    const devices: DevicePrincipal[] = [];
    const deviceHashes: string[] = [];
    for (const hash of tokenHashes) {
      const row = this.devices.activeByTokenHash(hash);
      if (!row) continue;
      if (row.last_seen_at === null || now - row.last_seen_at > TOUCH_EVERY_MS)
        this.devices.setLastSeen(row.id, now);
      devices.push(devicePrincipal(row));
      deviceHashes.push(hash);
    }
    return { devices, deviceHashes };
  }

  /** Setup and the demo: a device created directly, its token handed over in a link. */
  async create(office: string, role: DeviceRole, name: string): Promise<AddedDevice> {
    const created = await this.add(office, role, name, "operator");
    this.audit.record(
      { kind: "operator", id: null, name: "operator", address: null },
      "device.created",
      { device: created.device.id, role, name },
      [],
      [office],
    );
    return created;
  }

  /** Adds a device with a fresh token; the caller records how it came. */
  async add(
    office: string,
    role: DeviceRole,
    name: string,
    createdBy: string,
  ): Promise<AddedDevice> {
    const token = randomToken("dvt_");
    const id = randomToken("dev_", 9);
    this.devices.insert({
      id,
      tokenHash: await sha256(token),
      office,
      role,
      name,
      createdAt: Date.now(),
      createdBy,
    });
    const row = this.devices.byId(id);
    if (!row) throw new Error(`device ${id} vanished while it was written`);
    return { device: deviceView(row), token };
  }

  /** The device behind a token, if it belongs to this office and is not revoked. */
  byTokenHash(office: string, tokenHash: string): DeviceView | null {
    const row = this.devices.activeByTokenHashInOffice(tokenHash, office);
    return row ? deviceView(row) : null;
  }

  list(office: string): DeviceView[] {
    return this.devices.inOffice(office).map(deviceView);
  }

  /** Revokes a device (once) and closes its sockets; null when the office has no such device. */
  async revoke(actor: Actor, office: string, deviceId: string): Promise<DeviceView | null> {
    const row = this.devices.byIdInOffice(deviceId, office);
    if (!row) return null;
    if (row.revoked_at === null) {
      this.devices.setRevoked(deviceId, Date.now());
      this.audit.record(
        actor,
        "device.revoked",
        { device: deviceId, name: row.name },
        [],
        [office],
      );
      await this.fanout.closeSockets(office, {
        tag: deviceTag(deviceId),
        code: CLOSE_SIGNED_OUT,
        reason: "device revoked",
        errorCode: "device_revoked",
        revokedDeviceId: deviceId,
      });
    }
    const revoked = this.devices.byId(deviceId);
    return revoked ? deviceView(revoked) : null;
  }
}

function devicePrincipal(row: DeviceRow): DevicePrincipal {
  return { id: row.id, office: row.office, role: DeviceRole.parse(row.role), name: row.name };
}

function deviceView(row: DeviceRow): DeviceView {
  return {
    id: row.id,
    office: row.office,
    role: DeviceRole.parse(row.role),
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}
