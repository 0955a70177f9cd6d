import { signal } from "@preact/signals";
import { requestJson } from "../../shared/client/http";
import { FeedbackReport } from "../../shared/reports/feedback";
import { OfficeReport } from "../../shared/reports/office-report";
import { officePath, type Request } from "./api";
import {
  csvPath,
  type DateRange,
  feedbackReportPath,
  isValidRange,
  presetRange,
  type RangePreset,
  rangeFromHash,
  reportPath,
} from "./report-range";

export interface ReportsModelOptions {
  officeId: string;
  onUnauthorized: () => void;
  onForbidden: () => void;
  request?: Request;
}

export type ReportProblem = "forbidden" | "offline" | "generic" | "invalidRange";

/** A year of a busy office takes the server under a second; the network may add more. */
const REPORT_TIMEOUT_MS = 60_000;

/**
 * The reports section: a range, the report the server
 * computes for it from the event log, and the CSV link for the same range.
 * The range lives in the address (#reports?from=…&to=…) so a printed or
 * shared link shows the same figures.
 */
export function createReportsModel(options: ReportsModelOptions) {
  const request =
    options.request ??
    ((method: string, path: string) => requestJson(method, path, undefined, REPORT_TIMEOUT_MS));
  const range = signal<DateRange | null>(rangeFromHash(location.hash));
  const report = signal<OfficeReport | null>(null);
  /** Feedback after service for the same range; null while none came (the section hides). */
  const feedback = signal<FeedbackReport | null>(null);
  const loading = signal(false);
  const problem = signal<ReportProblem | null>(null);
  let generation = 0;

  async function load(next: DateRange): Promise<void> {
    if (!isValidRange(next)) {
      problem.value = "invalidRange";
      return;
    }
    range.value = next;
    const mine = ++generation;
    loading.value = true;
    problem.value = null;
    void loadFeedback(next, mine);
    const answer = await request("GET", reportPath(options.officeId, next));
    if (mine !== generation) return; // a newer range was asked for meanwhile
    loading.value = false;
    if (answer.status === 200) {
      const parsed = OfficeReport.safeParse(answer.body);
      if (parsed.success) {
        report.value = parsed.data;
        return;
      }
      problem.value = "generic";
      return;
    }
    if (answer.status === 401) options.onUnauthorized();
    if (answer.status === 403) options.onForbidden();
    problem.value =
      answer.status === 0 ? "offline" : answer.status === 403 ? "forbidden" : "generic";
  }

  /** The feedback figures beside the report: a failure leaves the section out, not the report. */
  async function loadFeedback(next: DateRange, mine: number): Promise<void> {
    const answer = await request("GET", feedbackReportPath(options.officeId, next));
    if (mine !== generation) return;
    const parsed = answer.status === 200 ? FeedbackReport.safeParse(answer.body) : null;
    feedback.value = parsed?.success ? parsed.data : null;
  }

  return {
    range,
    report,
    feedback,
    loading,
    problem,
    load,
    /** The first report: the range in the address, else the last 30 days. */
    start(today: string): void {
      if (report.peek() || loading.peek()) return;
      void load(range.peek() ?? presetRange("30d", today));
    },
    choosePreset(preset: RangePreset, today: string): void {
      void load(presetRange(preset, today));
    },
    csvHref(format: "standard" | "excel-it" = "standard"): string | null {
      const current = range.value;
      return current ? csvPath(options.officeId, current, format) : null;
    },
    appointmentsCsvHref(format: "standard" | "excel-it" = "standard"): string | null {
      const current = range.value;
      return current ? csvPath(options.officeId, current, format, "appointments.csv") : null;
    },
    feedbackCsvHref(format: "standard" | "excel-it" = "standard"): string | null {
      const current = range.value;
      return current ? csvPath(options.officeId, current, format, "feedback.csv") : null;
    },
    officePath: (tail: string) => officePath(options.officeId, tail),
  };
}

export type ReportsModel = ReturnType<typeof createReportsModel>;
