/**
 * End to end: the built `palisade` command against fixture programs and packs written for these tests.
 * `pnpm test` builds first (tsc -b), so bin/palisade.js runs the compiled CLI.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  createReadStream,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv04 from "ajv-draft-04";
import { describe, expect, it, vi } from "vitest";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./model";

// Each test runs the CLI, a program host and a pack: three Node processes, all concurrent. On a shared
// 2-core machine that can take well over the suite's default minute; a hang still fails, later.
vi.setConfig({ testTimeout: 180_000 });

const root = path.resolve(__dirname, "..");
const fixtures = path.join(root, "test-fixtures");
const bin = path.join(root, "bin", "palisade.js");
const program = (name: string) => path.join(fixtures, "programs", name);
const pack = (name: string) => path.join(fixtures, "packs", name);

/**
 * Runs the command; tests run concurrently, each in its own process. Packs get 150 s to print their port
 * (the default is 60 s): with every test starting packs at once on a shared machine, one took longer. A
 * test that passes its own `--pack-timeout` overrides this (the last one given wins).
 */
function palisade(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const argv = [bin, "preview", "--pack-timeout", "150", ...args];
    const child = spawn(process.execPath, argv, { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Errors from validating against the official SARIF 2.1.0 schema (written in JSON Schema draft-04). */
function validateSarif(sarif: unknown): unknown[] {
  const schema = JSON.parse(
    readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
  );
  const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  return ajv.validate(schema, sarif) ? [] : (ajv.errors ?? ["invalid"]);
}

async function json(args: string[]) {
  const run = await palisade([...args, "--format", "json"]);
  // A run that failed prints no report: say why instead of "Unexpected end of JSON input".
  if (!run.stdout) throw new Error(`palisade exited ${String(run.code)} with no report: ${run.stderr}`);
  return { ...run, report: JSON.parse(run.stdout) as Record<string, any> };
}

/** One preview through the built API, every report format of its result (see render-all.js). */
function renderAll(
  options: Record<string, unknown>,
): Promise<Record<"json" | "sarif", any> & Record<"markdown" | "table", string>> {
  return new Promise((resolve, reject) => {
    const all = { stack: "dev", config: [], mode: "preview", packTimeoutSeconds: 150, ...options };
    const child = spawn(process.execPath, [path.join(fixtures, "render-all.js"), JSON.stringify(all)]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(stderr))));
  });
}

describe.concurrent("palisade preview: verdicts and exit codes", () => {
  it("exits 0 with no mandatory violation and counts what cannot be known at preview", async () => {
    const { code, report } = await json([program("basic"), "--policy-pack", pack("basic")]);
    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual([
      "resources",
      "notAnalyzableOffline",
      "policyPacks",
      "diagnostics",
      "controls",
      "summary",
    ]);
    expect(report.summary).toEqual({
      resources: 2,
      mandatory: 0,
      advisory: 0,
      undetermined: 1,
      exempted: 0,
      incomplete: 0,
      controls: { violated: 0, undetermined: 1, exempted: 0, incomplete: 0, passed: 1, "not-evaluated": 3 },
    });
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
      // A foreign pack: no control tag, no requirement id.
      control: "bucket-not-public",
      requirement: null,
      urn: "urn:pulumi:dev::basic::test:index:Bucket::bucket-0",
      enforcementLevel: "mandatory",
      severity: "critical",
      // @pulumi/policy's description line is dropped; the finding's own text stays.
      message: "bucket is public",
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
    expect(validateSarif(sarif)).toEqual([]);
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

  it("writes a Markdown compliance report per framework and control, for a pack that knows no controls", async () => {
    const run = await palisade([
      program("basic"),
      "--policy-pack",
      pack("basic"),
      "--config",
      "public=true",
      "--format",
      "markdown",
    ]);
    expect(run.stdout).toContain("## HIPAA 2013 (test-basic)");
    // Without control tags each policy is its own control.
    expect(run.stdout).toMatch(
      /\| bucket-not-public \| 164\.312\(a\)\(1\) \| Access control \| violated \| bucket-not-public \(violated\) \|/,
    );
    // The typed validator reported its scope (the key is not a bucket), so silence on the bucket is a pass.
    expect(run.stdout).toMatch(
      /\| bucket-key-present \| 164\.312\(a\)\(2\)\(iv\) \| Encryption \| passed \|/,
    );
    expect(run.stdout).toMatch(/\| key-arn-is-aws \| none \| .* \| undetermined \|/);
    // A policy that never says what it judges cannot be said to have passed.
    expect(run.stdout).toMatch(
      /\| bucket-key-joined \| none \| .* \| not evaluated \(scope not reported by the pack\) \|/,
    );
  });

  it("prints a table grouped by severity", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("basic"), "--config", "public=true"]);
    expect(run.stdout.indexOf("CRITICAL (1)")).toBeLessThan(run.stdout.indexOf("LOW (1)"));
    expect(run.stdout).toContain("1 mandatory");
    // Piped, as here, the table is plain text: no colour escapes from picocolors or cli-table3.
    expect(run.stdout).not.toContain("\u001b[");
  });
});

