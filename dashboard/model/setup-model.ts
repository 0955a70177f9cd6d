import { computed, effect, type ReadonlySignal, signal, untracked } from "@preact/signals";
import type {
  AccountView,
  DeviceView,
  Grant,
  PairingCodeView as PairingCode,
  StaffRole,
} from "../../shared/protocol/auth";
import { PairingCodeView } from "../../shared/protocol/auth";
import { AccountList, DeviceList } from "../../shared/protocol/responses";
import type { OfficeState } from "../../shared/protocol/state";
import { grantsWithRole } from "./accounts";
import { defaultRequest, type Outcome, officePath, outcomeOf, type Request } from "./api";
import {
  type ConfigDraft,
  draftOf,
  type FieldIssues,
  isDirty,
  issuesFromAnswer,
  validateDraft,
} from "./config-form";
import { createWebhooksModel } from "./webhooks-model";

export interface SetupModelOptions {
  officeId: string;
  state: ReadonlySignal<OfficeState | null>;
  /** The signed-in person's grants (which grants they may hand out). */
  myGrants: ReadonlySignal<readonly Grant[]>;
  myAccountId: ReadonlySignal<string | null>;
  onUnauthorized: () => void;
  onForbidden: () => void;
  request?: Request;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "invalid" }
  | { kind: "failed"; code: string; detail: string | null };

/**
 * The setup section, for the office's administrators: a
 * draft of the configuration (config-form.ts) saved whole with PUT — the
 * server applies it live and every screen follows over its socket — and the
 * office's devices and accounts.
 */
