// Runs one preview through the built API and prints every report format of that one result, so tests can
// compare the formats without one preview (a program and a pack process) per format.
// Usage: node render-all.js '<PreviewOptions as JSON>'
const { preview, jsonReport, markdownReport, sarifReport, tableReport } = require("../dist/index.js");

preview(JSON.parse(process.argv[2])).then(
  (result) =>
    process.stdout.write(
      JSON.stringify({
        json: jsonReport(result),
        markdown: markdownReport(result),
        sarif: sarifReport(result),
        table: tableReport(result, false),
      }),
    ),
  (error) => {
    process.stderr.write(String(error?.stack ?? error));
    process.exitCode = 2;
  },
);
