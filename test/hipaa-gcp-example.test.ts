/**
 * The GCP example end to end: `palisade preview` runs examples/gcp-confidential-inference with the HIPAA
 * pack (the real pack process, the real Analyzer protocol). The compliant example has no mandatory
 * violation and nothing undetermined; a mutated copy, with one insecure variant per GCP requirement the
 * example's resources fall under, is caught with exactly that requirement's id on that variant's
 * resources. Needs `pnpm build` (done by `pnpm test`).
 */
import * as path from "node:path";
import { beforeAll, describe, it } from "vitest";
import {
  expectCompliantExample,
  expectEachMutantCaught,
  mutantsOf,
  previewWithHipaa,
  writeMutatedExample,
} from "./preview-example";

const root = path.resolve(__dirname, "..");
const example = path.join(root, "examples", "gcp-confidential-inference");
const mutant = path.join(example, ".mutants", "insecure");

const preview = (dir: string, extra: string[] = []) =>
  previewWithHipaa(dir, path.join(example, "policy-config.json"), extra);

const KEY = `"projects/p/locations/europe-west4/keyRings/r/cryptoKeys/mutant"`;
const bucket = (n: string, override: string) =>
  `new Bucket("${n}", { location: "EUROPE-WEST4", encryption: { defaultKmsKeyName: ${KEY} }, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", versioning: { enabled: true }, ${override} });`;
const key = (n: string, override: string) =>
  `new CryptoKey("${n}", { keyRing: "projects/p/locations/europe-west4/keyRings/r", rotationPeriod: "7776000s", ${override} });`;
const subnet = (n: string, override: string) =>
  `new Subnetwork("${n}", { network: "n", region: "europe-west4", ipCidrRange: "10.99.0.0/24", logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" }, ${override} });`;
const logBucket = (n: string, override: string) =>
  `new ProjectBucketConfig("${n}", { project: "p", location: "europe-west4", bucketId: "${n}", retentionDays: 2192, cmekSettings: { kmsKeyName: ${KEY} }, ${override} });`;

const vm = (n: string, override: string) =>
  `new Instance("${n}", { machineType: "c3-standard-4", zone: "europe-west4-a", bootDisk: { kmsKeySelfLink: ${KEY}, initializeParams: { image: "i" } }, networkInterfaces: [{ subnetwork: "s" }], shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }, metadata: { "enable-oslogin": "TRUE" }, ${override} });`;
const gke = (n: string, override: string) =>
  `new Cluster("${n}", { location: "europe-west4", privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: "172.16.1.0/28" }, databaseEncryption: { state: "ENCRYPTED", keyName: ${KEY} }, workloadIdentityConfig: { workloadPool: "p.svc.id.goog" }, datapathProvider: "ADVANCED_DATAPATH", removeDefaultNodePool: true, initialNodeCount: 1, ${override} });`;
const pool = (n: string, override: string) =>
  `new NodePool("${n}", { cluster: "c", location: "europe-west4", nodeConfig: { serviceAccount: "nodes@p.iam.gserviceaccount.com", oauthScopes: ["cloud-platform"], shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true }, ${override} } });`;

const sql = (n: string, override: string) =>
  `new DatabaseInstance("${n}", { databaseVersion: "POSTGRES_16", region: "europe-west4", encryptionKeyName: ${KEY}, deletionProtection: true, settings: { tier: "db-custom-2-7680", deletionProtectionEnabled: true, backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 7 } }, ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" } }, ${override} });`;

