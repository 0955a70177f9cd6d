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
  .check(
    z.refine((o) => o.from <= o.to, { message: "from must not be after to", path: ["to"] }),
    z.refine((o) => dayNumberOf(o.to) - dayNumberOf(o.from) < MAX_REPORT_DAYS, {
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      path: ["to"],
    }),
  );
export type ReportOptions = z.infer<typeof ReportOptions>;
/** What a caller passes: targetSharePercent and onTimeMinutes may be left to their defaults (80, 5). */
export type ReportOptionsInput = z.input<typeof ReportOptions>;
