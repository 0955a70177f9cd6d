import type { Actor, DeviceRole, Grant } from "../../shared/protocol/auth";

/** A signed-in person, as the Directory vouches for them on this request. */
export interface StaffPrincipal {
  accountId: string;
  username: string;
  displayName: string;
  /** Short public id of the session (never the token): tags its sockets. */
  sessionId: string;
  grants: Grant[];
  idleExpiresAt: number;
  expiresAt: number;
}

/** A paired kiosk or display. */
export interface DevicePrincipal {
  id: string;
  office: string;
  role: DeviceRole;
  name: string;
}

/** Everything known about a caller. Anonymous callers have neither. */
export interface Principal {
  staff: StaffPrincipal | null;
  devices: DevicePrincipal[];
  /** Holds the installation's setup token (TURNO_SETUP_TOKEN): an administrator of every office. */
  operator: boolean;
  address: string;
}

export function actorOf(principal: Principal, device?: DevicePrincipal | null): Actor {
  if (principal.operator)
    return { kind: "operator", id: null, name: "operator", address: principal.address };
  if (principal.staff) {
    return {
      kind: "staff",
      id: principal.staff.accountId,
      name: principal.staff.username,
      address: principal.address,
    };
  }
  if (device)
    return { kind: "device", id: device.id, name: device.name, address: principal.address };
  return { kind: "anonymous", id: null, name: null, address: principal.address };
}
