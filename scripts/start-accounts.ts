/**
 * First run of a local Turno: the administrator account and the demo's
 * pre-paired kiosk and display, created through the operator's setup routes.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  describeFailure,
  generatedPassword,
  type OperatorFetch,
  operatorCall,
  STATE_DIR,
} from "./operator";

export const ADMIN_USERNAME = "admin";
const DEMO_DEVICES_FILE = join(STATE_DIR, "demo-devices.json");

/**
 * Creates `admin` (an administrator of every office) if it does not exist:
 * with TURNO_ADMIN_PASSWORD when set, else a generated password, printed once.
 */
export async function ensureAdmin(
  base: string,
  token: string,
  fixedPassword: string | undefined,
  fetcher: OperatorFetch = fetch,
): Promise<{ password: string | null; source: string }> {
  const status = await operatorCall<{ exists: boolean }>(
    base,
    token,
    "GET",
    `/api/setup/status?username=${ADMIN_USERNAME}`,
    undefined,
    fetcher,
  );
  if (status.status !== 200) throw describeFailure("could not read the accounts", status);
  if (status.body.exists) return { password: null, source: "existing" };
  const password = fixedPassword ?? generatedPassword();
  const created = await operatorCall(
    base,
    token,
    "POST",
    "/api/setup/accounts",
    {
      username: ADMIN_USERNAME,
      displayName: "Administrator",
      password,
      grants: [{ office: "*", role: "admin" }],
    },
    fetcher,
  );
  if (created.status !== 201 && created.status !== 200)
    throw describeFailure("could not create the admin account", created);
  return {
    password,
    source: fixedPassword ? "from TURNO_ADMIN_PASSWORD" : "generated",
  };
}

type DemoDevices = { kiosk: string; display: string };

/** The demo office's kiosk and display tokens: reused while valid, else created anew. */
export async function ensureDemoDevices(
  base: string,
  token: string,
  office: string,
): Promise<DemoDevices> {
  const saved: Partial<DemoDevices> = existsSync(DEMO_DEVICES_FILE)
    ? JSON.parse(readFileSync(DEMO_DEVICES_FILE, "utf8"))
    : {};
  const devices: Partial<DemoDevices> = {};
  for (const role of ["kiosk", "display"] as const) {
    const existing = saved[role];
    if (existing) {
      const check = await operatorCall<{ valid: boolean }>(
        base,
        token,
        "POST",
        "/api/setup/devices/check",
        { office, token: existing },
      );
      if (check.status === 200 && check.body.valid) {
        devices[role] = existing;
        continue;
      }
    }
    const created = await operatorCall<{ token: string }>(
      base,
      token,
      "POST",
      "/api/setup/devices",
      {
        office,
        role,
        name: role === "kiosk" ? "Demo kiosk" : "Demo display",
      },
    );
    if (created.status !== 201) throw describeFailure(`could not pair the demo ${role}`, created);
    devices[role] = created.body.token;
  }
  writeFileSync(DEMO_DEVICES_FILE, JSON.stringify(devices), { mode: 0o600 });
  return devices as DemoDevices;
}
