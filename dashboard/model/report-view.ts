import { format } from "../../shared/i18n";
import { WEEKDAYS } from "../../shared/protocol/weekdays";
import type {
  ArrivalsHeatmap,
  DurationStats,
  OfficeReport,
  StaffingCell,
  TicketsPerDay,
  WaitAndServiceTimes,
} from "../../shared/reports/office-report";
import { formatCount, formatDecimal, formatHour, formatReportMinutes } from "./format";

/**
 * The report as the page shows it: tables of minutes, the heatmap's cells and
 * colours, the staffing grid. Pure: the charts and tables only draw these.
 */

/** The opening hours as Setup holds them: per weekday, intervals of "HH:MM". */
export type WeekHours = Readonly<Record<string, readonly { open: string; close: string }[]>>;

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
};

/**
 * The hours worth showing: the span of the opening hours (from the
 * earliest opening to the latest closing of any day: 8:00–18:30 shows 8 … 18), widened to
 * any hour that had arrivals outside it; never the night an office is never open. Without
 * opening hours, from the first to the last hour with arrivals; with neither, office-ish
 * hours (8 … 18).
 */
export function activeHours(arrivals: ArrivalsHeatmap, openingHours?: WeekHours): number[] {
  const arrivalHours = new Set<number>();
  for (const row of arrivals.total)
    row.forEach((count, hour) => {
      if (count > 0) arrivalHours.add(hour);
    });
  let first = 24 * 60;
  let last = 0;
  for (const intervals of Object.values(openingHours ?? {}))
    for (const { open, close } of intervals) {
      first = Math.min(first, minutesOf(open));
      last = Math.max(last, minutesOf(close));
    }
  if (last === 0 && arrivalHours.size > 0) {
    first = Math.min(...arrivalHours) * 60;
    last = (Math.max(...arrivalHours) + 1) * 60;
  }
  if (last === 0) {
    first = 8 * 60;
    last = 19 * 60;
  }
  // The hour a closing time falls in is shown only if some of it is open (18:30 → 18, 19:00 → 18).
  let from = Math.floor(first / 60);
  let to = Math.ceil(last / 60) - 1;
  // An hour with arrivals outside them (hours changed since) widens the span: no gaps on the axis.
  for (const hour of arrivalHours) {
    from = Math.min(from, hour);
    to = Math.max(to, hour);
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export interface HeatCell {
  /** 0 = Monday. */
  weekday: number;
  hour: number;
  mean: number;
  total: number;
  /** 0–1 of the busiest cell, for the colour. */
  level: number;
}

export function heatmapCells(arrivals: ArrivalsHeatmap, hours: readonly number[]): HeatCell[] {
  const max = Math.max(0, ...arrivals.mean.flat());
  const cells: HeatCell[] = [];
  arrivals.mean.forEach((row, weekday) => {
    for (const hour of hours) {
      const mean = row[hour] ?? 0;
      cells.push({
        weekday,
        hour,
        mean,
        total: arrivals.total[weekday]?.[hour] ?? 0,
        level: max > 0 ? mean / max : 0,
      });
    }
  });
  return cells;
}

/**
 * The heatmap's colour for a level: from the page's paper white to the brand
 * blue, through a light blue; never fully transparent, so empty hours still
 * read as cells. Dark cells get white text (contrast), light ones ink.
 */
export function heatColour(level: number): { background: string; ink: string } {
  const l = Math.max(0, Math.min(1, level));
  // #f4f6f7 → #9ec5e8 → #0b4f8a
  const stops = [
    [244, 246, 247],
    [158, 197, 232],
    [11, 79, 138],
  ] as const;
  const [a, b, t] = l < 0.5 ? [stops[0], stops[1], l / 0.5] : [stops[1], stops[2], (l - 0.5) / 0.5];
  const mix = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * t);
  return {
    background: `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`,
    ink: l >= 0.55 ? "#ffffff" : "#14212b",
  };
}

/** Mean arrivals as shown in a cell: "12", "3.4", "0.3", "" for none. */
export function formatArrivals(mean: number, lang: string): string {
  if (mean === 0) return "";
  return formatDecimal(mean, lang, mean >= 10 ? 0 : 1);
}

export interface TimesRow {
  key: string;
  label: string;
  waitCount: number;
  wait: [string, string, string];
  serviceCount: number;
  service: [string, string, string];
}

function triple(stats: DurationStats, lang: string): [string, string, string] {
  return [
    formatReportMinutes(stats.meanSeconds, lang),
    formatReportMinutes(stats.medianSeconds, lang),
    formatReportMinutes(stats.p90Seconds, lang),
  ];
}

/** One table row of wait and service minutes (mean, median, 90th percentile). */
export function timesRow(
  key: string,
  label: string,
  times: WaitAndServiceTimes,
  lang: string,
): TimesRow {
  return {
    key,
    label,
    waitCount: times.wait.count,
    wait: triple(times.wait, lang),
    serviceCount: times.service.count,
    service: triple(times.service, lang),
  };
}

export interface StaffingGrid {
  hours: number[];
  /** rows[hourIndex][weekday] */
  rows: (StaffingCell | null)[][];
  /** The busiest cells (most desks, then most arrivals), for the sentences under the grid. */
  busiest: StaffingCell[];
}

/** Walk-ins came, or appointments were booked, in that hour. */
const hasDemand = (cell: StaffingCell) => cell.meanArrivals > 0 || cell.appointmentMinutes > 0;

export function staffingGrid(
  report: OfficeReport,
  hours: readonly number[],
  top = 5,
): StaffingGrid {
  const byKey = new Map(
    report.staffing.cells.map((cell) => [`${cell.weekday}-${cell.hour}`, cell]),
  );
  const rows = hours.map((hour) =>
    WEEKDAYS.map((weekday) => {
      const cell = byKey.get(`${weekday}-${hour}`);
      return cell && hasDemand(cell) ? cell : null;
    }),
  );
  const busiest = report.staffing.cells
    .filter(hasDemand)
    .sort(
      (a, b) =>
        (b.desksForTarget ?? 0) - (a.desksForTarget ?? 0) ||
        b.meanArrivals - a.meanArrivals ||
        WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) ||
        a.hour - b.hour,
    )
    .slice(0, top);
  return { hours: [...hours], rows, busiest };
}