/**
 * The palisade fixture pack speaks Palisade's finding protocol; the controls program has something in
 * scope for most of its controls, and two pairs of controls sharing a citation. See the comments in both
 * fixtures.
 */
describe.concurrent("palisade preview: controls, from a pack that speaks the finding protocol", () => {
  // One preview, every format of its result (one pack and program run instead of one per format).
  let rendered: ReturnType<typeof renderAll> | undefined;
  const render = () =>
    (rendered ??= renderAll({
      projectDir: program("controls"),
      policyPacks: [pack("palisade")],
      policyConfig: path.join(fixtures, "policy-config-palisade.json"),
      config: ["public=true"],
    }));
  const bucket = "urn:pulumi:dev::controls::test:index:Bucket::bucket-0";

  it("gives every control exactly one status in JSON, grouped by control id, with why nothing was evaluated", async () => {
    const report = (await render()).json;
    expect(
      report.controls.map((c: Record<string, unknown>) => [c.control, c.citations, c.status, c.reason]),
    ).toEqual([
      ["ctl-at-rest", ["§1(a)"], "passed", null],
      ["ctl-rotation", ["§1(a)"], "passed", null],
      ["ctl-public", ["§2"], "violated", null],
      ["ctl-versioning", ["§2"], "exempted", null],
      ["ctl-admin-ports", ["§3"], "passed", null],
      ["ctl-segmentation", ["§3"], "violated", null],
      // The program has no cluster: nothing in scope, so nothing passed.
      ["ctl-cluster", ["§4"], "not-evaluated", "nothing-in-scope"],
      ["ctl-key-arn", ["§5"], "undetermined", null],
      ["ctl-logging", ["§6"], "not-evaluated", "disabled"],
    ]);
    expect(report.notAnalyzableOffline).toEqual([]);
    expect(report.controls[1]).toEqual({
      pack: "test-palisade",
      control: "ctl-rotation",
      framework: "TESTFW 1",
      citations: ["§1(a)"],
      requirements: ["Rotate keys"],
      status: "passed",
      reason: null,
      policies: [{ name: "test-key-rotation", status: "passed", reason: null }],
      findings: { violation: 0, undetermined: 0, exempted: 0 },
    });
    expect(report.summary.controls).toEqual({
      violated: 2,
      undetermined: 1,
      exempted: 1,
      incomplete: 0,
      passed: 3,
      "not-evaluated": 2,
    });
    // Each finding names its requirement and its control; the message is the finding's own text.
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        policy: "test-bucket-private",
        control: "ctl-public",
        requirement: "test-bucket-private/not-public",
        urn: bucket,
        message: "bucket is public",
        status: "violation",
      }),
    );
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        policy: "test-namespace-default-deny",
        control: "ctl-segmentation",
        requirement: "test-namespace-default-deny/missing",
        urn: "urn:pulumi:dev::controls::test:index:Namespace::apps",
        status: "violation",
      }),
    );
    // One message naming two requirements the pack could not read is one finding per requirement.
    expect(
      report.diagnostics
        .filter((d: Record<string, unknown>) => d.control === "ctl-key-arn")
        .map((d: Record<string, unknown>) => [d.requirement, d.status]),
    ).toEqual([
      ["test-key-arn-known/kms-arn", "undetermined"],
      ["test-key-arn-known/kms-partition", "undetermined"],
    ]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        control: "ctl-versioning",
        requirement: "test-bucket-versioned/enabled",
        status: "exempted",
        message: expect.stringContaining("vendor-managed bucket (until 2099-12-31)"),
      }),
    );
  });

  it("writes one Markdown row per control, never merging controls that share a citation", async () => {
    const markdown = (await render()).markdown;
    const rows = markdown.split("\n").filter((line) => line.startsWith("| ctl-"));
    expect(rows.map((r) => r.split(" | ")[0]!.slice(2))).toEqual([
      "ctl-at-rest",
      "ctl-rotation",
      "ctl-public",
      "ctl-versioning",
      "ctl-admin-ports",
      "ctl-segmentation",
      "ctl-cluster",
      "ctl-key-arn",
      "ctl-logging",
    ]);
    const row = (control: string) => rows.find((r) => r.startsWith(`| ${control} |`)) ?? "";
    expect(row("ctl-rotation")).toMatch(/^\| ctl-rotation \| §1\(a\) \| Rotate keys \| passed \|/);
    // The default-deny finding sits under its own control, not under the other control citing §3.
    expect(row("ctl-segmentation")).toContain(
      "apps: test-namespace-default-deny/missing: namespace apps has none",
    );
    expect(row("ctl-admin-ports")).toMatch(/\| passed \| test-firewall-admin-ports \(passed\) \| none \|$/);
    expect(row("ctl-cluster")).toContain("| not evaluated (nothing in scope) |");
    expect(row("ctl-logging")).toContain("| not evaluated (disabled) |");
    expect(markdown).toContain(
      "Controls: 3 passed, 2 violated, 1 undetermined, 1 exempted, 0 incomplete, 2 not evaluated.",
    );
    expect(markdown).not.toContain("Incomplete");
  });

  it("reports each requirement as its own SARIF rule, a subset of its policy's rule", async () => {
    const sarif = (await render()).sarif;
    expect(validateSarif(sarif)).toEqual([]);
    const [only] = sarif.runs;
    const rules = only.tool.driver.rules as { id: string; relationships?: unknown[] }[];
    const result = only.results.find(
      (r: { ruleId: string }) => r.ruleId === "test-bucket-private/not-public",
    );
    expect(result).toMatchObject({
      level: "error",
      properties: {
        policy: "test-bucket-private",
        control: "ctl-public",
        requirement: "test-bucket-private/not-public",
      },
    });
    expect(rules[result.ruleIndex]).toMatchObject({
      id: "test-bucket-private/not-public",
      relationships: [
        {
          target: {
            id: "test-bucket-private",
            index: rules.findIndex((r) => r.id === "test-bucket-private"),
          },
          kinds: ["subset"],
        },
      ],
    });
    // Undetermined and exempted findings are reported under the requirement they name too.
    expect(only.results.find((r: { kind: string }) => r.kind === "review")).toMatchObject({
      ruleId: "test-key-arn-known/kms-arn",
      level: "note",
    });
    expect(only.results.find((r: { kind: string }) => r.kind === "informational")).toMatchObject({
      ruleId: "test-bucket-versioned/enabled",
    });
  });

  it("shows the requirement id as each finding's id in the table, and sums up the controls", async () => {
    const table = (await render()).table;
    expect(table).toContain("test-bucket-private/not-public");
    expect(table).toContain(
      "controls: 2 violated, 1 undetermined, 1 exempted, 0 incomplete, 3 passed, 2 not evaluated",
    );
    expect(table).not.toContain("INCOMPLETE");
  });
});

