/**
 * The examples' `gdpr` stacks end to end: `palisade preview --stack gdpr` runs each example with the HIPAA
 * and GDPR packs together (the real pack processes, the real Analyzer protocol, one policy config for
 * both). Each compliant stack has no mandatory violation and nothing undetermined. A mutated copy of each
 * adds the insecure variants GDPR is about (a store outside the EU, a replica or backup copy outside it,
 * a store or log with no expiry, a public path, a missing customer key), each otherwise compliant, and
 * each is caught with exactly the named requirement's id on its own resources. Needs `pnpm build` (done
 * by `pnpm test`).
 */
import * as path from "node:path";
import { beforeAll, describe, it } from "vitest";
import {
  expectCompliantExample,
  expectEachMutantCaught,
  mutantsOf,
  previewWithPacks,
  writeMutatedExample,
} from "./preview-example";

const root = path.resolve(__dirname, "..");

interface GdprExample {
  name: string;
  counts: { resources: number; exempted: number };
  imports: string[];
  mutants: Record<string, (n: string) => string>;
}

const AWS_KEY = `"arn:aws:kms:eu-west-1:123456789012:key/mutant"`;
const GCP_KEY = `"projects/p/locations/europe-west4/keyRings/r/cryptoKeys/mutant"`;
const RG = `resourceGroupName: "rg"`;

