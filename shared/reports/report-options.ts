import * as z from "zod/mini";
import { IsoDate, OfficeConfig } from "../protocol/config";
import { dayNumberOf, isRealDate } from "./calendar";

/**
 * The longest range a report covers. Every day of the range becomes a column of the
 * per-day chart, so an unbounded range (0001–9999) would be a cheap way to exhaust the
 * office object's memory; three years is more than any comparison a manager makes.
 */
export const MAX_REPORT_DAYS = 3 * 366;

const RealDate = IsoDate.check(z.refine(isRealDate, "not a calendar date"));

/** Both ends real dates: otherwise their own issues say so, and the range is not judged. */
const realDates = (o: { from: unknown; to: unknown }) =>
  typeof o.from === "string" && typeof o.to === "string" && isRealDate(o.from) && isRealDate(o.to);
const inOrder = (o: { from: string; to: string }) => !realDates(o) || o.from <= o.to;
const withinLimit = (o: { from: string; to: string }) =>
  !realDates(o) || dayNumberOf(o.to) - dayNumberOf(o.from) < MAX_REPORT_DAYS;
const IN_ORDER = { message: "from must not be after to", path: ["to"] };
const WITHIN_LIMIT = {
  message: `a report or export covers at most ${MAX_REPORT_DAYS} days`,
  path: ["to"],
};

/**
 * A report's or an export's range alone, checked before a single row is read (issue 13,
 * point 6): a range the report would refuse must not cost the office a read of every
 * ticket in it first.
 */
export const ReportRange = z
  .object({ from: RealDate, to: RealDate })
  .check(z.refine(inOrder, IN_ORDER), z.refine(withinLimit, WITHIN_LIMIT));

export const ReportOptions = z
  .object({
    /** The same rules as the office's own settings. */
    timeZone: OfficeConfig.shape.timeZone,
    targetWaitMinutes: z.int().check(z.gte(1), z.lte(480)),
    targetSharePercent: OfficeConfig.shape.targetSharePercent,
    /** An appointment ticket called at most this many minutes after its slot was called on time. */
    onTimeMinutes: z._default(z.int().check(z.gte(0), z.lte(120)), 5),
    /** Office-local days, both included. */
    from: RealDate,
    to: RealDate,
  })
  .check(z.refine(inOrder, IN_ORDER), z.refine(withinLimit, WITHIN_LIMIT));
export type ReportOptions = z.infer<typeof ReportOptions>;
/** What a caller passes: targetSharePercent and onTimeMinutes may be left to their defaults (80, 5). */
export type ReportOptionsInput = z.input<typeof ReportOptions>;
