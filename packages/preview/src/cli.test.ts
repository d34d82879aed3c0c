/**
 * End to end: the built `palisade` command against fixture programs and packs written for these tests.
 * `pnpm test` builds first (tsc -b), so bin/palisade.js runs the compiled CLI.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./model";

const root = path.resolve(__dirname, "..");
const fixtures = path.join(root, "test-fixtures");
const bin = path.join(root, "bin", "palisade.js");
const program = (name: string) => path.join(fixtures, "programs", name);
const pack = (name: string) => path.join(fixtures, "packs", name);

/** Runs the command; tests run concurrently, each in its own process. */
function palisade(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, "preview", ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function json(args: string[]) {
  const run = await palisade([...args, "--format", "json"]);
  return { ...run, report: JSON.parse(run.stdout) as Record<string, any> };
}

describe.concurrent("palisade preview: verdicts and exit codes", () => {
  it("exits 0 with no mandatory violation and counts what cannot be known at preview", async () => {
    const { code, report } = await json([program("basic"), "--policy-pack", pack("basic")]);
    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual(["resources", "policyPacks", "diagnostics", "summary"]);
    expect(report.summary).toEqual({ resources: 2, mandatory: 0, advisory: 0, undetermined: 1, exempted: 0 });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        policyPack: "test-basic",
        policy: "key-arn-is-aws",
        urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
        enforcementLevel: "advisory",
        status: "undetermined",
      }),
    ]);
    expect(report.policyPacks[0]).toMatchObject({ name: "test-basic", version: "1.0.0" });
    expect(report.policyPacks[0].policies.map((p: { name: string }) => p.name)).toEqual([
      "bucket-not-public",
      "bucket-key-present",
      "key-arn-is-aws",
      "max-buckets",
      "bucket-key-joined",
    ]);
  });

  it("exits 1 on a mandatory violation, naming the policy, resource, severity and framework", async () => {
    // Two packs, the second written in TypeScript: run-policy-pack registers ts-node as the CLI does.
    const { code, report } = await json([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--policy-pack",
      pack("typescript"),
      "--config",
      "public=true",
    ]);
    expect(code).toBe(1);
    expect(report.summary.mandatory).toBe(2);
    expect(
      report.policyPacks.map((p: { name: string; version: string }) => `${p.name}@${p.version}`),
    ).toEqual(["test-basic@1.0.0", "test-typescript@2.0.0"]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        policyPack: "test-typescript",
        policy: "ts-bucket-not-public",
        urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
        enforcementLevel: "mandatory",
        message: expect.stringContaining("bucket is public"),
        framework: null,
        status: "violation",
      }),
    );
    // An exemption stays visible with its policy's level, and never counts as a violation.
    expect(report.summary.exempted).toBe(1);
    expect(report.diagnostics.filter((d: { status: string }) => d.status === "exempted")).toEqual([
      expect.objectContaining({
        policyPack: "test-typescript",
        policy: "ts-bucket-versioned",
        urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
        enforcementLevel: "mandatory",
        severity: "high",
        message: "[exempted] vendor-managed bucket (until 2099-12-31): bucket is not versioned",
      }),
    ]);
    expect(report.diagnostics).toContainEqual({
      policyPack: "test-basic",
      policy: "bucket-not-public",
      urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
      enforcementLevel: "mandatory",
      severity: "critical",
      message: expect.stringContaining("bucket is public"),
      framework: {
        name: "HIPAA",
        version: "2013",
        reference: "164.312(a)(1)",
        specification: "Access control",
      },
      status: "violation",
    });
  });

  it("exits 2 on a usage error", async () => {
    const run = await palisade([program("basic"), "--format", "xml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("xml");
  });

  it("applies policy config: levels and properties", async () => {
    const { code, report } = await json([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--config",
      "bucketCount=2",
      "--policy-config",
      path.join(fixtures, "policy-config.json"),
    ]);
    expect(code).toBe(0);
    expect(report.diagnostics.map((d: { policy: string; message: string }) => d.policy)).toContain(
      "max-buckets",
    );
    expect(report.diagnostics.find((d: { policy: string }) => d.policy === "max-buckets").message).toContain(
      "2 buckets exceed maxBuckets 1",
    );
  });

  it("reports the resource graph alone without packs, with options as the engine sees them", async () => {
    const { code, report } = await json([program("basic")]);
    expect(code).toBe(0);
    expect(report.policyPacks).toEqual([]);
    const [key, bucket] = report.resources;
    expect(key).toMatchObject({
      type: "test:index:Key",
      name: "key",
      options: { retainOnDelete: true, protect: false },
    });
    expect(bucket).toMatchObject({
      urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
      inputs: { kmsKeyArn: "[unknown]", public: false, token: "[secret]" },
      options: { protect: true, dependsOn: ["urn:pulumi:dev::basic::test:index:Key::key"] },
    });
  });
});

