import { describe, expect, it } from "vitest";
import { authenticate } from "../../worker/auth/authenticate";

/**
 * Issue 13, point 3: the installation has one Directory, and every request carrying a
 * session or device cookie used to ask it who that is, whatever the cookie held. A
 * Directory that counts its callers stands in for the real one.
 */
function countingDirectory() {
  const calls: unknown[] = [];
  const env = {
    Directory: {
      getByName: () => ({
        resolve: async (input: unknown) => {
          calls.push(input);
          return { staff: null, devices: [], deviceHashes: [] };
        },
      }),
    },
  } as unknown as Env;
  return { env, calls };
}

const request = (cookie: string) =>
  new Request("https://turno.example.org/api/offices/x/tickets", { headers: { cookie } });

const WELL_SHAPED = "A".repeat(43);

describe("Cookies that cannot be a token", () => {
  it("Issue 13, point 3: a session or device cookie not shaped as a minted token costs no Directory lookup, and counts as no credential.", async () => {
    const { env, calls } = countingDirectory();
    for (const cookie of [
      "__Host-turno_session=x",
      "__Host-turno_session=ses_bogus",
      `__Host-turno_session=ses_${"A".repeat(42)}`,
      `__Host-turno_session=ses_${"A".repeat(44)}`,
      `__Host-turno_session=ses_${"A".repeat(42)}=`,
      `__Host-turno_session=dvt_${WELL_SHAPED}`,
      `__Host-turno_session=${"x".repeat(60)}`,
      "turno_kiosk=dvt_short",
      `turno_kiosk=ses_${WELL_SHAPED}`,
      `turno_display=dvt_${"A".repeat(42)}.`,
      `turno_display=dvt_${"!".repeat(43)}`,
      `turno_kiosk=dvt_x; turno_display=0; __Host-turno_session=`,
    ]) {
      const principal = await authenticate(env, request(cookie), { address: "203.0.113.1" });
      expect(principal, cookie).toMatchObject({ staff: null, devices: [] });
    }
    expect(calls).toEqual([]);
  });

  it("A cookie shaped as a minted token is still looked up, once per request.", async () => {
    const { env, calls } = countingDirectory();
    await authenticate(env, request(`__Host-turno_session=ses_${WELL_SHAPED}`), {
      address: "203.0.113.1",
    });
    await authenticate(env, request(`turno_kiosk=dvt_${WELL_SHAPED}`), { address: "203.0.113.1" });
    expect(calls).toHaveLength(2);
  });
});
