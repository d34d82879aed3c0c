#!/usr/bin/env node
// Policy pack start-up: time from process start to the printed port, and peak memory (VmHWM of the pack
// process once it has printed its port and is idle), for each shipped pack against two baselines started the
// same way: a pack with no policies (the floor) and a pack importing the four provider SDKs as most packs
// do. Each pack is started the way the Pulumi CLI starts it: `node <@pulumi/pulumi>/cmd/run-policy-pack
// <engine address> .` in the pack's directory (ts-node registered by the runner, as for any TS pack).
// Run after `pnpm build`: node bench/pack/run.mjs [runs]
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const runner = createRequire(`${root}policy-packs/hipaa/package.json`).resolve(
  "@pulumi/pulumi/cmd/run-policy-pack",
);

const shipped = readdirSync(`${root}policy-packs`).sort();
const packs = {
  "floor (no policies)": "bench/pack/floor",
  ...Object.fromEntries(shipped.map((p) => [`${p} (policy-packs/${p})`, `policy-packs/${p}`])),
  "provider SDK imports": "bench/pack/sdk-imports",
};

function start(dir) {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
      cwd: `${root}${dir}`,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) =>
      reject(new Error(`${dir} exited with ${code} before printing a port:\n${stderr}`)),
    );
    child.stdout.on("data", (c) => {
      stdout += c;
      if (!stdout.includes("\n")) return;
      const seconds = Number(process.hrtime.bigint() - began) / 1e9;
      const port = Number(stdout.split("\n")[0].trim());
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      child.removeAllListeners("exit");
      child.kill("SIGKILL");
      if (!Number.isInteger(port) || port <= 0 || !hwm) reject(new Error(`${dir} printed ${stdout}`));
      else resolve({ seconds, mb: Number(hwm[1]) / 1024 });
    });
  });
}

function median(samples, key) {
  return samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const results = {};
for (const [label, dir] of Object.entries(packs)) {
  await start(dir); // warm the file cache once; not counted
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await start(dir));
  results[label] = { seconds: median(samples, "seconds"), mb: median(samples, "mb") };
}
const floor = results["floor (no policies)"];
console.log(`median of ${runs} starts; ratio = pack / floor`);
for (const [label, r] of Object.entries(results)) {
  console.log(
    `${label.padEnd(28)} ${(r.seconds * 1000).toFixed(0).padStart(6)} ms to port (x${(r.seconds / floor.seconds).toFixed(2)}), ` +
      `${r.mb.toFixed(0).padStart(4)} MB peak (x${(r.mb / floor.mb).toFixed(2)})`,
  );
}
const sdk = results["provider SDK imports"];
for (const p of shipped) {
  const pack = results[`${p} (policy-packs/${p})`];
  console.log(
    `${p} vs provider SDK imports: x${(pack.seconds / sdk.seconds).toFixed(2)} time, x${(pack.mb / sdk.mb).toFixed(2)} memory`,
  );
}
