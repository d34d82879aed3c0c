/**
 * Inputs a new user or a hostile tester would try against the GCP components. Each case must end in one
 * PalisadeValidationError naming the argument, with nothing registered: no partial graph, no raw
 * TypeError, nothing unsafe accepted.
 */
import * as pulumi from "@pulumi/pulumi";
import { gdpr, PalisadeValidationError } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { COMPONENT_CASES, gcpStack } from "./test-support";

type Case = keyof typeof COMPONENT_CASES;

/** Builds `component` with its valid args overridden by `change`, and returns the error. */
async function rejected(component: Case, name: unknown, change: Record<string, unknown> | undefined | null) {
  const stack = await gcpStack();
  const args =
    change === undefined || change === null ? change : { ...COMPONENT_CASES[component].args, ...change };
  let thrown: unknown;
  try {
    COMPONENT_CASES[component].build(name as string, args);
  } catch (e) {
    thrown = e;
  }
  await stack.settle();
  expect(thrown, `expected ${component} ${JSON.stringify(name)} to be rejected`).toBeInstanceOf(
    PalisadeValidationError,
  );
  expect(stack.registrations.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  return thrown as PalisadeValidationError;
}

const paths = (error: PalisadeValidationError) => error.problems.map((p) => p.path);

const TABLE: Record<Case, [string, Record<string, unknown> | null, string][]> = {
  EncryptionKey: [
    ["args null", null, "args"],
    ["rotation as a string", { rotationPeriodDays: "90" }, "rotationPeriodDays"],
    ["rotation as an Output", { rotationPeriodDays: pulumi.output(90) }, "rotationPeriodDays"],
    ["rotation NaN", { rotationPeriodDays: Number.NaN }, "rotationPeriodDays"],
    [
      "rotation above the baseline",
      { rotationPeriodDays: 366, baseline: gdpr, region: "europe-west4" },
      "rotationPeriodDays",
    ],
    ["EXTERNAL protection", { protectionLevel: "EXTERNAL" }, "protectionLevel"],
    ["a zero recovery window", { destroyScheduledDays: 0 }, "destroyScheduledDays"],
    ["a typo", { retainOnDelte: false }, "retainOnDelte"],
    ["a zone as region", { region: "us-central1-a" }, "region"],
    ["a multi-region", { region: "EU" }, "region"],
    ["a US region under GDPR", { baseline: gdpr, region: "us-central1" }, "region"],
    ["a project number as project", { project: "123456789012" }, "project"],
    ["an uppercase label key", { labels: { Owner: "x" } }, 'labels["Owner"]'],
    ["a label value with spaces", { labels: { owner: "ml platform" } }, 'labels["owner"]'],
    ["__proto__ as labels", { labels: JSON.parse('{"__proto__": 1}') }, "labels.__proto__"],
    ["a baseline from YAML", { baseline: { frameworks: ["hipaa"] } }, "baseline.allowedRegions"],
    [
      "compliance with an unknown framework",
      { compliance: { frameworks: ["sox"], dataClassification: "phi", owner: "a" } },
      "compliance.frameworks[0]",
    ],
    ["dataProtection as an Output", { dataProtection: pulumi.output({}) }, "dataProtection"],
  ],
  EncryptedBucket: [
    ["args null", null, "args"],
    ["lifecycle rules as an object", { lifecycleRules: {} }, "lifecycleRules"],
    ["a null lifecycle rule", { lifecycleRules: [null] }, "lifecycleRules[0]"],
    [
      "an empty prefix",
      { lifecycleRules: [{ deleteAfterDays: 30, prefixes: [""] }] },
      "lifecycleRules[0].prefixes[0]",
    ],
    ["a negative age", { lifecycleRules: [{ deleteAfterDays: -1 }] }, "lifecycleRules[0].deleteAfterDays"],
    [
      "a lock without acknowledgement",
      { retentionPolicy: { retentionDays: 10, lock: true } },
      "retentionPolicy.lock",
    ],
    [
      "a lock acknowledged as a string",
      { retentionPolicy: { retentionDays: 10, lock: true }, acknowledgeIrreversibleLock: "yes" },
      "acknowledgeIrreversibleLock",
    ],
    ["retention as an Output", { retentionPolicy: pulumi.output({ retentionDays: 10 }) }, "retentionPolicy"],
    ["a 101-year retention", { retentionPolicy: { retentionDays: 36_501 } }, "retentionPolicy.retentionDays"],
    ["a bucket name with google", { bucketName: "my-google-phi" }, "bucketName"],
    ["a dotted bucket name", { bucketName: "phi.example.com" }, "bucketName"],
    ["a public member as the agent", { storageServiceAgent: "allUsers" }, "storageServiceAgent"],
    ["a project id as number", { projectNumber: "phi-prod-123" }, "projectNumber"],
    ["soft delete off", { softDeleteDays: 0 }, "softDeleteDays"],
    ["a key id as a number", { kmsKeyId: 42 }, "kmsKeyId"],
    [
      "a key in another region",
      { kmsKeyId: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" },
      "kmsKeyId",
    ],
    ["a key ring id as key id", { kmsKeyId: "projects/p/locations/us-central1/keyRings/r" }, "kmsKeyId"],
    ["access logging as a string", { accessLogging: "logs" }, "accessLogging"],
  ],
  AuditLogging: [
    ["args null", null, "args"],
    ["a lock without acknowledgement", { lock: true }, "lock"],
    ["retention too short", { retentionDays: 0 }, "retentionDays"],
    ["retention beyond Cloud Logging's", { retentionDays: 4000 }, "retentionDays"],
    ["an empty filter", { filter: "" }, "filter"],
    ["a reserved log bucket id", { logBucketId: "_Required" }, "logBucketId"],
    ["a log bucket id too long", { logBucketId: "b".repeat(101) }, "logBucketId"],
    ["a public member as the agent", { loggingServiceAgent: "allUsers" }, "loggingServiceAgent"],
    ["no project number", { projectNumber: undefined }, "projectNumber"],
    ["a filter as an Output", { filter: pulumi.output("x") }, "filter"],
    [
      "a global key for a regional log bucket",
      { kmsKeyId: "projects/p/locations/global/keyRings/r/cryptoKeys/k" },
      "kmsKeyId",
    ],
  ],
  ConfidentialVm: [
    ["args null", null, "args"],
    ["no image", { image: undefined }, "image"],
    ["no subnetwork", { subnetwork: undefined }, "subnetwork"],
    ["an unknown technology", { technology: "SGX" }, "technology"],
    ["TDX on an AMD machine type", { machineType: "n2d-standard-4" }, "machineType"],
    ["a machine type as an Output", { machineType: pulumi.output("c3-standard-4") }, "machineType"],
    ["a zone as a full name", { zone: "us-central1-a" }, "zone"],
    ["a zone Google does not list for TDX", { zone: "f" }, "zone"],
    ["the H100 shape on demand", { machineType: "a3-highgpu-1g" }, "provisioningModel"],
    ["Flex-start (not offered yet)", { provisioningModel: "FLEX_START" }, "provisioningModel"],
    ["serial port back on", { metadata: { "serial-port-enable": "TRUE" } }, "metadata.serial-port-enable"],
    ["a boot disk of 0 GB", { bootDiskSizeGb: 0 }, "bootDiskSizeGb"],
    ["a data disk without a size", { dataDisks: [{ name: "data" }] }, "dataDisks[0].sizeGb"],
    ["a public member as the agent", { computeServiceAgent: "allUsers" }, "computeServiceAgent"],
    ["no project number", { projectNumber: undefined }, "projectNumber"],
    ["an uppercase network tag", { networkTags: ["DB"] }, "networkTags[0]"],
  ],
  SegmentedNetwork: [
    ["args null", null, "args"],
    ["no cidr", { cidr: undefined }, "cidr"],
    ["a public cidr", { cidr: "8.8.0.0/16" }, "cidr"],
    ["a cidr as an Output", { cidr: pulumi.output("10.0.0.0/16") }, "cidr"],
    ["a tier too small for GCP", { tiers: [{ name: "app", prefixLength: 30 }] }, "tiers[0].prefixLength"],
    ["secondary ranges without a block", { secondaryCidr: undefined }, "secondaryCidr"],
    ["a secondary block inside the primary", { secondaryCidr: "10.20.0.0/16" }, "secondaryCidr"],
    ["a PSC name with a dash", { pscEndpointName: "google-apis" }, "pscEndpointName"],
    [
      "an ingress allow from anywhere",
      { allows: [{ name: "ssh", direction: "INGRESS", protocol: "tcp", ports: ["22"] }] },
      "allows[0]",
    ],
    [
      "the internet as two halves",
      {
        allows: [
          { name: "web", direction: "INGRESS", protocol: "tcp", sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] },
        ],
      },
      "allows[0].sourceRanges",
    ],
    [
      "an allow to a tier that does not exist",
      { allows: [{ name: "x", direction: "EGRESS", protocol: "tcp", destinationTiers: ["web"] }] },
      "allows[0].destinationTiers[0]",
    ],
  ],
  ZeroTrustGkeCluster: [
    ["args null", null, "args"],
    ["no network", { network: undefined }, "network"],
    ["no control plane range", { masterCidr: undefined }, "masterCidr"],
    ["a control plane range that is not a /28", { masterCidr: "172.16.0.0/27" }, "masterCidr"],
    [
      "the internet as an authorized network",
      { authorizedNetworks: [{ name: "all", cidr: "0::/0" }] },
      "authorizedNetworks",
    ],
    [
      "TDX nodes on a machine type without TDX",
      { nodePools: [{ name: "gpu", machineType: "a2-highgpu-1g" }] },
      "nodePools[0].machineType",
    ],
    [
      "an unknown confidential technology",
      { nodePools: [{ name: "x", confidential: "SGX" }] },
      "nodePools[0].confidential",
    ],
    ["a release channel GKE lacks", { releaseChannel: "NIGHTLY" }, "releaseChannel"],
    ["a public member as the GKE agent", { gkeServiceAgent: "allUsers" }, "gkeServiceAgent"],
  ],
};

describe.each(Object.keys(TABLE) as Case[])("%s", (component) => {
  it.each(TABLE[component])("rejects %s, naming %s", async (_label, change, path) => {
    const error = await rejected(component, "comp", change);
    expect(paths(error)).toContain(path);
  });

  it.each([
    ["an empty name", "", "name"],
    ["a name as a number", 7, "name"],
  ])("rejects %s", async (_label, name, path) => {
    expect(paths(await rejected(component, name, {}))).toContain(path);
  });
});

describe("a child's stricter name rule is checked in the parent, before anything is registered", () => {
  it.each([
    ["EncryptionKey", "phi.data", /Cloud KMS key ring id \(here "phi\.data-ring-0000000"\)/],
    ["EncryptionKey", "x".repeat(60), /Cloud KMS key ring id/],
    ["EncryptedBucket", "PHI", /Cloud Storage bucket name \(here "PHI-bucket-0000000"\)/],
    ["EncryptedBucket", "google-phi", /Cloud Storage bucket name/],
    ["EncryptedBucket", "données", /Cloud Storage bucket name/],
    ["EncryptedBucket", "x".repeat(50), /Cloud Storage bucket name/],
    ["AuditLogging", "audit prod", /Cloud Logging sink name/],
    ["AuditLogging", "_audit", /Cloud Logging sink name/],
    ["ConfidentialVm", "ab", /service account id \(here "ab-vm"\)/],
    ["ConfidentialVm", "x".repeat(28), /service account id/],
    ["SegmentedNetwork", "Net", /VPC network name/],
    ["ZeroTrustGkeCluster", "x".repeat(26), /service account id/],
  ] as [Case, string, RegExp][])("%s %j", async (component, name, rule) => {
    const error = await rejected(component, name, {});
    expect(paths(error)).toEqual(["name"]);
    expect(error.message).toMatch(rule);
  });
});

it("reports every problem at once, shapes and rules together", async () => {
  const error = await rejected("EncryptedBucket", "PHI", {
    softDeleteDays: "many",
    retentionPolicy: { retentionDays: 10, lock: true },
    region: "mars-north1-z",
  });
  expect(paths(error)).toEqual(
    expect.arrayContaining(["softDeleteDays", "retentionPolicy.lock", "region", "name"]),
  );
});
