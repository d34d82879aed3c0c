/**
 * The FINRA pack end to end. `palisade preview` runs examples/aws-finra-records with the FINRA pack (the
 * real pack process, the real Analyzer protocol): the records platform has no mandatory violation and
 * nothing undetermined. A mutated copy adds seven more RecordsStores, each with one child changed the way
 * a careless edit or a hostile one would (governance mode, one year of retention, versioning off, no data
 * events, an unprotected records bucket, a replica that is not WORM, an unlocked backup vault), and each
 * is caught with the named requirement's id on its own resources (and nothing else, but what it rightly
 * breaks too, listed in ALSO). Then the three packs together
 * preview every example without a tool error. Needs `pnpm build` (done by `pnpm test`).
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  caughtBy,
  expectCompliantExample,
  mutantsOf,
  previewWithPacks,
  resourceOf,
  writeMutatedExample,
} from "./preview-example";

const root = path.resolve(__dirname, "..");
const example = path.join(root, "examples", "aws-finra-records");
const policyConfig = path.join(example, "policy-config.json");

/** A compliant RecordsStore named `n` whose child `child` gets `change` applied to its inputs or options. */
const storeWith = (n: string, child: string, change: string) =>
  `new RecordsStore("${n}", { baseline: finra, compliance: records, replicaRegion: "us-west-2", acknowledgeIrreversibleLock: true }, ` +
  `{ transformations: [(a) => (a.name === "${n}-${child}" ? ${change} : undefined)] });`;
const props = (p: string) => `{ props: { ...a.props, ${p} }, opts: a.opts }`;

const MUTANTS = {
  "aws-s3-bucket-records-worm/compliance-mode": (n: string) =>
    storeWith(
      n,
      "records-object-lock",
      props(`rule: { defaultRetention: { mode: "GOVERNANCE", days: 2192 } }`),
    ),
  "aws-s3-bucket-records-worm/retention": (n: string) =>
    storeWith(
      n,
      "records-object-lock",
      props(`rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } }`),
    ),
  "aws-s3-bucket-records-worm/versioning": (n: string) =>
    storeWith(n, "records-versioning", props(`versioningConfiguration: { status: "Suspended" }`)),
  "aws-s3-bucket-records-data-events/data-events": (n: string) =>
    storeWith(
      n,
      "trail-trail",
      props(`eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }]`),
    ),
  "aws-s3-bucket-records-protected/protect": (n: string) =>
    storeWith(n, "records-bucket", `{ props: a.props, opts: { ...a.opts, protect: false } }`),
  // The replica is no longer WORM and no longer tagged as records, so only the source's copy is judged.
  "aws-s3-bucket-records-replica/replica-worm": (n: string) =>
    `new RecordsStore("${n}", { baseline: finra, compliance: records, replicaRegion: "us-west-2", acknowledgeIrreversibleLock: true }, ` +
    `{ transformations: [(a) => a.name === "${n}-replica-object-lock" ? ${props(`rule: { defaultRetention: { mode: "GOVERNANCE", days: 2192 } }`)}` +
    ` : a.name === "${n}-replica-bucket" ? ${props(`tags: { ...a.props.tags, "data-classification": "confidential" }`)} : undefined] });`,
  "aws-backup-vault-records-lock/compliance-lock": (n: string) =>
    storeWith(n, "vault-lock", props(`changeableForDays: undefined`)),
};

/**
 * What else a mutant rightly breaks: without data events nothing records the buckets' object access, which
 * the activity audit trail's access-logging requirement asks for too.
 */
const ALSO: Record<string, string[]> = {
  "aws-s3-bucket-records-data-events/data-events": ["aws-s3-bucket-access-logged/access-logging"],
};

// A preview of 50 resources, and one of 400, with one pack each; on a shared 2-core machine one can take a minute.
const PREVIEW_TIMEOUT = 300_000;

describe("palisade preview examples/aws-finra-records, FINRA pack", () => {
  const mutantDir = path.join(example, ".mutants", "finra");
  const mutants = mutantsOf(MUTANTS);
  const preview = (dir: string) => previewWithPacks(dir, ["finra"], policyConfig);

  beforeAll(() => {
    writeMutatedExample(example, mutantDir, [], mutants, (source) =>
      source.replace(/from "\.\//g, 'from "../../'),
    );
  });

  it(
    "reports no mandatory violation and nothing undetermined",
    async () => {
      expectCompliantExample(await preview(example), { resources: 52, exempted: 2 });
    },
    PREVIEW_TIMEOUT,
  );

  it(
    "catches each FINRA mutant with exactly that requirement's id",
    async () => {
      const run = await preview(mutantDir);
      expect(run.code).toBe(1);
      const caught = Object.fromEntries(
        Object.entries(caughtBy(run.report, mutants)).map(([k, v]) => [k, [...v].sort()]),
      );
      expect(caught).toEqual(
        Object.fromEntries(
          mutants.map((m) => [m.requirement, [m.requirement, ...(ALSO[m.requirement] ?? [])].sort()]),
        ),
      );
      expect(run.report.diagnostics.filter((d) => d.status === "undetermined")).toEqual([]);
      const violations = run.report.diagnostics.filter((d) => d.status === "violation");
      expect(violations.every((d) => resourceOf(d.urn).startsWith("mutant-"))).toBe(true);
    },
    PREVIEW_TIMEOUT,
  );
});

describe.each([
  { name: "aws-finra-records", resources: 52 },
  { name: "aws-hipaa-inference", resources: 154 },
  { name: "azure-confidential-analytics", resources: 103 },
  { name: "gcp-confidential-inference", resources: 85 },
])("palisade preview examples/$name with the HIPAA, GDPR and FINRA packs together", ({ name, resources }) => {
  it(
    "runs all three packs over every resource without a tool error",
    async () => {
      const dir = path.join(root, "examples", name);
      const run = await previewWithPacks(
        dir,
        ["hipaa", "gdpr", "finra"],
        path.join(dir, "policy-config.json"),
      );
      // Findings are not tool errors: the only thing on stderr may be the verdict line.
      expect(run.stderr).toMatch(/^(palisade: failed: \d+ mandatory violations?\n)?$/);
      // 0: compliant, 1: violations found; a tool error (a pack that failed to start or answer) is 2 or more.
      expect([0, 1]).toContain(run.code);
      expect(run.report.summary.resources).toBe(resources);
      // Every pack answered, with every one of its policies.
      const packs = (run.report as unknown as { policyPacks: { name: string; policies: unknown[] }[] })
        .policyPacks;
      expect(packs.map((p) => p.name)).toEqual(["palisade-hipaa", "palisade-gdpr", "palisade-finra"]);
      for (const pack of packs) expect(pack.policies.length, pack.name).toBeGreaterThan(20);
    },
    PREVIEW_TIMEOUT,
  );
});
