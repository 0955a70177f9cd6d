/*
 * Office reports: pure computations over the tickets of a date range (no runtime, no I/O),
 * used by the office object to answer report requests and by the dashboard's charts.
 */

export { computeOfficeReport } from "./compute-office-report";
export {
  APPOINTMENT_CSV_COLUMNS,
  appointmentCsvLines,
  CSV_FORMATS,
  type CsvFormat,
  isCsvFormat,
  TICKET_CSV_COLUMNS,
  ticketCsvLines,
  ticketsToCsv,
} from "./csv";
export { csvCell } from "./csv-cell";
export { durationStats, nearestRank } from "./duration-stats";
export {
  computeFeedbackReport,
  FeedbackReport,
  type FeedbackRow,
  feedbackCsvLines,
} from "./feedback";
export { LocalClock } from "./local-clock";
export { inOfficeOrder } from "./office-order";
export * from "./office-report";
export { PastAppointment, ReportAppointment } from "./report-appointment";
export { MAX_REPORT_DAYS, ReportOptions, ReportRange } from "./report-options";
export { ReportTicket } from "./report-ticket";
