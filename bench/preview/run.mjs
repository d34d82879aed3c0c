#!/usr/bin/env node
// palisade preview over synthetic stacks, against the same program under Pulumi's bare mock runtime
// (bare-mocks.cjs), the baseline, run in the same session. For each variant and size: wall time, its
// ratio to the baseline, peak memory summed over every process of the run (the preview, the program
// host and its esbuild, each pack), and CPU time per role (preview host, program, packs), both sampled
// from /proc. The empty pack is the floor under every pack: the Analyzer protocol's own cost, one gRPC
// round trip per resource with nothing to judge. Then the scaling exponent (log-log slope of time
// from the second size to the largest, 2,000 to 32,000 by default), the marginal cost per resource
// between the two largest sizes, and the cost of recording source positions.
//
// Run after `pnpm build`:
//   node bench/preview/run.mjs [--runs 1] [--sizes 500,2000,8000,32000] [--huge]
// --huge adds one run of 100,000 resources with the HIPAA pack (peak memory is the figure to watch).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    sizes: { type: "string", default: "500,2000,8000,32000" },
    huge: { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(",").map(Number);
const program = "packages/preview/test-fixtures/programs/many";
const hipaa = "policy-packs/hipaa";
const twins = ["bench/preview/packs/twin-a", "bench/preview/packs/twin-b"];
const empty = "bench/preview/packs/empty";

const preview = (n, ...extra) => [
  "packages/preview/bin/palisade.js",
  "preview",
  program,
  "--config",
  `resourceCount=${n}`,
  "--format",
  "json",
  "--output",
  "/dev/null",
  ...extra,
];
const packs = (dirs) => dirs.flatMap((dir) => ["--policy-pack", dir]);

const variants = {
  "bare mocks (baseline)": (n) => ["bench/preview/bare-mocks.cjs", program, String(n)],
  "preview, no pack": (n) => preview(n),
  // The baseline for the cost of recording where each resource was declared (SARIF locations).
  "preview, no positions": (n) => preview(n, "--no-source-positions"),
  "preview + empty pack": (n) => preview(n, ...packs([empty])),
  "preview + HIPAA pack": (n) => preview(n, ...packs([hipaa])),
  "preview + three packs": (n) => preview(n, ...packs([hipaa, ...twins])),
};

/** Which part of a run a process is, from its command line. */
function roleOf(cmdline) {
  if (cmdline.includes("run-policy-pack")) return "packs";
  if (cmdline.includes("palisade.js") || cmdline.includes("bare-mocks")) return "host";
  return "program";
}

/**
 * The process tree under `rootPid`, from /proc: each process's resident memory (KiB), CPU time so far
 * (user + system, clock ticks) and role.
 */
function tree(rootPid) {
  const children = new Map();
  const seen = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      seen.set(Number(entry), {
        rssKib: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
        ticks: Number(fields[11]) + Number(fields[12]),
        role: roleOf(cmdline),
      });
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = new Map();
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop();
    if (seen.has(pid)) found.set(pid, seen.get(pid));
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

// Clock ticks per second for /proc's CPU times (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND = 100;

function timed(args) {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    let peakKib = 0;
    // The last CPU time seen per process (a process's time only grows; one that ends keeps its last),
    // under the role its command line first showed (a process may retitle itself later).
    const cpu = new Map();
    const sample = () => {
      const processes = tree(child.pid);
      peakKib = Math.max(
        peakKib,
        [...processes.values()].reduce((sum, p) => sum + p.rssKib, 0),
      );
      for (const [pid, p] of processes) cpu.set(pid, { ...p, role: cpu.get(pid)?.role ?? p.role });
    };
    const sampler = setInterval(sample, 100);
    child.on("exit", (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      const cpuSeconds = { host: 0, program: 0, packs: 0 };
      for (const p of cpu.values()) cpuSeconds[p.role] += p.ticks / TICKS_PER_SECOND;
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(" ")} exited ${code}:\n${stderr}`));
      else resolve({ seconds, mb: peakKib / 1024, cpuSeconds });
    });
  });
}

async function median(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(args));
  const sorted = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  const middle = samples.find((s) => s.seconds === sorted("seconds"));
  return { seconds: middle.seconds, mb: sorted("mb"), cpuSeconds: middle.cpuSeconds };
}

const results = {};
for (const [label, args] of Object.entries(variants)) {
  results[label] = [];
  for (const n of sizes) results[label].push(await median(args(n)));
}

const baseline = results["bare mocks (baseline)"];
console.log(
  `median of ${runs} run(s); ratio = variant / bare mocks at the same size; memory summed over processes; ` +
    `CPU seconds per role (the machine has ${availableParallelism()} cores)`,
);
for (const [label, rows] of Object.entries(results)) {
  rows.forEach((r, i) => {
    const ratio = (r.seconds / baseline[i].seconds).toFixed(2);
    const cpu = Object.entries(r.cpuSeconds)
      .filter(([, s]) => s > 0)
      .map(([role, s]) => `${role} ${s.toFixed(1)}`)
      .join(", ");
    console.log(
      `${label.padEnd(24)} ${String(sizes[i]).padStart(6)} resources: ${r.seconds.toFixed(2)} s (x${ratio}), ${r.mb.toFixed(0)} MB; CPU s: ${cpu}`,
    );
  });
  // The slope from the second size on: the smallest is mostly start-up.
  const from = sizes.length > 2 ? 1 : 0;
  const exponent = Math.log(rows.at(-1).seconds / rows[from].seconds) / Math.log(sizes.at(-1) / sizes[from]);
  const marginalMs = ((rows.at(-1).seconds - rows.at(-2).seconds) * 1000) / (sizes.at(-1) - sizes.at(-2));
  console.log(
    `${label.padEnd(24)} scaling exponent ${exponent.toFixed(2)} from ${sizes[from]} to ${sizes.at(-1)} (1.00 is linear), ` +
      `marginal ${marginalMs.toFixed(2)} ms/resource`,
  );
}
const positions = results["preview, no pack"];
const withoutPositions = results["preview, no positions"];
console.log(
  `source positions cost ${sizes
    .map(
      (n, i) =>
        `${(((positions[i].seconds - withoutPositions[i].seconds) / withoutPositions[i].seconds) * 100).toFixed(1)}% at ${n}`,
    )
    .join(", ")} (preview, no pack / preview, no positions)`,
);

if (values.huge) {
  const huge = await timed(preview(100_000, ...packs([hipaa])));
  console.log(
    `preview + HIPAA pack at 100,000 resources: ${huge.seconds.toFixed(1)} s, ${huge.mb.toFixed(0)} MB summed`,
  );
}
