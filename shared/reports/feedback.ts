import * as z from "zod/mini";
import { FEEDBACK_REASONS, type FeedbackReason, SATISFIED_FROM } from "../protocol/feedback";
import { dayNumberOf, weekdayIndexOf } from "./calendar";
import { type CsvDialect, csvLine, STANDARD_CSV } from "./csv-cell";

/** One stored answer (office `feedback` table): what and about what, never who. */
export interface FeedbackRow {
  /** The local date of the service. */
  day: string;
  /** The local hour service ended, 0–23. */
  hour: number;
  serviceId: string;
  counterId: string | null;
  /** Issue → first call, in whole minutes' worth of seconds; null if never known. */
  waitSeconds: number | null;
  score: number;
  reasons: FeedbackReason[];
  /** Null once erased by retention (README "Personal data"). */
  comment: string | null;
}

const Count = z.int().check(z.gte(0));
/** Share 0–1, null when there is nothing to divide by (no answers, no served tickets). */
const Share = z.nullable(z.number().check(z.gte(0), z.lte(1)));

const Figures = z.object({ count: Count, satisfaction: Share, meanScore: z.nullable(z.number()) });
type Figures = z.infer<typeof Figures>;

/** Waits in minutes: [from, to) per bucket, the last open-ended. */
export const WAIT_BUCKETS_MINUTES = [0, 5, 15, 30, 60] as const;

export const FeedbackReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Every answer: count, share of 4–5, mean score. */
  overall: Figures,
  /** Served tickets of the range, and answers per served ticket. */
  served: Count,
  responseRate: Share,
  /** How many answers gave each score, 1 to 5. */
  scores: z.array(Count).check(z.length(5)),
  reasons: z.array(z.object({ reason: z.enum(FEEDBACK_REASONS), low: Count, high: Count })),
  byService: z.array(
    z.extend(Figures, { serviceId: z.string(), served: Count, responseRate: Share }),
  ),
  /** Monday first. */
  byWeekday: z.array(Figures).check(z.length(7)),
  /** Local hours 0–23. */
  byHour: z.array(Figures).check(z.length(24)),
  byWait: z.array(z.extend(Figures, { fromMinutes: Count, toMinutes: z.nullable(Count) })),
  /** Per counter only when the office's clerkFigures is on; otherwise empty. */
  byCounter: z.array(z.extend(Figures, { counterId: z.string() })),
  /** How many answers carry a comment still kept. */
  comments: Count,
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;

class Tally {
  count = 0;
  satisfied = 0;
  total = 0;
  add(score: number): void {
    this.count++;
    this.total += score;
    if (score >= SATISFIED_FROM) this.satisfied++;
  }
  figures(): Figures {
    return {
      count: this.count,
      satisfaction: this.count === 0 ? null : this.satisfied / this.count,
      meanScore: this.count === 0 ? null : this.total / this.count,
    };
  }
}

const rate = (count: number, of: number) => (of === 0 ? null : Math.min(1, count / of));

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  const known = map.get(key);
  if (known) return known;
  const tally = new Tally();
  map.set(key, tally);
  return tally;
}

function waitBucket(waitSeconds: number): number {
  const minutes = waitSeconds / 60;
  let index = 0;
  WAIT_BUCKETS_MINUTES.forEach((from, i) => {
    if (minutes >= from) index = i;
  });
  return index;
}

/**
 * The feedback figures of a range: satisfaction (the share of 4 and 5) overall, by
 * service, weekday, hour and waiting time, the response rate against `servedByService`
 * (the range's served tickets), and per counter only if `counters` (clerkFigures).
 */
export function computeFeedbackReport(
  range: { from: string; to: string },
  rows: readonly FeedbackRow[],
  servedByService: Readonly<Record<string, number>>,
  options: { counters: boolean },
): FeedbackReport {
  const overall = new Tally();
  const scores = [0, 0, 0, 0, 0];
  const reasons = new Map<FeedbackReason, { low: number; high: number }>(
    FEEDBACK_REASONS.map((reason) => [reason, { low: 0, high: 0 }]),
  );
  const byService = new Map<string, Tally>();
  const byWeekday = Array.from({ length: 7 }, () => new Tally());
  const byHour = Array.from({ length: 24 }, () => new Tally());
  const byWait = WAIT_BUCKETS_MINUTES.map(() => new Tally());
  const byCounter = new Map<string, Tally>();
  let comments = 0;
  for (const row of rows) {
    overall.add(row.score);
    scores[row.score - 1] = (scores[row.score - 1] ?? 0) + 1;
    for (const reason of row.reasons) {
      const tally = reasons.get(reason);
      if (tally) tally[row.score >= SATISFIED_FROM ? "high" : "low"]++;
    }
    tallyOf(byService, row.serviceId).add(row.score);
    byWeekday[weekdayIndexOf(dayNumberOf(row.day))]?.add(row.score);
    byHour[row.hour]?.add(row.score);
    if (row.waitSeconds !== null) byWait[waitBucket(row.waitSeconds)]?.add(row.score);
    if (options.counters && row.counterId) tallyOf(byCounter, row.counterId).add(row.score);
    if (row.comment) comments++;
  }
  const served = Object.values(servedByService).reduce((sum, n) => sum + n, 0);
  const services = [...new Set([...Object.keys(servedByService), ...byService.keys()])].sort();
  return {
    from: range.from,
    to: range.to,
    overall: overall.figures(),
    served,
    responseRate: rate(overall.count, served),
    scores,
    reasons: [...reasons].map(([reason, counts]) => ({ reason, ...counts })),
    byService: services.map((serviceId) => {
      const figures = (byService.get(serviceId) ?? new Tally()).figures();
      const servedHere = servedByService[serviceId] ?? 0;
      return {
        serviceId,
        ...figures,
        served: servedHere,
        responseRate: rate(figures.count, servedHere),
      };
    }),
    byWeekday: byWeekday.map((tally) => tally.figures()),
    byHour: byHour.map((tally) => tally.figures()),
    byWait: byWait.map((tally, i) => ({
      fromMinutes: WAIT_BUCKETS_MINUTES[i] ?? 0,
      toMinutes: WAIT_BUCKETS_MINUTES[i + 1] ?? null,
      ...tally.figures(),
    })),
    byCounter: [...byCounter.keys()]
      .sort()
      .map((counterId) => ({ counterId, ...(byCounter.get(counterId) as Tally).figures() })),
    comments,
  };
}

/**
 * feedback.csv: one answer a line, in day and hour order. The counter column only when the
 * office keeps per-clerk figures; the comment column (free text a citizen typed) only when
 * asked for, which the route does for the supervisors and admins it serves.
 */
export function feedbackCsvLines(
  rows: readonly FeedbackRow[],
  dialect: CsvDialect = STANDARD_CSV,
  options: { counters: boolean; comments: boolean },
): string[] {
  const columns = [
    "day",
    "hour",
    "service",
    ...(options.counters ? ["counter"] : []),
    "wait_minutes",
    "score",
    "reasons",
    ...(options.comments ? ["comment"] : []),
  ];
  const lines = [csvLine(columns, dialect)];
  for (const row of rows) {
    lines.push(
      csvLine(
        [
          row.day,
          row.hour,
          row.serviceId,
          ...(options.counters ? [row.counterId] : []),
          row.waitSeconds === null ? null : Math.floor(row.waitSeconds / 60),
          row.score,
          row.reasons.join(" "),
          ...(options.comments ? [row.comment] : []),
        ],
        dialect,
      ),
    );
  }
  return lines;
}
