// Logging from a program must never corrupt a JSON or SARIF report written to stdout.
const pulumi = require("@pulumi/pulumi");

console.log("hello from the program's stdout");
console.error("a warning on the program's stderr");
new pulumi.CustomResource("test:index:Thing", "thing", {});