/** The values of one staffing cell: weekday, hour, arrivals per hour, minutes each, desks for the target and to keep up. */
export function staffingValues(cell: StaffingCell, weekdayName: string, lang: string) {
  return {
    weekday: weekdayName,
    hour: formatHour(cell.hour),
    arrivals: formatDecimal(cell.meanArrivals, lang, cell.meanArrivals >= 10 ? 0 : 1),
    minutes: cell.meanServiceMinutes === null ? "—" : formatDecimal(cell.meanServiceMinutes, lang),
    desks: cell.desksForTarget === null ? "—" : formatCount(cell.desksForTarget, lang),
    keepUp: cell.desks === null ? "—" : formatCount(cell.desks, lang),
    /** Booked minutes of appointments in the hour, on average; "" with none. */
    booked: cell.appointmentMinutes > 0 ? formatDecimal(cell.appointmentMinutes, lang, 0) : "",
  };
}

export interface StackedSeries {
  serviceId: string;
  values: number[];
}

/**
 * Tickets per service per day for a stacked bar chart; a long range is
 * summed by week (more than 62 days) so the bars stay readable.
 */
export function perDaySeries(perDay: TicketsPerDay): {
  labels: string[];
  series: StackedSeries[];
  weekly: boolean;
} {
  const weekly = perDay.days.length > 62;
  if (!weekly)
    return {
      labels: perDay.days,
      series: perDay.services.map((s) => ({ serviceId: s.serviceId, values: s.perDay })),
      weekly,
    };
  const labels: string[] = [];
  for (let i = 0; i < perDay.days.length; i += 7) labels.push(perDay.days[i]!);
  const series = perDay.services.map((s) => ({
    serviceId: s.serviceId,
    values: labels.map((_, week) =>
      s.perDay.slice(week * 7, week * 7 + 7).reduce((sum, n) => sum + n, 0),
    ),
  }));
  return { labels, series, weekly };
}

