/**
 * Group commit (issue 14). workerd commits a Durable Object's SQLite writes once per
 * synchronous turn, with one fsync, and holds every answer and socket frame (the output
 * gate) until that commit is durable. So the commands that arrive before a zero timer
 * fires run together, one after another in one turn: each keeps its own transaction
 * (a savepoint) and its own answer, and they share the fsync (README, Benchmarks: the
 * floor with and without it). A command in a quiet office (none in the last QUIET_MS)
 * runs at once: alone it has no one to share a commit with, and the timer's turn would
 * only delay it (~2 ms on a call's way to the screens).
 */

/** Commands in one turn at most: a long backlog still lets reads and other events in. */
export const MAX_BATCH = 256;
/** A command this long after the previous one finds the office quiet, and runs at once. */
export const QUIET_MS = 2;

interface Waiting<C, O, A> {
  command: C;
  options: O;
  resolve: (answer: A) => void;
  reject: (error: unknown) => void;
}

export class CommandBatch<C, O, A> {
  private waiting: Waiting<C, O, A>[] = [];
  private scheduled = false;
  private lastArrival = Number.NEGATIVE_INFINITY;

  constructor(
    /** Runs one command synchronously (the pipeline's guard → commit → publish). */
    private readonly runOne: (command: C, options: O) => A,
    private readonly clock: () => number,
    private readonly later: (flush: () => void) => void = (flush) => setTimeout(flush, 0),
  ) {}

  /** The command's answer, once it has run with the others of its turn (at once when quiet). */
  submit(command: C, options: O): Promise<A> {
    const now = this.clock();
    const quiet = !this.scheduled && now - this.lastArrival >= QUIET_MS;
    this.lastArrival = now;
    if (quiet) {
      try {
        return Promise.resolve(this.runOne(command, options));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise<A>((resolve, reject) => {
      this.waiting.push({ command, options, resolve, reject });
      this.schedule();
    });
  }

  /** Commands waiting for their turn. */
  get size(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const turn = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length > 0) this.schedule();
    for (const item of turn) {
      // One command's failure (its transaction rolled back) is its own answer, not the turn's.
      try {
        item.resolve(this.runOne(item.command, item.options));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
