export {
  preview,
  classify,
  type PreviewOptions,
  type PreviewResult,
  type ReportedDiagnostic,
} from "./engine";
export {
  CONTROL_STATUSES,
  type ControlResult,
  type ControlStatus,
  type NotEvaluatedReason,
  type PolicyResult,
} from "./controls";
export { PreviewError } from "./errors";
export { jsonReport, readable, summarize, type JsonReport } from "./report/json";
export { markdownReport } from "./report/markdown";
export { sarifReport } from "./report/sarif";
export { tableReport } from "./report/table";
export { main, EXIT } from "./cli";
