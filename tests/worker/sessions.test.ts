import { describe, expect, it } from "vitest";
import { api, createOffice, expectError, LiveSocket, signedIn, TEST_PASSWORD } from "./helpers";

describe("Signing in", () => {
  it("A person signs in, sees who they are, and signs out; the cookie then no longer works.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const me = await api<{ account: { username: string; grants: unknown[] } }>("GET", "/auth/me", {
      as: clerk.as,
    });
    expect(me.status).toBe(200);
    expect(me.body.account.username).toBe(clerk.username);
    expect(me.body.account.grants).toEqual([{ office: officeId, role: "clerk" }]);

    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");
    const out = await api("POST", "/auth/logout", { as: clerk.as });
    expect(out.status).toBe(204);
    expect((await socket.closedBy()).code).toBe(4401);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
  });

  it("A wrong password is 401 invalid_credentials, the same answer as an unknown name.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    expectError(
      await api("POST", "/auth/login", {
        as: "anonymous",
        body: { username: clerk.username, password: `${TEST_PASSWORD}!` },
      }),
      401,
      "invalid_credentials",
    );
    expectError(
      await api("POST", "/auth/login", {
        as: "anonymous",
        body: { username: "nobody-here", password: TEST_PASSWORD },
      }),
      401,
      "invalid_credentials",
    );
  });
});
