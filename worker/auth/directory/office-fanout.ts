import { ALL_OFFICES, type Grant } from "../../../shared/protocol/auth";
import type { AuditRequest, OfficeClient, RevokeRequest } from "../../office/client";
import type { OfficesStore } from "./store/offices-store";

/** What the Directory asks of an office: record an audit entry, close sockets. */
export type OfficeLink = Pick<OfficeClient, "appendAudit" | "revoke">;

/**
 * The Directory's messages to offices. A failed message is logged, never
 * thrown: the Directory's own change has happened and stays.
 */
export class OfficeFanout {
  constructor(
    private readonly offices: OfficesStore,
    private readonly linkTo: (office: string) => OfficeLink,
    /** Keeps the object alive until a message sent after the answer is delivered. */
    private readonly waitUntil: (promise: Promise<unknown>) => void,
  ) {}

  /** Remembers an office, so that an all-offices grant's sockets are closed in it too. */
  register(office: string, at: number): void {
    this.offices.register(office, at);
  }

  has(office: string): boolean {
    return this.offices.has(office);
  }

  /** Sends an entry to each office's audit log, after the answer. */
  appendAudit(offices: Iterable<string>, entry: AuditRequest): void {
    for (const office of offices) {
      this.waitUntil(
        this.linkTo(office)
          .appendAudit(entry)
          .catch((error: unknown) => console.error("audit to office failed", office, error)),
      );
    }
  }

  /** Closes a person's sockets in every office they could be connected to. */
  async closePersonSockets(grants: Grant[], revocation: RevokeRequest): Promise<void> {
    const offices = grants.some((grant) => grant.office === ALL_OFFICES)
      ? this.offices.ids()
      : grants.map((grant) => grant.office);
    await Promise.all([...new Set(offices)].map((office) => this.closeSockets(office, revocation)));
  }

  async closeSockets(office: string, revocation: RevokeRequest): Promise<void> {
    try {
      await this.linkTo(office).revoke(revocation);
    } catch (error) {
      console.error("closing sockets failed", office, error);
    }
  }
}
