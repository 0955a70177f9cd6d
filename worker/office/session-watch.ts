/**
 * When the sessions behind the office's staff sockets may end (issue 13, point 10). A
 * socket that only listens (a supervisor's dashboard, a counter console left open) sends
 * no command, so nothing confirmed its session with the Directory; left alone it would
 * outlive the session by days. The office's one alarm also wakes at the earliest time a
 * watched session could end (its idle or absolute expiry, as last known), asks the
 * Directory without counting it as use, closes the sockets of the ended ones (4401) and
 * watches the rest until their new end.
 *
 * Kept in the object's key-value storage under one key (a handful of sessions per office),
 * so the times survive hibernation and eviction with the sockets themselves.
 */
const STORAGE_KEY = "live-session-ends";

export interface SessionWatchParts {
  storage: DurableObjectStorage;
  /** The end of each session now, as the Directory knows it (null: already ended). */
  endsOf: (sessionIds: string[]) => Promise<(number | null)[]>;
  /** Does any socket of this session remain open here? */
  hasSockets: (sessionId: string) => boolean;
  /** Closes the sockets of an ended session. */
  closeSession: (sessionId: string) => void;
}

export class SessionWatch {
  private ends = new Map<string, number>();

  constructor(private readonly parts: SessionWatchParts) {}

  async load(): Promise<void> {
    const stored = await this.parts.storage.get<Record<string, number>>(STORAGE_KEY);
    this.ends = new Map(Object.entries(stored ?? {}));
  }

  /** A staff socket opened: look again when its session could end. True if that is sooner than any look planned. */
  watch(sessionId: string, endsAt: number): boolean {
    const known = this.ends.get(sessionId);
    if (known !== undefined && known <= endsAt) return false;
    const next = this.next();
    this.ends.set(sessionId, endsAt);
    this.save();
    return next === null || endsAt < next;
  }

  /** The earliest time a watched session could end, or null with none watched. */
  next(): number | null {
    let earliest: number | null = null;
    for (const at of this.ends.values()) if (earliest === null || at < earliest) earliest = at;
    return earliest;
  }

  /** Looks at the sessions due by `now`: closes the ended ones' sockets, watches the others on. */
  async checkDue(now: number): Promise<void> {
    const due = [...this.ends].filter(([, at]) => at <= now).map(([id]) => id);
    if (due.length === 0) return;
    const open = due.filter((id) => this.parts.hasSockets(id));
    for (const id of due) if (!open.includes(id)) this.ends.delete(id);
    const ends = open.length > 0 ? await this.parts.endsOf(open) : [];
    open.forEach((id, index) => {
      const end = ends[index] ?? null;
      if (end === null || end <= now) {
        this.parts.closeSession(id);
        this.ends.delete(id);
      } else {
        this.ends.set(id, end);
      }
    });
    this.save();
  }

  private save(): void {
    // Not awaited: the object's output gate holds every answer until the write is durable.
    void this.parts.storage.put(STORAGE_KEY, Object.fromEntries(this.ends));
  }
}