describe.concurrent("palisade preview: report formats", () => {
  it("writes SARIF 2.1.0 that validates against the SARIF schema", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "palisade-")), "report.sarif");
    const run = await palisade([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--config",
      "public=true",
      "--format",
      "sarif",
      "--output",
      out,
    ]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, "utf8"));
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    // The SARIF 2.1.0 schema is written in JSON Schema draft-04.
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "bucket-not-public");
    expect(result).toMatchObject({
      level: "error",
      locations: [
        { logicalLocations: [{ fullyQualifiedName: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0" }] },
      ],
    });
    expect(sarif.runs[0].tool.driver.rules[0]).toMatchObject({
      id: "bucket-not-public",
      helpUri: "https://example.com/bucket-not-public",
    });
  });

  it("writes a Markdown compliance report per framework and control", async () => {
    const run = await palisade([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--config",
      "public=true",
      "--format",
      "markdown",
    ]);
    expect(run.stdout).toContain("## HIPAA 2013");
    expect(run.stdout).toMatch(/\| 164\.312\(a\)\(1\) \| Access control \| violated \| bucket-not-public \|/);
    expect(run.stdout).toMatch(/\| 164\.312\(a\)\(2\)\(iv\) \| Encryption \| passed \|/);
    expect(run.stdout).toMatch(/\| key-arn-is-aws \| .* \| undetermined \|/);
  });

  it("prints a table grouped by severity", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("basic"), "--config", "public=true"]);
    expect(run.stdout.indexOf("CRITICAL (1)")).toBeLessThan(run.stdout.indexOf("LOW (1)"));
    expect(run.stdout).toContain("1 mandatory");
    // Piped, as here, the table is plain text: no colour escapes from picocolors or cli-table3.
    expect(run.stdout).not.toContain("\u001b[");
  });
});

describe.concurrent("palisade preview: what a pack receives", () => {
  const record = async (mode: "preview" | "update") => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "palisade-")), "calls.json");
    const run = await palisade([program("basic"), "--policy-pack", pack("recorder"), "--mode", mode], {
      PALISADE_RECORD: file,
    });
    expect(run.code).toBe(0);
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, any>[];
  };

  it("speaks the engine's sequence of calls", async () => {
    const methods = (await record("preview")).map((c) => c.method).filter((m: string) => !m.includes(":"));
    expect(methods).toEqual([
      "getAnalyzerInfo",
      "configure",
      "configureStack",
      "analyze",
      "analyze",
      "analyzeStack",
    ]);
  });

  it("sends unknowns as the unknown sentinel, secrets as secret values, and property dependencies", async () => {
    const calls = await record("preview");
    const bucket = calls.find((c) => c.method === "analyze:properties" && c.urn.endsWith("bucket-0"));
    expect(bucket?.properties.kmsKeyArn).toBe(UNKNOWN);
    expect(bucket?.properties.token).toMatchObject({ [SIG_KEY]: SECRET_SIG });
    const stack = calls.find((c) => c.method === "analyzeStack:resources");
    const stackBucket = stack?.resources.find((r: { urn: string }) => r.urn.endsWith("bucket-0"));
    expect(stackBucket.propertyDependencies.kmsKeyArn).toEqual([
      "urn:pulumi:dev::basic::test:index:Key::key",
    ]);
    const configureStack = calls.find((c) => c.method === "configureStack")?.request;
    expect(configureStack).toMatchObject({
      stack: "dev",
      project: "basic",
      dryRun: true,
      configSecretKeysList: ["basic:apiToken"],
    });
    expect(Object.fromEntries(configureStack.configMap)).toMatchObject({
      "test:region": "test-west-1",
      "basic:bucketCount": "1",
    });
    const analyze = calls.find((c) => c.method === "analyze" && c.request.urn.endsWith("bucket-0"))?.request;
    expect(analyze.options).toMatchObject({ protect: true });
    expect(analyze.provider).toMatchObject({ type: "pulumi:providers:test", name: "default" });
  });

  it("makes provider outputs known in update mode", async () => {
    const calls = await record("update");
    const bucket = calls.find((c) => c.method === "analyze:properties" && c.urn.endsWith("bucket-0"));
    expect(bucket?.properties.kmsKeyArn).toMatch(/^arn:aws:/);
    expect(calls.find((c) => c.method === "configureStack")?.request.dryRun).toBe(false);
  });
});

