import { signal } from "@preact/signals";
import { describe, expect, it } from "vitest";
import { updateOffice, updateService } from "../../dashboard/model/config-form";
import { createSetupModel } from "../../dashboard/model/setup-model";
import type { HttpAnswer } from "../../shared/client/http";
import type { Grant } from "../../shared/protocol/auth";
import type { OfficeState } from "../../shared/protocol/state";
import { Office } from "../engine/helpers";

function setup(answers: HttpAnswer[]) {
  const office = new Office();
  const state = signal<OfficeState | null>(office.state);
  const calls: { method: string; path: string; body: unknown }[] = [];
  let unauthorized = 0;
  const model = createSetupModel({
    officeId: "scandicci",
    state,
    myGrants: signal<readonly Grant[]>([{ office: "scandicci", role: "admin" }]),
    myAccountId: signal("acc_AAAAAAAAAAAAAAAA"),
    onUnauthorized: () => unauthorized++,
    onForbidden: () => {},
    request: (method, path, body) => {
      calls.push({ method, path, body });
      return Promise.resolve(answers.shift() ?? { status: 0, body: null, retryAfterSeconds: null });
    },
  });
  return { office, state, model, calls, unauthorized: () => unauthorized };
}

const answer = (status: number, body: unknown = null): HttpAnswer => ({
  status,
  body,
  retryAfterSeconds: null,
});

describe("Saving the configuration", () => {
  it("does not send a draft the schema refuses, and shows where.", async () => {
    const { model, calls } = setup([]);
    model.edit(updateService(model.draft.value!, 0, { prefix: "1" }));
    expect(await model.save()).toBe(false);
    expect(calls).toEqual([]);
    expect(model.status.value.kind).toBe("invalid");
    expect(model.issues.value.has("services.0.prefix")).toBe(true);
    // Fixing the field clears its problem at once.
    model.edit(updateService(model.draft.value!, 0, { prefix: "Z" }));
    expect(model.issues.value.size).toBe(0);
  });

  it("PUTs the whole parsed configuration, then follows the live one.", async () => {
    const { model, calls, office, state } = setup([answer(200, {})]);
    model.edit(updateOffice(model.draft.value!, { targetWaitMinutes: 15 }));
    expect(model.dirty.value).toBe(true);
    expect(await model.save()).toBe(true);
    expect(calls[0]).toMatchObject({ method: "PUT", path: "/api/offices/scandicci" });
    expect(calls[0]?.body).toMatchObject({ targetWaitMinutes: 15 });
    expect(model.status.value.kind).toBe("saved");
    expect(model.dirty.value).toBe(false);

    // The server broadcasts the change; the draft follows it, since nothing is being edited.
    office.ok({ type: "configure", config: { ...office.state.config, targetWaitMinutes: 15 } });
    state.value = structuredClone(office.state); // as a live frame brings it: a new object
    expect(model.draft.value?.targetWaitMinutes).toBe(15);
    expect(model.changedElsewhere.value).toBe(false);
  });

  it("says so when someone else saved while this draft was being edited.", () => {
    const { model, office, state } = setup([]);
    model.edit(updateOffice(model.draft.value!, { name: "Punto Comune" }));
    office.ok({ type: "configure", config: { ...office.state.config, targetWaitMinutes: 30 } });
    state.value = structuredClone(office.state); // as a live frame brings it: a new object
    expect(model.changedElsewhere.value).toBe(true);
    expect(model.draft.value?.name).toBe("Punto Comune");
    model.discard();
    expect(model.draft.value?.targetWaitMinutes).toBe(30);
    expect(model.dirty.value).toBe(false);
  });

  it("shows the server's refusals: field problems on 400, the conflict on 409, a sign-in on 401.", async () => {
    const { model, unauthorized } = setup([
      answer(400, {
        error: {
          code: "invalid_request",
          message: "bad",
          issues: [{ path: "services.1.prefix", message: 'prefix "A" is already used' }],
        },
      }),
      answer(409, {
        error: { code: "config_conflict", message: 'Service "urp" still has ticket A001' },
      }),
      answer(401, { error: { code: "not_signed_in", message: "" } }),
    ]);
    model.edit(updateOffice(model.draft.value!, { targetWaitMinutes: 25 }));
    await model.save();
    expect(model.issues.value.has("services.1.prefix")).toBe(true);
    await model.save();
    expect(model.status.value).toEqual({
      kind: "failed",
      code: "config_conflict",
      detail: 'Service "urp" still has ticket A001',
    });
    await model.save();
    expect(unauthorized()).toBe(1);
  });
});

describe("Devices and accounts", () => {
  it("shows a new pairing code and lists devices newest first.", async () => {
    const device = (id: string, createdAt: number) => ({
      id,
      office: "scandicci",
      role: "display",
      name: id,
      createdAt,
      createdBy: "capo",
      lastSeenAt: null,
      revokedAt: null,
    });
    const { model, calls } = setup([
      answer(201, { code: "ABCD2345", role: "display", name: "Sala A", expiresAt: 1000 }),
      answer(200, { devices: [device("dev_AAAAAAAAAAAA", 1), device("dev_BBBBBBBBBBBB", 2)] }),
    ]);
    expect(await model.createPairingCode("display", "Sala A")).toBe(true);
    expect(calls[0]).toEqual({
      method: "POST",
      path: "/api/offices/scandicci/pairing-codes",
      body: { role: "display", name: "Sala A" },
    });
    expect(model.pairing.value?.code).toBe("ABCD2345");
    await model.loadDevices();
    expect(model.devices.value?.map((d) => d.id)).toEqual(["dev_BBBBBBBBBBBB", "dev_AAAAAAAAAAAA"]);
  });

  it("creates an account with a role in this office, then reads the list again.", async () => {
    const { model, calls } = setup([answer(201, {}), answer(200, { accounts: [] })]);
    const ok = await model.createAccount({
      username: " Lucia ",
      displayName: "",
      password: "a long enough password",
      role: "clerk",
    });
    expect(ok).toBe(true);
    expect(calls[0]?.body).toEqual({
      username: "lucia",
      displayName: "lucia",
      password: "a long enough password",
      grants: [{ office: "scandicci", role: "clerk" }],
    });
    expect(calls[1]?.path).toBe("/api/accounts");
    expect(model.accountNote.value).toEqual({ key: "created", name: "lucia" });
  });

  it("keeps the server's reason when an account change is refused.", async () => {
    const { model } = setup([answer(409, { error: { code: "username_taken", message: "taken" } })]);
    await model.createAccount({
      username: "capo",
      displayName: "",
      password: "x".repeat(12),
      role: "clerk",
    });
    expect(model.accountProblem.value?.code).toBe("username_taken");
  });
});
