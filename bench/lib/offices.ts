/** The bench's offices, its devices and its clerk, set up over the operator's API. */
import { request as httpRequest } from "node:http";
import { demoOfficeConfig, OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { withBookings } from "./bookings";
import { credentials, httpJson, newAgent } from "./load";
import { BENCH_SETUP_TOKEN, type ServerUnderTest } from "./servers";

/** One office per measurement, so each starts from an empty queue. */
export const OFFICES = {
  issueHttp: "bench",
  issueKiosk: "bench-kiosk",
  live: "bench-live",
  reports: "bench-reports",
  bookings: "bench-bookings",
  flood: "bench-flood",
  storm: "bench-storm",
} as const;
export const COUNTERS = demoOfficeConfig.counters.map((c) => c.id);

/** The demo office, open around the clock, with every counter at the front desk. */
const benchOfficeConfig: OfficeConfigInput = {
  ...demoOfficeConfig,
  name: "Turno bench office",
  openingHours: OPEN_AROUND_THE_CLOCK,
  counters: demoOfficeConfig.counters.map((counter) => ({ ...counter, defaultMode: "front" })),
};

/** Each Turno server's devices and clerk (they differ by server), by base URL. */
const credentialsByServer = new Map<string, string>();

/**
 * Makes `credentials` (load.ts) the ones of `server`: the loads read that one object, and
 * each Turno server pairs its own devices. The baseline takes any, so it keeps the last.
 */
export function actAs(server: ServerUnderTest): void {
  const saved = credentialsByServer.get(server.base);
  if (saved) Object.assign(credentials, JSON.parse(saved));
}

/** Creates the bench offices, one kiosk and one display per office, and a clerk for all of them. */
export async function configureOffices(turno: ServerUnderTest): Promise<void> {
  const agent = newAgent(1);
  const operator = { authorization: `Bearer ${BENCH_SETUP_TOKEN}` };
  Object.assign(credentials, { kiosk: {}, display: {}, clerk: {} });
  const call = async (method: string, path: string, body: unknown, expected: number[]) => {
    const answer = await httpJson(agent, turno.base, method, path, body, 30_000, operator);
    if (!expected.includes(answer.status))
      throw new Error(`${method} ${path}: ${answer.status} ${answer.body.slice(0, 500)}`);
    return answer;
  };
  try {
    const offices = [...new Set(Object.values(OFFICES))];
    for (const office of offices) {
      const config =
        office === OFFICES.bookings ? withBookings(benchOfficeConfig) : benchOfficeConfig;
      await call("PUT", `/api/offices/${office}`, config, [200, 201]);
      for (const role of ["kiosk", "display"] as const) {
        const created = await call(
          "POST",
          "/api/setup/devices",
          { office, role, name: `Bench ${role}` },
          [201],
        );
        const { token } = JSON.parse(created.body) as { token: string };
        credentials[role][office] = { cookie: `turno_${role}=${token}` };
      }
    }
    const password = "bench clerk passphrase";
    await call(
      "POST",
      "/api/setup/accounts",
      {
        username: "bench-clerk",
        password,
        grants: offices.map((office) => ({ office, role: "clerk" })),
      },
      [200, 201],
    );
    const login = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ username: "bench-clerk", password });
      const req = httpRequest(
        new URL("/api/auth/login", turno.base),
        { method: "POST", headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          const cookie = res.headers["set-cookie"]?.find((c) => c.includes("turno_session="));
          if (res.statusCode === 200 && cookie) resolve(cookie.split(";")[0]!);
          else reject(new Error(`bench clerk login: ${res.statusCode}`));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    credentials.clerk = { cookie: login };
    credentialsByServer.set(turno.base, JSON.stringify(credentials));
  } finally {
    agent.destroy();
  }
}