/** A distinct, colour-blind-friendly colour per service (Okabe–Ito, then Tol's muted). */
export const SERIES_COLOURS = [
  "#0b4f8a",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#7a6f00",
  "#882255",
  "#44aa99",
  "#999933",
  "#332288",
  "#aa4499",
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** The words of a staffing sentence (the reports' `staffing` messages). */
export interface StaffingWords {
  cell: string;
  desksShort: string;
  oneDesk: string;
  /** Appended when Erlang C asks for more desks than the load keeps busy. */
  keepUp: string;
  /** The same for one desk: the verb agrees ("1 tiene", not "1 tengono"). */
  keepUpOne: string;
  /** "+ 45 min booked": the appointments' minutes in that hour. */
  booked: string;
}

/** Whether a count takes the language's singular ("1 sportello", "1 tiene"). */
export function isSingular(n: number, lang: string): boolean {
  return new Intl.PluralRules(lang).select(n) === "one";
}

/** "Mon 10:00 — 38 arrivals/h × 9.5 min → 8 desks (7 keep up with no margin)". */
export function staffingSentence(
  cell: StaffingCell,
  weekdayName: string,
  lang: string,
  words: StaffingWords,
): string {
  const values = staffingValues(cell, weekdayName, lang);
  const count = (n: number | null) =>
    n === null
      ? "—"
      : isSingular(n, lang)
        ? words.oneDesk
        : format(words.desksShort, { n: formatCount(n, lang) });
  const desks = count(cell.desksForTarget);
  const booked = values.booked ? format(words.booked, { minutes: values.booked }) : "";
  // "… 2 arrivals/h × 12 min + 45 min booked → 3 desks": the booked minutes before the arrow;
  // an hour of appointments alone says only those.
  const sentence =
    cell.meanArrivals === 0
      ? `${values.weekday} ${values.hour} — ${booked.replace(/^\+\s*/, "")} → ${desks}`
      : booked
        ? format(words.cell, { ...values, desks }).replace(" → ", ` ${booked} → `)
        : format(words.cell, { ...values, desks });
  return cell.desks !== null && cell.desksForTarget !== null && cell.desksForTarget > cell.desks
    ? `${sentence} ${isSingular(cell.desks, lang) ? words.keepUpOne : format(words.keepUp, { n: formatCount(cell.desks, lang) })}`
    : sentence;
}

/** A line under a headline figure. */
export interface TileNote {
  text: string;
  /** Below what the office aims for: said in words, and marked. */
  short: boolean;
}

/**
 * A "served within target" bar's colour: green only when the share
 * reached the office's goal (`serviceLevel`, 0.8 for 80%), so 71% under an 80% goal is
 * marked short, not green; null when nothing was called.
 */
export function shareStanding(share: number | null, goal: number): "met" | "short" | null {
  if (share === null) return null;
  return share >= goal ? "met" : "short";
}

/** "goal 80%", or "below the goal of 80%" when the range fell short of the office's share. */
export function withinTargetNote(
  report: OfficeReport,
  words: { withinTargetGoal: string; withinTargetShort: string },
): TileNote | undefined {
  const goal = report.staffing.serviceLevel;
  const share = report.withinTarget.overall.share;
  if (share === null) return undefined;
  const short = share < goal;
  const percent = Math.round(goal * 100);
  return {
    text: format(short ? words.withinTargetShort : words.withinTargetGoal, { share: percent }),
    short,
  };
}

/** The words of a lead time or a lateness (the reports' `appointments` messages). */
export interface SpanWords {
  days: string;
  oneDay: string;
  hours: string;
  oneHour: string;
  minutes: string;
}

/**
 * How far ahead people booked, read at a glance: hours under two days ("18 h"), days
 * beyond, with a decimal under ten ("4.5 days", "12 days"); "—" when nothing was booked.
 */
export function formatLeadTime(seconds: number | null, lang: string, words: SpanWords): string {
  if (seconds === null) return "—";
  const hours = seconds / 3600;
  if (hours < 48) {
    const n = Math.max(1, Math.round(hours));
    return n === 1 ? words.oneHour : format(words.hours, { n: formatCount(n, lang) });
  }
  const days = hours / 24;
  const rounded = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return isSingular(rounded, lang) && rounded === 1
    ? words.oneDay
    : format(words.days, { n: formatDecimal(rounded, lang, 1) });
}

/** A lateness of the call in whole minutes ("3 min", "0 min"); "—" when none was called. */
export function formatLateness(seconds: number | null, lang: string, words: SpanWords): string {
  if (seconds === null) return "—";
  return format(words.minutes, { n: formatDecimal(seconds / 60, lang, seconds < 600 ? 1 : 0) });
}