describe.concurrent("palisade preview: faults end the run with exit 2 and a clear message", () => {
  it("no Pulumi.yaml", async () => {
    const run = await palisade([mkdtempSync(path.join(tmpdir(), "palisade-empty-"))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Pulumi.yaml not found");
  });

  it("a program that throws, with its error and stack trace", async () => {
    const run = await palisade([program("throws")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("settings file missing: cannot build the stack");
    expect(run.stderr).toContain("at loadSettings");
  });

  it("a lookup with no fixture names its token, and a fixture file answers it", async () => {
    const run = await palisade([program("invoke")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("test:index/getThing:getThing");
    expect(run.stderr).toContain("--invoke-fixtures");
    const fixed = await json([
      program("invoke"),
      "--invoke-fixtures",
      path.join(fixtures, "invoke-fixtures.json"),
    ]);
    expect(fixed.code).toBe(0);
    // Registration order follows when each lookup resolves, so compare by name.
    const inputs = Object.fromEntries(
      fixed.report.resources.map((r: { name: string; inputs: unknown }) => [r.name, r.inputs]),
    );
    expect(inputs).toEqual({
      "from-lookup": { label: "from-fixture" },
      "from-builtins": { account: "123456789012", kinds: ["Namespace", "ConfigMap"] },
    });
  });

  it("answers a lookup by its arguments, and prints a stub with them when nothing answers", async () => {
    const missing = await palisade([program("invoke")]);
    expect(missing.stderr).toContain(
      '{"test:index/getThing:getThing": [{"args": {"id":"t-1"}, "result": { ... }}]}',
    );
    const fixed = await json([
      program("invoke"),
      "--invoke-fixtures",
      path.join(fixtures, "invoke-fixtures-by-args.json"),
    ]);
    expect(fixed.code).toBe(0);
    const lookup = fixed.report.resources.find((r: { name: string }) => r.name === "from-lookup");
    expect(lookup.inputs).toEqual({ label: "for-t-1" });
  });

  it("a pack that fails to start, with its stderr", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("crash")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("failed to start (exited with code 3)");
    expect(run.stderr).toContain("cannot load its rules");
  });

  it("a pack that prints no port within the timeout", async () => {
    const started = Date.now();
    const run = await palisade([program("basic"), "--policy-pack", pack("no-port"), "--pack-timeout", "1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("printed no port within 1 s");
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("a pack that dies mid-run", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("dies")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exited \(code 9\) during analyze|failed: .* during analyze/);
  });

  it("a policy that throws", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("throws")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("during analyze");
    expect(run.stderr).toContain("cannot read properties of undefined (reading 'rules')");
  });

  it("a policy config that breaks a policy's schema, naming the policy and the field", async () => {
    const run = await palisade([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--policy-config",
      path.join(fixtures, "bad-policy-config.json"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("test-basic/max-buckets");
    expect(run.stderr).toContain("/maxBuckets must be integer");
  });

  it("a policy config naming a policy the pack does not have", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "palisade-")), "config.json");
    writeFileSync(file, JSON.stringify({ "no-such-policy": "mandatory" }));
    const run = await palisade([program("basic"), "--policy-pack", pack("basic"), "--policy-config", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"no-such-policy", which is not a policy of test-basic');
  });
});

describe.concurrent("palisade preview: project and stack config", () => {
  it("applies the defaults Pulumi.yaml declares, as the Pulumi CLI does", async () => {
    const { code, report } = await json([program("project-config")]);
    expect(code).toBe(0);
    expect(report.summary.resources).toBe(2);
  });

  it("lets --config win over the project default", async () => {
    const { report } = await json([program("project-config"), "--config", "networks=1"]);
    expect(report.summary.resources).toBe(1);
  });
});

describe.concurrent("palisade preview: command-line edges end in a clear exit 2", () => {
  it("checks --output before running, and names the missing directory", async () => {
    const run = await palisade([program("basic"), "--output", "/nonexistent-dir/report.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--output /nonexistent-dir/report.json: the directory /nonexistent-dir does not exist",
    );
    expect(run.stderr).not.toContain("internal error");
  });

  it("leaves no earlier report at --output when the run fails", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "palisade-")), "report.json");
    writeFileSync(out, '{"summary":{"mandatory":0}}');
    const run = await palisade([program("basic"), "--policy-pack", "/nonexistent-pack", "--output", out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["--pack-timeout", "3000000"], "--pack-timeout"],
    [["--pack-timeout", "0"], "--pack-timeout"],
    [["--stack", "../x"], "--stack"],
  ])("refuses %j", async (args, option) => {
    const run = await palisade([program("basic"), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(option);
  });

  it("refuses the same pack twice instead of doubling its findings", async () => {
    const run = await palisade([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--policy-pack",
      `${pack("basic")}/`,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("given twice");
  });

  it("names a PulumiPolicy.yaml that is not YAML", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-pack-"));
    writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: [nodejs\n");
    const run = await palisade([program("basic"), "--policy-pack", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PulumiPolicy\.yaml is not valid YAML/);
    expect(run.stderr).not.toContain("internal error");
  });
});

describe.concurrent("palisade preview: streams", () => {
  it("keeps the report alone on stdout and passes the program's output to stderr, marked", async () => {
    const { code, stdout, stderr, report } = await json([program("chatty")]);
    expect(code).toBe(0);
    expect(report.summary.resources).toBe(1);
    expect(stdout).not.toContain("hello");
    expect(stderr).toContain("program: hello from the program's stdout");
    expect(stderr).toContain("program (stderr): a warning on the program's stderr");
  });
});

describe.concurrent("palisade preview: deadlines end a hung run with exit 2", () => {
  it("stops a program in an endless loop and names it", async () => {
    const run = await palisade([program("loops"), "--program-timeout", "3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the Pulumi program in .*loops did not finish within 3 s/);
  });

  it.each([
    ["hangs", "a policy that never resolves"],
    ["busy", "a policy that loops forever"],
  ])("stops a pack with %s (%s) and names the resource", async (name) => {
    const run = await palisade([program("basic"), "--policy-pack", pack(name), "--analyze-timeout", "3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /did not answer within 3 s \(raise --analyze-timeout if it is slow\) during analyze of urn:pulumi:dev::basic::test:index:Key::key/,
    );
  });
});

/** Every process descended from `root`, read from ps. */
function descendants(root: number): number[] {
  const rows = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of rows) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Whether a process still runs; a zombie (killed, not yet reaped by init) does not. */
function alive(pid: number): boolean {
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !state.startsWith("Z");
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

describe.concurrent("palisade preview: signals end everything it started", () => {
  it.each([
    ["SIGTERM", 143, [program("loops")]],
    ["SIGINT", 130, [program("basic"), "--policy-pack", pack("hangs")]],
    ["SIGHUP", 129, [program("loops")]],
  ] as const)(
    "%s exits %i and leaves no process behind",
    async (signal, code, args) => {
      const child = spawn(process.execPath, [bin, "preview", ...args, "--analyze-timeout", "600"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      // Wait until the program host or the pack is running (and, for a pack, answering nothing).
      let started: number[] = [];
      for (let i = 0; i < 60 && started.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        started = descendants(child.pid as number);
      }
      expect(started.length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      started = descendants(child.pid as number);
      child.kill(signal);
      expect(await closed).toBe(code);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(started.filter(alive)).toEqual([]);
    },
    120_000,
  );
});

describe.concurrent("palisade preview: the program's lifecycle as Pulumi's Node runtime has it", () => {
  it("waits for the event loop to drain, so a registration from a timer is analyzed", async () => {
    const { code, report } = await json([program("lifecycle"), "--config", "case=late"]);
    expect(code).toBe(0);
    expect(report.resources.map((r: { name: string }) => r.name)).toEqual(["first", "late"]);
  });

  it.each([
    ["timer-throws", /thrown from a timer/],
    ["rejects", /a promise nobody awaited/],
    [
      "duplicate",
      /Duplicate resource URN 'urn:pulumi:dev::lifecycle::test:index:Thing::first'; try giving it a unique name/,
    ],
    ["exits", /the program called process\.exit\(0\) before it finished/],
  ])("fails the run when the program %s", async (which, message) => {
    const run = await palisade([program("lifecycle"), "--config", `case=${which}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe.concurrent("palisade preview: inputs marshalled as the engine sends them to analyzers", () => {
  it.each([
    ["preview", "[unknown]"],
    ["update", "site-id"],
  ])(
    "passes a resource given as an input as its id (%s: %s) and a component as its URN",
    async (mode, id) => {
      const { code, report } = await json([
        program("references"),
        "--policy-pack",
        pack("basic"),
        "--mode",
        mode,
      ]);
      // The basic pack judges the bucket (exit 1): the resource reference no longer crashes it (exit 2).
      expect(code).toBe(1);
      const policy = report.resources.find((r: { name: string }) => r.name === "site-policy");
      expect(policy.inputs).toEqual({
        bucket: id,
        owners: ["urn:pulumi:dev::references::test:index:Group::group"],
      });
    },
  );
});
