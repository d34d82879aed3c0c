export {
  preview,
  classify,
  type PreviewOptions,
  type PreviewResult,
  type ReportedDiagnostic,
} from "./engine";
export { PreviewError } from "./errors";
export { jsonReport, readable, summarize, type JsonReport } from "./report/json";
export { markdownReport } from "./report/markdown";
export { sarifReport } from "./report/sarif";
export { main, EXIT } from "./cli";