const EXAMPLES: GdprExample[] = [
  {
    name: "aws-hipaa-inference",
    counts: { resources: 157, exempted: 12 },
    imports: [
      `import { Queue } from "@pulumi/aws/sqs";`,
      `import { Plan } from "@pulumi/aws/backup";`,
      `import { LogGroup } from "@pulumi/aws/cloudwatch";`,
      `import { Subnet } from "@pulumi/aws/ec2";`,
      `import { Detector } from "@pulumi/aws/guardduty";`,
      `import { Account } from "@pulumi/aws/securityhub";`,
    ],
    mutants: {
      // A queue in the US, in a stack whose provider is in eu-west-1, with the detection a region in use
      // needs (so only residency is broken).
      "aws-residency-resource-region/region-allowed": (n) =>
        `new Queue("${n}", { region: "us-east-1", kmsMasterKeyId: ${AWS_KEY} });` +
        ` new Detector("${n}-detector", { region: "us-east-1" }); new Account("${n}-hub", { region: "us-east-1" });`,
      "aws-backup-plan-copy-region/copy-region-allowed": (n) =>
        `new Plan("${n}", { rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", copyActions: [{ destinationVaultArn: "arn:aws:backup:us-east-1:123456789012:backup-vault:dr" }] }] });`,
      // Kept forever: HIPAA's minimum is met, GDPR's storage limitation is not.
      "aws-cloudwatch-log-group-retention-limited/retention-limited": (n) =>
        `new LogGroup("${n}", { kmsKeyId: ${AWS_KEY}, retentionInDays: 0 });`,
      "aws-ec2-subnet-no-public-ip/no-auto-public-ip": (n) =>
        `new Subnet("${n}", { vpcId: "vpc-1", cidrBlock: "10.98.0.0/24", mapPublicIpOnLaunch: true });`,
      "aws-sqs-queue-encrypted/customer-key": (n) => `new Queue("${n}", {});`,
    },
  },
  {
    name: "azure-confidential-analytics",
    counts: { resources: 108, exempted: 4 },
    imports: [
      `import { ResourceGroup } from "@pulumi/azure-native/resources";`,
      `import { BackupVault } from "@pulumi/azure-native/dataprotection";`,
      `import { Workspace } from "@pulumi/azure-native/operationalinsights";`,
      `import { Vault } from "@pulumi/azure-native/keyvault";`,
      `import { DiagnosticSetting } from "@pulumi/azure-native/monitor";`,
      `import { Disk } from "@pulumi/azure-native/compute";`,
    ],
    mutants: {
      "azure-residency-resource-location/allowed-region": (n) =>
        `new ResourceGroup("${n}", { location: "eastus" });`,
      "azure-dataprotection-backup-vault-copy-regions/replicated-regions": (n) =>
        `new BackupVault("${n}", { ${RG}, location: "westeurope", identity: { type: "SystemAssigned" }, properties: { storageSettings: [{ datastoreType: "VaultStore", type: "LocallyRedundant" }], replicatedRegions: ["eastus"] } });`,
      "azure-operationalinsights-log-max-retention/workspace-retention": (n) =>
        `new Workspace("${n}", { ${RG}, location: "westeurope", sku: { name: "PerGB2018" }, retentionInDays: 3000 });`,
      "azure-keyvault-vault-protected/public-network-denied": (n) =>
        `const v = new Vault("${n}", { ${RG}, location: "westeurope", properties: { tenantId: "t", sku: { family: "A", name: "premium" }, enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true, publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } } });` +
        ` new DiagnosticSetting("${n}-diag", { resourceUri: v.id, workspaceId: "w", logs: [{ categoryGroup: "audit", enabled: true }] });`,
      "azure-compute-disk-encrypted/customer-key": (n) =>
        `new Disk("${n}", { ${RG}, location: "westeurope", creationData: { createOption: "Empty" }, diskSizeGB: 64, encryption: { type: "EncryptionAtRestWithPlatformKey" }, networkAccessPolicy: "DenyAll" });`,
    },
  },
  {
    name: "gcp-confidential-inference",
    counts: { resources: 85, exempted: 4 },
    imports: [
      `import { KeyRing } from "@pulumi/gcp/kms";`,
      `import { Topic } from "@pulumi/gcp/pubsub";`,
      `import { Dataset } from "@pulumi/gcp/bigquery";`,
      `import { Service as RunService } from "@pulumi/gcp/cloudrunv2";`,
      `import { Disk } from "@pulumi/gcp/compute";`,
    ],
    mutants: {
      "gcp-residency-resource-location/allowed-location": (n) =>
        `new KeyRing("${n}", { location: "us-central1" });`,
      "gcp-pubsub-topic-message-storage/persistence-regions": (n) =>
        `new Topic("${n}", { kmsKeyName: ${GCP_KEY}, messageStoragePolicy: { allowedPersistenceRegions: ["us-central1"], enforceInTransit: true } });`,
      // No default expiry: its tables are kept forever.
      "gcp-bigquery-dataset-expiry/table-expiry": (n) =>
        `new Dataset("${n}", { datasetId: "d", location: "europe-west4", defaultEncryptionConfiguration: { kmsKeyName: ${GCP_KEY} } });`,
      "gcp-cloudrun-service-private/internal-ingress": (n) =>
        `new RunService("${n}", { location: "europe-west4", ingress: "INGRESS_TRAFFIC_ALL", template: { encryptionKey: ${GCP_KEY}, containers: [{ image: "i" }] } });`,
      "gcp-compute-disk-cmek/customer-key": (n) => `new Disk("${n}", { zone: "europe-west4-a", size: 10 });`,
    },
  },
];

// Two previews of 100-160 resources with two packs each; on a shared 2-core machine one can take a minute.
const PREVIEW_TIMEOUT = 300_000;

describe.each(EXAMPLES)("palisade preview examples/$name --stack gdpr, HIPAA and GDPR packs", (ex) => {
  const example = path.join(root, "examples", ex.name);
  const mutantDir = path.join(example, ".mutants", "gdpr");
  const mutants = mutantsOf(ex.mutants);
  const preview = (dir: string) =>
    previewWithPacks(dir, ["hipaa", "gdpr"], path.join(example, "policy-config.json"), ["--stack", "gdpr"]);

  beforeAll(() => {
    writeMutatedExample(example, mutantDir, ex.imports, mutants, (source) =>
      // The copy sits two directories deeper than the example.
      source.replace(/from "\.\//g, 'from "../../'),
    );
  });

  it(
    "reports no mandatory violation and nothing undetermined",
    async () => {
      expectCompliantExample(await preview(example), ex.counts);
    },
    PREVIEW_TIMEOUT,
  );

  it(
    "catches each GDPR mutant with exactly that requirement's id",
    async () => {
      expectEachMutantCaught(await preview(mutantDir), mutants);
    },
    PREVIEW_TIMEOUT,
  );
});
