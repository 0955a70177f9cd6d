import type { ChartConfiguration } from "chart.js";
import { useMemo, useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import { useChart } from "../../charts/chart";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatDay, formatDecimal, formatHour, shortWeekday } from "../../model/format";
import { formatArrivals, heatColour, heatmapCells } from "../../model/report-view";
import { WEEKDAY_INDEXES, WeekdayHead } from "./weekdays";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
  hours: number[];
}

/**
 * THE chart: arrivals per hour on an average Monday … Sunday. A canvas for
 * the eye (with the figures written in each cell), and the same figures as a
 * table for screen readers, keyboards and print.
 */
export function Heatmap({ app, lang, report, hours }: Props) {
  const m = app.messages.value.dashboard.reports.heatmap;
  const weekdays = app.messages.value.common.weekdays;
  const [showTable, setShowTable] = useState(false);
  const { arrivals } = report;
  const cells = useMemo(() => heatmapCells(arrivals, hours), [arrivals, hours.join()]);
  const peak = arrivals.peak;
  const dayNames = WEEKDAY_INDEXES.map((i) => shortWeekday(i, lang));

  const config = useMemo<ChartConfiguration<"matrix">>(() => {
    const hourLabels = hours.map(formatHour);
    return {
      type: "matrix",
      data: {
        datasets: [
          {
            label: m.heading,
            data: cells.map((cell) => ({
              x: formatHour(cell.hour),
              y: dayNames[cell.weekday]!,
              v: cell.mean,
            })),
            backgroundColor: (ctx) => heatColour(cells[ctx.dataIndex]?.level ?? 0).background,
            borderColor: "#ffffff",
            borderWidth: 1,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / hourLabels.length - 2,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / 7 - 2,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => "",
              label: (ctx) => {
                const cell = cells[ctx.dataIndex];
                return cell
                  ? format(m.cell, {
                      weekday: dayNames[cell.weekday]!,
                      hour: formatHour(cell.hour),
                      mean: formatDecimal(cell.mean, lang),
                      total: cell.total,
                    })
                  : "";
              },
            },
          },
        },
        scales: {
          x: {
            type: "category",
            labels: hourLabels,
            offset: true,
            grid: { display: false },
            border: { display: false },
            position: "top",
          },
          y: {
            type: "category",
            labels: dayNames,
            // Monday on top, as in the table (the matrix chart reverses y by default).
            reverse: false,
            offset: true,
            grid: { display: false },
            border: { display: false },
          },
        },
      },
      plugins: [cellLabels(cells, lang)],
    };
  }, [cells, lang, m]);
  const canvas = useChart(config);

  return (
    <section class="panel report-section heatmap" aria-labelledby="heatmap-title">
      <h3 id="heatmap-title" class="section-title">
        {m.heading}
      </h3>
      <p class="muted">
        {format(m.caption, {
          from: formatDay(report.options.from, lang, true),
          to: formatDay(report.options.to, lang, true),
        })}
      </p>
      <p class="peak" data-testid="heatmap-peak">
        {peak
          ? format(m.peak, {
              weekday: weekdays[peak.weekday],
              hour: formatHour(peak.hour),
              mean: formatDecimal(peak.mean, lang),
            })
          : m.noPeak}
      </p>
      <div class="chart-box chart-heatmap screen-chart" aria-hidden="true">
        <canvas ref={canvas} data-testid="heatmap-canvas" />
      </div>
      <div class="legend-scale" aria-hidden="true">
        <span>{m.legendLow}</span>
        <span class="legend-gradient" />
        <span>{m.legendHigh}</span>
      </div>
      <button
        type="button"
        class="button-secondary button-small no-print"
        aria-expanded={showTable}
        aria-controls="heatmap-table"
        data-testid="heatmap-toggle-table"
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? m.hideTable : m.showTable}
      </button>
      {/* Always in the page for screen readers and print; shown on screen on request. */}
      <div id="heatmap-table" class={showTable ? "table-scroll" : "visually-hidden print-table"}>
        <table class="data-table heat-table" data-testid="heatmap-table">
          <caption class="visually-hidden">{m.heading}</caption>
          <WeekdayHead hourLabel={m.hour} dayNames={dayNames} />
          <tbody>
            {hours.map((hour, row) => (
              <tr key={hour}>
                <th scope="row">{formatHour(hour)}</th>
                {WEEKDAY_INDEXES.map((weekday) => {
                  // The chart's own cells (weekday by weekday, hour by hour), levels already set.
                  const cell = cells[weekday * hours.length + row]!;
                  const colour = heatColour(cell.level);
                  return (
                    <td
                      key={weekday}
                      class="num heat-cell"
                      style={{ background: colour.background, color: colour.ink }}
                      data-testid={`heat-${weekday}-${hour}`}
                    >
                      {formatArrivals(cell.mean, lang) || "0"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface CenterPoint {
  getCenterPoint(): { x: number; y: number };
}

/** Writes each cell's mean arrivals inside it, in ink or white by the cell's darkness. */
function cellLabels(cells: ReturnType<typeof heatmapCells>, lang: string) {
  return {
    id: "turno-cell-labels",
    afterDatasetsDraw(chart: import("chart.js").Chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.font = `600 14px ${String(chart.options.font?.family ?? "sans-serif")}`;
      meta.data.forEach((element, index) => {
        const cell = cells[index];
        if (!cell || cell.mean === 0) return;
        const { x, y } = (element as unknown as CenterPoint).getCenterPoint();
        ctx.fillStyle = heatColour(cell.level).ink;
        ctx.fillText(formatArrivals(cell.mean, lang), x, y);
      });
      ctx.restore();
    },
  };
}
