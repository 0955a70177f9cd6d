import { useEffect, useState } from "preact/hooks";
import type { DashboardApp } from "../../model/dashboard-app";
import { presetOf, RANGE_PRESETS } from "../../model/report-range";
import type { ReportsModel } from "../../model/reports-model";

/** Presets in one click, or any two dates; then print or download the tickets as CSV. */
export function RangePicker({
  app,
  reports,
  today,
}: {
  app: DashboardApp;
  reports: ReportsModel;
  today: string;
}) {
  const m = app.messages.value.dashboard.reports;
  const range = reports.range.value;
  const [from, setFrom] = useState(range?.from ?? "");
  const [to, setTo] = useState(range?.to ?? "");
  useEffect(() => {
    if (range) {
      setFrom(range.from);
      setTo(range.to);
    }
  }, [range]);
  const chosen = range ? presetOf(range, today) : null;
  const csv = reports.csvHref();
  const csvExcelIt = reports.csvHref("excel-it");
  return (
    <div class="range-picker no-print" data-testid="report-range">
      <fieldset class="presets">
        <legend class="visually-hidden">{m.range}</legend>
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            class="preset"
            aria-pressed={chosen === preset}
            data-testid={`report-preset-${preset}`}
            onClick={() => reports.choosePreset(preset, today)}
          >
            {m.presets[preset]}
          </button>
        ))}
      </fieldset>
      <form
        class="range-form"
        onSubmit={(event) => {
          event.preventDefault();
          void reports.load({ from, to });
        }}
      >
        <div class="field">
          <label for="report-from" class="field-label">
            {m.from}
          </label>
          <input
            id="report-from"
            type="date"
            value={from}
            max={today}
            required
            data-testid="report-from"
            onInput={(event) => setFrom(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="report-to" class="field-label">
            {m.to}
          </label>
          <input
            id="report-to"
            type="date"
            value={to}
            max={today}
            required
            data-testid="report-to"
            onInput={(event) => setTo(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button-primary" data-testid="report-show">
          {m.show}
        </button>
      </form>
      <div class="range-tools">
        <button
          type="button"
          class="button-secondary"
          data-testid="report-print"
          onClick={() => window.print()}
        >
          {m.print}
        </button>
        {csv && (
          <a class="button-link" href={csv} download data-testid="report-csv">
            {m.csv}
          </a>
        )}
        {csvExcelIt && (
          <a class="button-link" href={csvExcelIt} download data-testid="report-csv-excel-it">
            {m.csvExcelIt}
          </a>
        )}
      </div>
    </div>
  );
}