/**
 * The sources program (TypeScript) declares resources on known lines: directly, through a library
 * component (outside the project, as node_modules is) and inside a remote component the preview cannot
 * see into. See the comments in the fixture.
 */
describe.concurrent("palisade preview: where resources were declared, and what could not be seen", () => {
  const sources = program("sources");
  const entry = path.relative(process.cwd(), path.join(sources, "index.ts")).split(path.sep).join("/");
  const urn = (type: string, name: string) => `urn:pulumi:dev::sources::${type}::${name}`;
  const sarifOf = async (extra: string[] = []) => {
    const run = await palisade([sources, "--policy-pack", pack("palisade"), "--format", "sarif", ...extra]);
    if (!run.stdout) throw new Error(`palisade exited ${String(run.code)} with no report: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  /** The physical location of the first result about a resource, across every run. */
  const locationOf = (sarif: any, resourceUrn: string) =>
    sarif.runs
      .flatMap((r: any) => r.results)
      .find((r: any) => r.locations[0].logicalLocations[0]?.fullyQualifiedName === resourceUrn)?.locations[0]
      .physicalLocation;

  it("places each SARIF result on the user's line: its own, the component's that created it, its parent's", async () => {
    const sarif = await sarifOf();
    expect(validateSarif(sarif)).toEqual([]);
    const at = (line: number) => ({
      artifactLocation: { uri: entry },
      region: { startLine: line, startColumn: 1 },
    });
    // Declared directly (line 19 of index.ts; the compiled JavaScript has it elsewhere).
    expect(locationOf(sarif, urn("test:index:Bucket", "declared"))).toEqual(at(19));
    // Created by a library component's constructor: the line that created the component.
    expect(locationOf(sarif, urn("test:index:StorageKit$test:index:Bucket", "kit-data"))).toEqual(at(20));
    // Created in a callback, with no user code on its stack: placed where its parent was declared.
    expect(locationOf(sarif, urn("test:index:StorageKit$test:index:Bucket", "kit-logs"))).toEqual(at(20));
  });

  it("reports a remote component as not analyzable offline in every format, with its type and URN", async () => {
    const cluster = urn("testremote:index:ManagedCluster", "cluster");
    const {
      sarif,
      json: report,
      table,
      markdown,
    } = await renderAll({
      projectDir: sources,
      policyPacks: [pack("palisade")],
    });
    const own = sarif.runs.find((r: any) => r.tool.driver.name === "palisade preview");
    expect(own.results).toEqual([
      expect.objectContaining({
        ruleId: "not-analyzable-offline",
        level: "warning",
        message: {
          text: expect.stringContaining("testremote:index:ManagedCluster cluster is not analyzable offline"),
        },
      }),
    ]);
    expect(locationOf(sarif, cluster)).toEqual({
      artifactLocation: { uri: entry },
      region: { startLine: 21, startColumn: 1 },
    });

    expect(report.notAnalyzableOffline).toEqual([
      {
        urn: cluster,
        type: "testremote:index:ManagedCluster",
        name: "cluster",
        reason: expect.stringContaining("remote component"),
      },
    ]);
    expect(report.summary.incomplete).toBe(1);
    // Nothing visible was violated for these controls, but what is hidden might be: none passed.
    expect(report.summary.controls.passed).toBe(0);
    expect(
      report.controls
        .filter((c: { status: string }) => c.status === "incomplete")
        .map((c: { control: string }) => c.control),
    ).toEqual(["ctl-rotation", "ctl-admin-ports", "ctl-segmentation", "ctl-cluster"]);
    expect(report.resources.find((r: { name: string }) => r.name === "declared").source).toEqual({
      file: "index.ts",
      line: 19,
      column: 1,
    });

    expect(table).toContain("INCOMPLETE: 1 registration not analyzable offline");
    expect(table).toContain(`testremote:index:ManagedCluster ${cluster}`);
    expect(markdown).toContain("**Incomplete:** 1 registration is not analyzable offline");
    expect(markdown).toContain(`| testremote:index:ManagedCluster | ${cluster} |`);
    expect(markdown).toMatch(/\| ctl-rotation \| .* \| incomplete \|/);
  });

  it("points every result at the entry file when source positions are off", async () => {
    const sarif = await sarifOf(["--no-source-positions"]);
    expect(locationOf(sarif, urn("test:index:Bucket", "declared"))).toEqual({
      artifactLocation: { uri: entry },
    });
  });

  it("fails the run on --fail-on kinds that are present, and only on those", async () => {
    // Every policy advisory: no mandatory violation, so only --fail-on can fail the run.
    const base = [
      sources,
      "--policy-pack",
      pack("palisade"),
      "--policy-config",
      path.join(fixtures, "policy-config-advisory.json"),
    ];
    const [plain, incomplete, undetermined, both] = await Promise.all([
      palisade(base),
      palisade([...base, "--fail-on", "incomplete"]),
      palisade([...base, "--fail-on", "undetermined"]),
      palisade([...base, "--fail-on", "incomplete,advisory"]),
    ]);
    expect(plain.code).toBe(0);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toContain(
      "palisade: failed: 1 registration not analyzable offline (--fail-on incomplete)",
    );
    expect(undetermined.code).toBe(1);
    // The pack names two requirements it could not read in one message: one finding each.
    expect(undetermined.stderr).toContain("2 findings undetermined at preview (--fail-on undetermined)");
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(
      /not analyzable offline \(--fail-on incomplete\), \d+ advisory findings \(--fail-on advisory\)/,
    );
    // A program with nothing hidden and nothing undetermined passes the same gate.
    const clean = await palisade([
      program("controls"),
      "--policy-pack",
      pack("palisade"),
      "--policy-config",
      path.join(fixtures, "policy-config-advisory.json"),
      "--fail-on",
      "incomplete",
    ]);
    expect(clean.code).toBe(0);
  });

  it("refuses a --fail-on kind it does not know, naming the kinds it does", async () => {
    const run = await palisade([sources, "--fail-on", "incomplete,everything"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'everything' is not one of advisory, undetermined, incomplete");
  });
});

describe.concurrent("palisade preview: analysis while the program runs", () => {
  it("reports what sequential analysis reports, in its order, though the pack answers out of order", async () => {
    const args = [program("many"), "--config", "resourceCount=120", "--policy-pack", pack("shuffles")];
    const [together, oneByOne] = await Promise.all([
      json([...args, "--analyze-concurrency", "16"]),
      json([...args, "--analyze-concurrency", "1"]),
    ]);
    expect(together.report.diagnostics).toHaveLength(120 + 2 * 108);
    expect(together.report).toEqual(oneByOne.report);
    // Registration order: the resources' order in the report, each resource's findings together.
    const order = together.report.diagnostics
      .map((d: { urn: string }) => d.urn)
      .filter((urn: string, i: number, all: string[]) => all[i - 1] !== urn);
    expect(order).toEqual(together.report.resources.map((r: { urn: string }) => r.urn));
  });

  it("refuses a concurrency outside 1-64", async () => {
    const run = await palisade([program("basic"), "--analyze-concurrency", "0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--analyze-concurrency");
    expect(run.stderr).toContain("must be a whole number from 1 to 64");
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
    // In a first preview the provider computes nothing: the stack sees each resource's inputs.
    expect(stackBucket.properties).toEqual(bucket?.properties);
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

  it("starts the pack with a young generation large enough for its per-resource garbage", async () => {
    const started = (await record("preview")).find((c) => c.method === "process:execArgv");
    expect(started?.execArgv).toEqual(["--max-semi-space-size=32"]);
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

  it("a lookup with no fixture prints a stub of its result, read from the project's SDK, once", async () => {
    const run = await palisade([program("missing-lookup")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "Supply one with --invoke-fixtures <file.json>, filling in this stub of GetInstanceResult from @pulumi/aws 7.48.0:",
    );
    expect(run.stderr).toContain('\n{\n  "aws:rds/getInstance:getInstance": {\n    "address": "<string>",\n');
    expect(run.stderr).toContain('    "allocatedStorage": "<number>",\n');
    expect(run.stderr).toContain(
      '[{"args": {"dbInstanceIdentifier":"orders"}, "result": { ...the same fields... }}]',
    );
    // One message: the stack trace after it does not repeat it.
    expect(run.stderr.match(/has no answer for the provider lookup/g)).toHaveLength(1);
  });

  it("a pack that fails to start, with its stderr", async () => {
    const run = await palisade([program("basic"), "--policy-pack", pack("crash")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("failed to start (exited with code 3)");
    expect(run.stderr).toContain("cannot load its rules");
  });

  it("a pack that prints no port within the timeout", async () => {
    // The 1 s deadline is the one applied (not the 60 s default); the test timeout catches a hang. No
    // wall-clock bound: on a loaded machine the program run alone can take longer than any fixed one.
    const run = await palisade([program("basic"), "--policy-pack", pack("no-port"), "--pack-timeout", "1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("printed no port within 1 s");
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

  it("one policy config for several packs: each entry names a policy of some pack, or the run is refused", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-"));
    const packs = ["--policy-pack", pack("basic"), "--policy-pack", pack("shuffles")];
    const shared = path.join(dir, "shared.json");
    writeFileSync(
      shared,
      JSON.stringify({ "bucket-not-public": "advisory", "reports-every-resource": "advisory" }),
    );
    const ok = await palisade([program("basic"), ...packs, "--policy-config", shared]);
    expect(ok.stderr).not.toContain("not a policy");
    const typo = path.join(dir, "typo.json");
    writeFileSync(typo, JSON.stringify({ "bucket-not-public": "advisory", "no-such-policy": "advisory" }));
    const run = await palisade([program("basic"), ...packs, "--policy-config", typo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"no-such-policy", which is not a policy of test-basic or test-shuffles');
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

  it("refuses a stack file whose config is a list, naming the file", async () => {
    const run = await palisade([program("project-config"), "--stack", "listed"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Pulumi.listed.yaml");
    expect(run.stderr).toContain('"config" must be a mapping of keys to values, not a list');
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

  it("writes into a pipe or device as it is, never removing it (as /dev/null must not be)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-"));
    const fifo = path.join(dir, "report.fifo");
    execFileSync("mkfifo", [fifo]);
    // Opening a FIFO for reading waits for the writer: read while the preview runs.
    const read = new Promise<string>((resolve, reject) => {
      let text = "";
      createReadStream(fifo)
        .on("data", (c) => (text += c.toString()))
        .on("end", () => resolve(text))
        .on("error", reject);
    });
    const run = await palisade([program("basic"), "--format", "json", "--output", fifo]);
    expect(run.code).toBe(0);
    expect(JSON.parse(await read).summary.resources).toBe(2);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("follows a symbolic link at --output, so the report lands where it points", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "palisade-"));
    const real = path.join(dir, "real.json");
    const link = path.join(dir, "link.json");
    writeFileSync(real, "old");
    symlinkSync(real, link);
    const run = await palisade([program("basic"), "--format", "json", "--output", link]);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8")).summary.resources).toBe(2);
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

describe.concurrent("palisade preview: a large report on a pipe", () => {
  it("writes the whole report before exiting, however large", async () => {
    const { code, stdout, report } = await json([program("many"), "--config", "resourceCount=1500"]);
    expect(code).toBe(0);
    // Well past a pipe's buffer (64-128 KiB), where an early exit used to cut the JSON short.
    expect(stdout.length).toBeGreaterThan(300_000);
    expect(report.summary.resources).toBe(1500);
  });
});