/** One insecure variant per GCP requirement the example is judged by, as program text given its name. */
const MUTANTS: Record<string, (n: string) => string> = {
  "gcp-storage-bucket-secure/customer-key": (n) => bucket(n, "encryption: undefined"),
  "gcp-storage-bucket-secure/uniform-access": (n) => bucket(n, "uniformBucketLevelAccess: false"),
  "gcp-storage-bucket-secure/public-access-prevention": (n) =>
    bucket(n, `publicAccessPrevention: "inherited"`),
  "gcp-storage-bucket-versioning/versioning": (n) => bucket(n, "versioning: { enabled: false }"),
  "gcp-kms-crypto-key-rotation/automatic-rotation": (n) => key(n, "rotationPeriod: undefined"),
  "gcp-kms-crypto-key-rotation/rotation-period": (n) => key(n, `rotationPeriod: "63072000s"`),
  "gcp-compute-firewall-admin-ports-closed/sensitive-ports-closed": (n) =>
    `new Firewall("${n}", { network: "n", direction: "INGRESS", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["22"] }] });`,
  "gcp-compute-subnetwork-flow-logs/flow-logs": (n) => subnet(n, "logConfig: undefined"),
  "gcp-compute-subnetwork-flow-logs/flow-sampling": (n) =>
    subnet(
      n,
      `logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0, metadata: "INCLUDE_ALL_METADATA" }`,
    ),
  "gcp-compute-network-custom-subnets/custom-mode": (n) =>
    `new Network("${n}", { autoCreateSubnetworks: true });`,
  "gcp-compute-disk-cmek/customer-key": (n) =>
    `new Disk("${n}", { zone: "europe-west4-a", size: 100, type: "pd-balanced" });`,
  "gcp-iam-audit-config-complete/all-log-types": (n) =>
    `new IAMAuditConfig("${n}", { project: "p", service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }] });`,
  "gcp-iam-audit-config-complete/no-exempted-members": (n) =>
    `new IAMAuditConfig("${n}", { project: "p", service: "storage.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["user:ops@example.com"] }] });`,
  "gcp-compute-instance-hardened/no-external-ip": (n) =>
    vm(n, `networkInterfaces: [{ subnetwork: "s", accessConfigs: [{}] }]`),
  "gcp-compute-instance-hardened/secure-boot": (n) =>
    vm(n, "shieldedInstanceConfig: { enableSecureBoot: false, enableIntegrityMonitoring: true }"),
  "gcp-compute-instance-hardened/integrity-monitoring": (n) =>
    vm(n, "shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false }"),
  "gcp-compute-instance-hardened/boot-disk-customer-key": (n) =>
    vm(n, `bootDisk: { initializeParams: { image: "i" } }`),
  "gcp-compute-instance-hardened/no-serial-port": (n) =>
    vm(n, `metadata: { "enable-oslogin": "TRUE", "serial-port-enable": "TRUE" }`),
  "gcp-compute-instance-hardened/no-project-ssh-keys": (n) => vm(n, "metadata: {}"),
  "gcp-container-cluster-hardened/private-control-plane": (n) =>
    gke(
      n,
      `privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: "172.16.1.0/28" }`,
    ),
  "gcp-container-cluster-hardened/secrets-encryption": (n) => gke(n, "databaseEncryption: undefined"),
  "gcp-container-cluster-hardened/no-legacy-abac": (n) => gke(n, "enableLegacyAbac: true"),
  "gcp-container-cluster-hardened/workload-identity": (n) => gke(n, "workloadIdentityConfig: undefined"),
  "gcp-container-cluster-hardened/shielded-nodes": (n) => gke(n, "enableShieldedNodes: false"),
  "gcp-container-cluster-hardened/network-policy": (n) => gke(n, "datapathProvider: undefined"),
  "gcp-container-nodes-hardened/no-broad-default-account": (n) => pool(n, "serviceAccount: undefined"),
  "gcp-container-nodes-hardened/secure-boot": (n) =>
    pool(n, "shieldedInstanceConfig: { enableSecureBoot: false, enableIntegrityMonitoring: true }"),
  "gcp-container-nodes-hardened/integrity-monitoring": (n) =>
    pool(n, "shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false }"),
  // The GCP controls the example has no resource of: one requirement each.
  "gcp-compute-ssl-policy-modern-tls/minimum-tls": (n) =>
    `new SSLPolicy("${n}", { profile: "MODERN", minTlsVersion: "TLS_1_0" });`,
  "gcp-redis-instance-auth/auth": (n) =>
    `new RedisInstance("${n}", { memorySizeGb: 1, region: "europe-west4", customerManagedKey: ${KEY}, transitEncryptionMode: "SERVER_AUTHENTICATION", authEnabled: false });`,
  "gcp-cloudrun-service-private/internal-ingress": (n) =>
    `new RunService("${n}", { location: "europe-west4", ingress: "INGRESS_TRAFFIC_ALL", template: { encryptionKey: ${KEY}, containers: [{ image: "i" }] } });`,
  "gcp-sql-instance-protected/deletion-protection": (n) => sql(n, "deletionProtection: false"),
  "gcp-logging-bucket-protected/customer-key": (n) => logBucket(n, "cmekSettings: undefined"),
  "gcp-logging-bucket-protected/retention": (n) => logBucket(n, "retentionDays: 30"),
};
const mutants = mutantsOf(MUTANTS);

// Two previews of 85-100 resources each; on a shared 2-core machine one can take a minute.
const PREVIEW_TIMEOUT = 240_000;

describe.concurrent(
  "palisade preview examples/gcp-confidential-inference --policy-pack policy-packs/hipaa",
  () => {
    beforeAll(() => {
      const imports = [
        `import { Bucket } from "@pulumi/gcp/storage";`,
        `import { CryptoKey } from "@pulumi/gcp/kms";`,
        `import { Disk, Firewall, Instance, Network, SSLPolicy, Subnetwork } from "@pulumi/gcp/compute";`,
        `import { Instance as RedisInstance } from "@pulumi/gcp/redis";`,
        `import { Service as RunService } from "@pulumi/gcp/cloudrunv2";`,
        `import { DatabaseInstance } from "@pulumi/gcp/sql";`,
        `import { Cluster, NodePool } from "@pulumi/gcp/container";`,
        `import { IAMAuditConfig } from "@pulumi/gcp/projects";`,
        `import { ProjectBucketConfig } from "@pulumi/gcp/logging";`,
      ];
      writeMutatedExample(example, mutant, imports, mutants);
    });

    it(
      "reports no mandatory violation and nothing undetermined; the runtime sensor's namespace shows as exempted",
      async () => {
        expectCompliantExample(await preview(example), { resources: 85, exempted: 2 });
      },
      PREVIEW_TIMEOUT,
    );

    it(
      "catches each GCP requirement's mutant with exactly that requirement's id",
      async () => {
        expectEachMutantCaught(await preview(mutant), mutants);
      },
      PREVIEW_TIMEOUT,
    );
  },
);
