#!/usr/bin/env node
// palisade preview over synthetic stacks of 500, 2,000 and 8,000 resources, against the same program under
// Pulumi's bare mock runtime (bare-mocks.cjs) as the baseline. Prints wall time and peak memory (the
// largest process, from GNU time), their ratios, and the scaling exponent (log-log slope of time from
// the smallest to the largest stack). Run after `pnpm build`: node bench/preview/run.mjs [runs]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const program = "packages/preview/test-fixtures/programs/many";
const pack = "packages/preview/test-fixtures/packs/basic";
const sizes = [500, 2000, 8000];
const runs = Number(process.argv[2] ?? 3);

function timed(args) {
  // GNU time writes "<seconds> <max RSS KiB>" as the last line of stderr.
  const run = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stderr}`);
  const [seconds, kib] = run.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { seconds, mb: kib / 1024 };
}

function median(samples) {
  const sorted = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { seconds: sorted("seconds"), mb: sorted("mb") };
}

const variants = {
  "bare mocks (baseline)": (n) => ["bench/preview/bare-mocks.cjs", program, String(n)],
  "palisade preview": (n) => [
    "packages/preview/bin/palisade.js",
    "preview",
    program,
    "--config",
    `resourceCount=${n}`,
    "--format",
    "json",
    "--output",
    "/dev/null",
  ],
  // The baseline for the cost of recording where each resource was declared (SARIF locations).
  "preview, no positions": (n) => [
    "packages/preview/bin/palisade.js",
    "preview",
    program,
    "--config",
    `resourceCount=${n}`,
    "--no-source-positions",
    "--format",
    "json",
    "--output",
    "/dev/null",
  ],
  "palisade preview + pack": (n) => [
    "packages/preview/bin/palisade.js",
    "preview",
    program,
    "--config",
    `resourceCount=${n}`,
    "--policy-pack",
    pack,
    "--format",
    "json",
    "--output",
    "/dev/null",
  ],
};

const results = {};
for (const [label, args] of Object.entries(variants)) {
  results[label] = sizes.map((n) => median(Array.from({ length: runs }, () => timed(args(n)))));
}
const baseline = results["bare mocks (baseline)"];
console.log(`median of ${runs} runs; ratio = variant / baseline at the same size`);
for (const [label, rows] of Object.entries(results)) {
  rows.forEach((r, i) => {
    const ratio = (r.seconds / baseline[i].seconds).toFixed(2);
    console.log(
      `${label.padEnd(24)} ${String(sizes[i]).padStart(5)} resources: ${r.seconds.toFixed(2)} s (x${ratio}), ${r.mb.toFixed(0)} MB`,
    );
  });
  const exponent = Math.log(rows.at(-1).seconds / rows[0].seconds) / Math.log(sizes.at(-1) / sizes[0]);
  // Fixed start-up cost flattens the exponent; the marginal cost per resource shows the slope itself.
  const marginalMs = ((rows.at(-1).seconds - rows.at(-2).seconds) * 1000) / (sizes.at(-1) - sizes.at(-2));
  console.log(
    `${label.padEnd(24)} scaling exponent ${exponent.toFixed(2)} (1.00 is linear), marginal ${marginalMs.toFixed(2)} ms/resource`,
  );
}
const positions = results["palisade preview"];
const withoutPositions = results["preview, no positions"];
console.log(
  `source positions cost ${sizes
    .map(
      (n, i) =>
        `${(((positions[i].seconds - withoutPositions[i].seconds) / withoutPositions[i].seconds) * 100).toFixed(1)}% at ${n}`,
    )
    .join(", ")} (palisade preview / preview, no positions)`,
);
