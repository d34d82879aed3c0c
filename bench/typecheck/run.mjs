#!/usr/bin/env node
// Type-check cost of the HIPAA inference example written with Palisade components, against the same
// platform written with raw @pulumi/aws resources (the baseline). Run after `pnpm build`:
//   node bench/typecheck/run.mjs [runs]
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const runs = Number(process.argv[2] ?? 5);
const projects = {
  "raw @pulumi/aws (baseline)": "bench/typecheck/raw-aws-example",
  "Palisade components": "examples/aws-hipaa-inference",
};

function measure(project) {
  const out = execFileSync(process.execPath, [tsc, "--noEmit", "--extendedDiagnostics", "-p", project], {
    cwd: root,
    encoding: "utf8",
  });
  const seconds = (label) => Number(out.match(new RegExp(`^${label}:\\s+([\\d.]+)s`, "m"))?.[1]);
  return { total: seconds("Total time"), memoryKb: Number(out.match(/^Memory used:\s+(\d+)K/m)?.[1]) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (const [label, project] of Object.entries(projects)) {
  const samples = Array.from({ length: runs }, () => measure(project));
  results[label] = {
    seconds: median(samples.map((s) => s.total)),
    memoryMb: median(samples.map((s) => s.memoryKb)) / 1024,
  };
  console.log(
    `${label.padEnd(28)} tsc --noEmit median ${results[label].seconds.toFixed(2)} s, ${results[label].memoryMb.toFixed(0)} MB (${runs} runs)`,
  );
}
const [baseline, palisade] = Object.values(results);
console.log(
  `ratio (Palisade / raw): time ${(palisade.seconds / baseline.seconds).toFixed(2)}, memory ${(palisade.memoryMb / baseline.memoryMb).toFixed(2)}`,
);