export function createSetupModel(options: SetupModelOptions) {
  const { officeId } = options;
  const request = options.request ?? defaultRequest;
  const saved = computed(() => options.state.value?.config ?? null);
  const draft = signal<ConfigDraft | null>(null);
  /** The configuration the draft was taken from: when the live one moves on, someone else saved. */
  const base = signal<OfficeState["config"] | null>(null);
  const issues = signal<FieldIssues>(new Map());
  const status = signal<SaveStatus>({ kind: "idle" });
  const dirty = computed(() => {
    const d = draft.value;
    const b = base.value;
    return d !== null && b !== null && isDirty(d, b);
  });
  const changedElsewhere = computed(
    () => dirty.value && saved.value !== null && base.value !== saved.value,
  );

  // The draft follows the live configuration for as long as nothing is being edited.
  const stopFollow = effect(() => {
    const config = saved.value;
    if (!config) return;
    untracked(() => {
      if (draft.peek() === null || !dirty.peek()) {
        draft.value = draftOf(config);
        base.value = config;
      }
    });
  });

  function edit(next: ConfigDraft): void {
    draft.value = next;
    if (status.peek().kind === "saved") status.value = { kind: "idle" };
    // Problems go away as they are fixed, but new ones wait for the next save.
    if (issues.peek().size > 0) {
      const check = validateDraft(next);
      if (check.ok) issues.value = new Map();
      else {
        const still = new Map([...check.issues].filter(([path]) => issues.peek().has(path)));
        issues.value = still;
      }
    }
  }

  async function save(): Promise<boolean> {
    const current = draft.peek();
    if (!current || status.peek().kind === "saving") return false;
    const check = validateDraft(current);
    if (!check.ok) {
      issues.value = check.issues;
      status.value = { kind: "invalid" };
      return false;
    }
    issues.value = new Map();
    status.value = { kind: "saving" };
    const answer = await request("PUT", officePath(officeId), check.config);
    const outcome = outcomeOf(answer);
    if (outcome.ok) {
      status.value = { kind: "saved" };
      // The live socket brings the saved configuration; until then the draft is it.
      draft.value = draftOf(check.config);
      base.value = check.config;
      return true;
    }
    if (answer.status === 400) issues.value = issuesFromAnswer(answer.body);
    handleDenial(answer.status);
    status.value = { kind: "failed", code: outcome.code, detail: outcome.detail };
    return false;
  }

  function discard(): void {
    const config = saved.peek();
    if (!config) return;
    draft.value = draftOf(config);
    base.value = config;
    issues.value = new Map();
    status.value = { kind: "idle" };
  }

  function handleDenial(status: number): void {
    if (status === 401) options.onUnauthorized();
    if (status === 403) options.onForbidden();
  }

  // ——— Devices

  const devices = signal<DeviceView[] | null>(null);
  const pairing = signal<PairingCode | null>(null);
  const deviceProblem = signal<Outcome | null>(null);
  const deviceBusy = signal<string | null>(null);

  async function loadDevices(): Promise<void> {
    const answer = await request("GET", officePath(officeId, "/devices"));
    const parsed = answer.status === 200 ? DeviceList.safeParse(answer.body) : null;
    if (parsed?.success) {
      devices.value = parsed.data.devices.sort((a, b) => b.createdAt - a.createdAt);
      return;
    }
    handleDenial(answer.status);
    deviceProblem.value = outcomeOf(answer);
  }

  async function createPairingCode(role: "kiosk" | "display", name: string): Promise<boolean> {
    if (deviceBusy.peek()) return false;
    deviceBusy.value = "pair";
    deviceProblem.value = null;
    const answer = await request("POST", officePath(officeId, "/pairing-codes"), { role, name });
    deviceBusy.value = null;
    const parsed = answer.status === 201 ? PairingCodeView.safeParse(answer.body) : null;
    if (parsed?.success) {
      pairing.value = parsed.data;
      return true;
    }
    handleDenial(answer.status);
    deviceProblem.value = outcomeOf(answer);
    return false;
  }

  async function revokeDevice(id: string): Promise<void> {
    if (deviceBusy.peek()) return;
    deviceBusy.value = id;
    deviceProblem.value = null;
    const answer = await request(
      "DELETE",
      officePath(officeId, `/devices/${encodeURIComponent(id)}`),
    );
    deviceBusy.value = null;
    if (answer.status !== 200) {
      handleDenial(answer.status);
      deviceProblem.value = outcomeOf(answer);
    }
    await loadDevices();
  }

  // ——— Accounts

  const accounts = signal<AccountView[] | null>(null);
  const accountProblem = signal<Outcome | null>(null);
  const accountBusy = signal<string | null>(null);
  const accountNote = signal<{ key: "created" | "passwordSet"; name: string } | null>(null);

  async function loadAccounts(): Promise<void> {
    const answer = await request("GET", "/api/accounts");
    const parsed = answer.status === 200 ? AccountList.safeParse(answer.body) : null;
    if (parsed?.success) {
      accounts.value = parsed.data.accounts.sort((a, b) => a.username.localeCompare(b.username));
      return;
    }
    handleDenial(answer.status);
    accountProblem.value = outcomeOf(answer);
  }

  async function accountRequest(
    busyKey: string,
    method: string,
    path: string,
    body: unknown,
  ): Promise<boolean> {
    if (accountBusy.peek()) return false;
    accountBusy.value = busyKey;
    accountProblem.value = null;
    accountNote.value = null;
    const answer = await request(method, path, body);
    accountBusy.value = null;
    if (answer.status === 200 || answer.status === 201) {
      await loadAccounts();
      return true;
    }
    // A 403 here is about that person (they work in offices you do not administer), not your rights.
    if (answer.status === 401) options.onUnauthorized();
    accountProblem.value = outcomeOf(answer);
    return false;
  }

  return {
    officeId,
    saved,
    draft,
    issues,
    status,
    dirty,
    changedElsewhere,
    edit,
    save,
    discard,
    devices,
    pairing,
    deviceProblem,
    deviceBusy,
    loadDevices,
    createPairingCode,
    revokeDevice,
    accounts,
    accountProblem,
    accountBusy,
    accountNote,
    loadAccounts,
    async createAccount(input: {
      username: string;
      displayName: string;
      password: string;
      role: StaffRole;
    }): Promise<boolean> {
      const username = input.username.trim().toLowerCase();
      const ok = await accountRequest("create", "POST", "/api/accounts", {
        username,
        displayName: input.displayName.trim() || username,
        password: input.password,
        grants: [{ office: officeId, role: input.role }],
      });
      if (ok) accountNote.value = { key: "created", name: username };
      return ok;
    },
    setDisabled(account: AccountView, disabled: boolean): Promise<boolean> {
      return accountRequest(account.id, "PATCH", `/api/accounts/${account.id}`, { disabled });
    },
    async resetPassword(account: AccountView, password: string): Promise<boolean> {
      const ok = await accountRequest(account.id, "PATCH", `/api/accounts/${account.id}`, {
        password,
      });
      if (ok) accountNote.value = { key: "passwordSet", name: account.displayName };
      return ok;
    },
    setRole(account: AccountView, role: StaffRole | null): Promise<boolean> {
      const grants = grantsWithRole(account.grants, options.myGrants.peek(), officeId, role);
      return accountRequest(account.id, "PATCH", `/api/accounts/${account.id}`, { grants });
    },
    myAccountId: options.myAccountId,
    webhooks: createWebhooksModel({
      officeId,
      onUnauthorized: options.onUnauthorized,
      onForbidden: options.onForbidden,
      request,
    }),
    dispose(): void {
      stopFollow();
    },
  };
}

export type SetupModel = ReturnType<typeof createSetupModel>;
