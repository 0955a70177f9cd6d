/**
 * How long Turno keeps each kind of record that says something about a
 * person (issue 13, point 9; README "Personal data"). One set of periods per
 * installation, from the Worker's variables: an installation answers to one
 * data-protection officer. The objects' alarms enforce them
 * (office-retention.ts, directory-retention.ts).
 */
export interface RetentionPeriods {
  /** Audit entries, in every office and the Directory. */
  auditDays: number;
  /** After this, an audit entry's client address is cut to its network (/24, /48). */
  auditAddressDays: number;
  /** Sign-in attempts and wrong pairing codes, counted by the guess limits. */
  signInAttemptsDays: number;
  /** A ticket's tracking token (its QR code) after the ticket's day. */
  ticketTokenDays: number;
  /** Who called each ticket (the reports' per-clerk figures). */
  clerkFiguresDays: number;
  /** A citizen's feedback comment (free text), after the day of service. */
  feedbackCommentDays: number;
}

export const DEFAULT_RETENTION: RetentionPeriods = {
  auditDays: 365,
  auditAddressDays: 30,
  signInAttemptsDays: 30,
  ticketTokenDays: 1,
  clerkFiguresDays: 365,
  feedbackCommentDays: 365,
};

/** The variables that set them, and the least each may be (a limit's window must still be counted). */
const VARIABLES: Record<keyof RetentionPeriods, { name: keyof RetentionEnv; min: number }> = {
  auditDays: { name: "TURNO_RETAIN_AUDIT_DAYS", min: 1 },
  auditAddressDays: { name: "TURNO_RETAIN_AUDIT_ADDRESS_DAYS", min: 0 },
  signInAttemptsDays: { name: "TURNO_RETAIN_SIGN_IN_ATTEMPTS_DAYS", min: 1 },
  ticketTokenDays: { name: "TURNO_RETAIN_TICKET_TOKEN_DAYS", min: 0 },
  clerkFiguresDays: { name: "TURNO_RETAIN_CLERK_FIGURES_DAYS", min: 0 },
  feedbackCommentDays: { name: "TURNO_RETAIN_FEEDBACK_COMMENT_DAYS", min: 0 },
};

export type RetentionEnv = Pick<
  Env,
  | "TURNO_RETAIN_AUDIT_DAYS"
  | "TURNO_RETAIN_AUDIT_ADDRESS_DAYS"
  | "TURNO_RETAIN_SIGN_IN_ATTEMPTS_DAYS"
  | "TURNO_RETAIN_TICKET_TOKEN_DAYS"
  | "TURNO_RETAIN_CLERK_FIGURES_DAYS"
  | "TURNO_RETAIN_FEEDBACK_COMMENT_DAYS"
>;

/**
 * The periods an installation set, in whole days. A value that is not a whole
 * number at least its minimum is reported and the default used instead: a typo
 * must not stop the office, nor keep data longer than the default.
 */
export function retentionPeriods(env: Partial<RetentionEnv>): RetentionPeriods {
  const periods = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(VARIABLES) as (keyof RetentionPeriods)[]) {
    const { name, min } = VARIABLES[key];
    const text = env[name];
    if (text === undefined || text === "") continue;
    const days = Number(text);
    if (Number.isInteger(days) && days >= min) periods[key] = days;
    else
      console.error(
        `${name}=${JSON.stringify(text)} is not a whole number ≥ ${min}: using ${periods[key]}`,
      );
  }
  return periods;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Rows one alarm run may touch per kind of record: the object's thread stays free for commands. */
export const RETENTION_BATCH = 500;

/**
 * Where each retention task got to, so a run resumes where the last stopped
 * instead of reading history again: a small table both objects keep
 * (migrations 010 of the office, 002 of the Directory).
 */
export class RetentionProgress {
  constructor(private readonly sql: SqlStorage) {}

  get(task: string): string | null {
    return (
      this.sql
        .exec<{ through: string }>(`SELECT through FROM retention_progress WHERE task = ?`, task)
        .toArray()[0]?.through ?? null
    );
  }

  set(task: string, through: string): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO retention_progress (task, through) VALUES (?, ?)`,
      task,
      through,
    );
  }
}
