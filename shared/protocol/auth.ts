import * as z from "zod/mini";
import { Slug } from "./config";

/**
 * Accounts, sessions, devices and the audit log: the request bodies and
 * answers of /api/auth, /api/accounts and the device routes.
 */

/** Staff roles, weakest first: each includes everything the one before it may do. */
export const STAFF_ROLES = ["clerk", "supervisor", "admin"] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const DEVICE_ROLES = ["kiosk", "display"] as const;
export const DeviceRole = z.enum(DEVICE_ROLES);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** A grant's office: one office id, or "*" for every office (the installation's administrators). */
export const ALL_OFFICES = "*";
export const GrantOffice = z.union([Slug, z.literal(ALL_OFFICES)]);
export const Grant = z.strictObject({ office: GrantOffice, role: StaffRole });
export type Grant = z.infer<typeof Grant>;

export const Username = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9._-]{1,39}$/,
      "2–40 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter or digit",
    ),
  );

/** ASVS 2.1: at least 12 characters; the upper bound only keeps hashing cheap to refuse. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const Password = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`),
    z.maxLength(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`),
  );

export const DisplayName = z.string().check(z.minLength(1), z.maxLength(80));

export const LoginBody = z.strictObject({
  username: z.string().check(z.minLength(1), z.maxLength(40)),
  // Not the full Password rule: an old short password must still get "wrong password", not a hint.
  password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH)),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH)),
  newPassword: Password,
});

export const AccountId = z.string().check(z.regex(/^acc_[A-Za-z0-9_-]{16}$/, "not an account id"));

export const CreateAccountBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  password: Password,
  grants: z.array(Grant).check(z.maxLength(100)),
});
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

/** Any subset; `grants` replaces the grants in the offices the caller administers. */
export const UpdateAccountBody = z.strictObject({
  displayName: z.optional(DisplayName),
  disabled: z.optional(z.boolean()),
  password: z.optional(Password),
  grants: z.optional(z.array(Grant).check(z.maxLength(100))),
});
export type UpdateAccountBody = z.infer<typeof UpdateAccountBody>;

export const AccountView = z.object({
  id: AccountId,
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  grants: z.array(Grant),
  createdAt: z.number(),
});
export type AccountView = z.infer<typeof AccountView>;

/** GET /api/auth/me: who is signed in, and until when. */
export const MeView = z.object({
  account: AccountView,
  session: z.object({ idleExpiresAt: z.number(), expiresAt: z.number() }),
});
export type MeView = z.infer<typeof MeView>;

export const DeviceName = z.string().check(z.minLength(1), z.maxLength(60));

export const CreatePairingCodeBody = z.strictObject({ role: DeviceRole, name: DeviceName });
export type CreatePairingCodeBody = z.infer<typeof CreatePairingCodeBody>;

/** Eight characters from an alphabet without look-alikes, shown as XXXX-XXXX; case and dash are ignored. */
export const PAIRING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PairingCode = z.pipe(
  z.string().check(z.maxLength(20)),
  z.transform((code) => code.toUpperCase().replace(/[\s-]/g, "")),
);
export const PairBody = z.strictObject({ code: PairingCode });
/** A device token handed over in a link (the demo's pre-paired screens), exchanged for the device cookie. */
export const DeviceToken = z
  .string()
  .check(z.regex(/^dvt_[A-Za-z0-9_-]{43}$/, "not a device token"));
export const AdoptDeviceBody = z.strictObject({ token: DeviceToken });

export const PairingCodeView = z.object({
  code: z.string(),
  role: DeviceRole,
  name: z.string(),
  expiresAt: z.number(),
});
export type PairingCodeView = z.infer<typeof PairingCodeView>;

export const DeviceId = z.string().check(z.regex(/^dev_[A-Za-z0-9_-]{12}$/, "not a device id"));
export const DeviceView = z.object({
  id: z.string(),
  office: Slug,
  role: DeviceRole,
  name: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  lastSeenAt: z.nullable(z.number()),
  revokedAt: z.nullable(z.number()),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** Who did something: a person, a paired device, an anonymous caller (by address) or the office itself. */
export const Actor = z.object({
  kind: z.enum(["staff", "device", "anonymous", "system", "operator"]),
  id: z.nullable(z.string().check(z.maxLength(80))),
  name: z.nullable(z.string().check(z.maxLength(80))),
  address: z.nullable(z.string().check(z.maxLength(64))),
});
export type Actor = z.infer<typeof Actor>;

export const AuditEntry = z.object({
  id: z.int(),
  at: z.number(),
  actor: Actor,
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
