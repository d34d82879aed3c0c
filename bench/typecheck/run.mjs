#!/usr/bin/env node
// Type-check cost of each example written with Palisade components, against the same platform written
// with raw provider resources (the baseline), measured in the same session. Run after `pnpm build`:
//   node bench/typecheck/run.mjs [runs]
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const runs = Number(process.argv[2] ?? 5);
/** Each pair: the baseline first, then the example built from Palisade components. */
const pairs = {
  AWS: {
    "raw @pulumi/aws (baseline)": "bench/typecheck/raw-aws-example",
    "Palisade components": "examples/aws-hipaa-inference",
  },
  GCP: {
    "raw @pulumi/gcp (baseline)": "bench/typecheck/raw-gcp-example",
    "Palisade components": "examples/gcp-confidential-inference",
  },
  Azure: {
    "raw @pulumi/azure-native (baseline)": "bench/typecheck/raw-azure-example",
    "Palisade components": "examples/azure-confidential-analytics",
  },
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
for (const [cloud, projects] of Object.entries(pairs)) {
  const results = {};
  for (const [label, project] of Object.entries(projects)) {
    const samples = Array.from({ length: runs }, () => measure(project));
    results[label] = {
      seconds: median(samples.map((s) => s.total)),
      memoryMb: median(samples.map((s) => s.memoryKb)) / 1024,
    };
    console.log(
      `${cloud} ${label.padEnd(38)} tsc --noEmit median ${results[label].seconds.toFixed(2)} s, ${results[label].memoryMb.toFixed(0)} MB (${runs} runs)`,
    );
  }
  const [baseline, palisade] = Object.values(results);
  console.log(
    `${cloud} ratio (Palisade / raw): time ${(palisade.seconds / baseline.seconds).toFixed(2)}, memory ${(palisade.memoryMb / baseline.memoryMb).toFixed(2)}`,
  );
}
