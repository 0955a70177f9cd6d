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
import { formatDecimal, formatHour, formatReportMinutes } from "./format";

/**
 * The report as the page shows it: tables of minutes, the heatmap's cells and
 * colours, the staffing grid. Pure: the charts and tables only draw these.
 */

/** The hours worth showing: from the first to the last with any arrival, else office-ish hours. */
export function activeHours(arrivals: ArrivalsHeatmap): number[] {
  let first = 24;
  let last = -1;
  for (const row of arrivals.total) {
    row.forEach((count, hour) => {
      if (count > 0) {
        first = Math.min(first, hour);
        last = Math.max(last, hour);
      }
    });
  }
  if (last < 0) {
    first = 8;
    last = 18;
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
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
      return cell && cell.meanArrivals > 0 ? cell : null;
    }),
  );
  const busiest = report.staffing.cells
    .filter((cell) => cell.meanArrivals > 0)
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
    desks: cell.desksForTarget === null ? "—" : String(cell.desksForTarget),
    keepUp: cell.desks === null ? "—" : String(cell.desks),
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
    n === null ? "—" : n === 1 ? words.oneDesk : format(words.desksShort, { n });
  const sentence = format(words.cell, { ...values, desks: count(cell.desksForTarget) });
  return cell.desks !== null && cell.desksForTarget !== null && cell.desksForTarget > cell.desks
    ? `${sentence} ${format(words.keepUp, { n: cell.desks })}`
    : sentence;
}

/** A line under a headline figure. */
export interface TileNote {
  text: string;
  /** Below what the office aims for: said in words, and marked. */
  short: boolean;
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
