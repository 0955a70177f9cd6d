/**
 * Proofs of work already used for a booking, each kept until its challenge
 * expires (after that the Worker refuses it anyway): a solved challenge books
 * once. Bounded: expired rows go at every use, and past `MAX_LIVE` unexpired
 * ones the office takes no more public bookings until some expire.
 */
export const MAX_LIVE_PROOFS = 5000;

export class UsedProofs {
  constructor(private readonly sql: SqlStorage) {}

  isUsed(id: string): boolean {
    return this.sql.exec(`SELECT 1 FROM used_booking_proofs WHERE id = ?`, id).toArray().length > 0;
  }

  /** Forgets the expired ones; then how many are still remembered. */
  live(now: number): number {
    this.sql.exec(`DELETE FROM used_booking_proofs WHERE expires_at <= ?`, now);
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM used_booking_proofs`).one().n;
  }

  /** When the oldest remembered proof expires (to say when to try again), or null. */
  firstExpiry(): number | null {
    return (
      this.sql
        .exec<{ at: number | null }>(`SELECT MIN(expires_at) AS at FROM used_booking_proofs`)
        .one().at ?? null
    );
  }

  use(id: string, expiresAt: number): void {
    this.sql.exec(`INSERT INTO used_booking_proofs (id, expires_at) VALUES (?, ?)`, id, expiresAt);
  }
}
