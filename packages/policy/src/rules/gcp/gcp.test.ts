/**
 * GCP rules through the kit, as the policy server runs them: a compliant case, a violating case and a case
 * unknown at preview for every resource rule; stack rules through analyzeStack.
 */
import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
import { describeResourceCases, policy, type ResourceCase } from "../rule-cases.test-support";

const sqlInstance = {
  databaseVersion: "POSTGRES_16",
  encryptionKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
  settings: {
    tier: "db-custom-2-7680",
    deletionProtectionEnabled: true,
    backupConfiguration: {
      enabled: true,
      pointInTimeRecoveryEnabled: true,
      backupRetentionSettings: { retainedBackups: 14 },
      transactionLogRetentionDays: 7,
    },
    ipConfiguration: {
      ipv4Enabled: false,
      privateNetwork: "projects/p/global/networks/n",
      sslMode: "ENCRYPTED_ONLY",
    },
  },
};

const vm = {
  machineType: "c3-standard-4",
  bootDisk: {
    kmsKeySelfLink: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
    initializeParams: { image: "i" },
  },
  networkInterfaces: [{ subnetwork: "s" }],
  shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
  metadata: { "block-project-ssh-keys": "TRUE" },
};

const allLogTypes = [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }];

const gke = {
  privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
  databaseEncryption: { state: "ENCRYPTED", keyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
  workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
  datapathProvider: "ADVANCED_DATAPATH",
};

const resourceCases: ResourceCase[] = [
  {
    rule: "gcp-compute-firewall-admin-ports-closed",
    type: "gcp:compute/firewall:Firewall",
    compliant: { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] },
    violating: { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["20-25"] }] },
    // The network is created in the same preview; the rule needs only the ranges and ports.
    unknown: { network: UNKNOWN, sourceRanges: ["10.0.0.0/8"], allows: [{ protocol: "all" }] },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-storage-bucket-secure",
    type: "gcp:storage/bucket:Bucket",
    compliant: {
      encryption: { defaultKmsKeyName: "projects/p/keys/k" },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
    },
    violating: { uniformBucketLevelAccess: true, publicAccessPrevention: "inherited" },
    unknown: {
      encryption: { defaultKmsKeyName: UNKNOWN },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-kms-crypto-key-rotation",
    type: "gcp:kms/cryptoKey:CryptoKey",
    compliant: { rotationPeriod: "7776000s" },
    violating: { rotationPeriod: "63072000s" },
    unknown: { rotationPeriod: UNKNOWN },
    unknownVerdict: "undetermined",
  },
  {
    rule: "gcp-container-cluster-hardened",
    type: "gcp:container/cluster:Cluster",
    compliant: gke,
    violating: { ...gke, enableLegacyAbac: true, databaseEncryption: { state: "DECRYPTED" } },
    // The key, the pool's project and the network are created in the same preview: present is enough.
    unknown: {
      ...gke,
      network: UNKNOWN,
      databaseEncryption: { state: "ENCRYPTED", keyName: UNKNOWN },
      workloadIdentityConfig: { workloadPool: UNKNOWN },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-compute-subnetwork-flow-logs",
    type: "gcp:compute/subnetwork:Subnetwork",
    compliant: {
      network: "n",
      ipCidrRange: "10.0.0.0/24",
      logConfig: { flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" },
    },
    violating: { network: "n", ipCidrRange: "10.0.0.0/24" },
    // The network is created in the same preview.
    unknown: {
      network: UNKNOWN,
      ipCidrRange: "10.0.0.0/24",
      logConfig: { aggregationInterval: "INTERVAL_5_SEC" },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-compute-network-custom-subnets",
    type: "gcp:compute/network:Network",
    compliant: { autoCreateSubnetworks: false },
    // The provider's default is auto mode.
    violating: {},
    unknown: { autoCreateSubnetworks: false, project: UNKNOWN },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-sql-instance-protected",
    type: "gcp:sql/databaseInstance:DatabaseInstance",
    compliant: sqlInstance,
    violating: { ...sqlInstance, deletionProtection: false },
    // A key created in the same preview: present is enough; the retention decides, so it must be read.
    unknown: {
      ...sqlInstance,
      encryptionKeyName: UNKNOWN,
      settings: {
        ...sqlInstance.settings,
        backupConfiguration: {
          ...sqlInstance.settings.backupConfiguration,
          backupRetentionSettings: UNKNOWN,
        },
      },
    },
    unknownVerdict: "undetermined",
  },
  {
    rule: "gcp-sql-instance-private-tls",
    type: "gcp:sql/databaseInstance:DatabaseInstance",
    compliant: sqlInstance,
    violating: {
      ...sqlInstance,
      settings: { tier: "db-f1-micro", ipConfiguration: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } },
    },
    // The private network is created in the same preview.
    unknown: {
      ...sqlInstance,
      settings: {
        ...sqlInstance.settings,
        ipConfiguration: { ...sqlInstance.settings.ipConfiguration, privateNetwork: UNKNOWN },
      },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-compute-instance-hardened",
    type: "gcp:compute/instance:Instance",
    compliant: vm,
    violating: { ...vm, networkInterfaces: [{ subnetwork: "s", accessConfigs: [{}] }] },
    // The key and the subnet are created in the same preview; a startup value in metadata is not read.
    unknown: {
      ...vm,
      bootDisk: { kmsKeySelfLink: UNKNOWN },
      networkInterfaces: [{ subnetwork: UNKNOWN }],
      metadata: { "block-project-ssh-keys": "TRUE", "startup-script": UNKNOWN },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-storage-bucket-versioning",
    type: "gcp:storage/bucket:Bucket",
    compliant: { location: "US", versioning: { enabled: true } },
    violating: { location: "US", versioning: { enabled: false } },
    unknown: { location: "US", versioning: { enabled: true }, encryption: { defaultKmsKeyName: UNKNOWN } },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-logging-bucket-protected",
    type: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    compliant: {
      project: "p",
      location: "us",
      bucketId: "phi-audit",
      retentionDays: 2192,
      cmekSettings: { kmsKeyName: "k" },
    },
    // No retention means the service's 30 days.
    violating: { project: "p", location: "us", bucketId: "phi-audit", cmekSettings: { kmsKeyName: "k" } },
    // The key and the project are created in the same preview.
    unknown: {
      project: UNKNOWN,
      location: "us",
      bucketId: "phi-audit",
      retentionDays: 2192,
      cmekSettings: { kmsKeyName: UNKNOWN },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-iam-audit-config-complete",
    type: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    compliant: { project: "p", service: "allServices", auditLogConfigs: allLogTypes },
    violating: { project: "p", service: "allServices", auditLogConfigs: allLogTypes.slice(0, 2) },
    // The project is created in the same preview.
    unknown: { project: UNKNOWN, service: "allServices", auditLogConfigs: allLogTypes },
    unknownVerdict: "compliant",
  },
];

describeResourceCases(resourceCases);

describe("gcp-iam-audit-config-complete", () => {
  const run = (type: string, props: Record<string, unknown>) =>
    analyzeResource(policy("gcp-iam-audit-config-complete"), { type, name: "audit", props });

  it("rejects exempted members on any service, even one unknown at preview, at every level", async () => {
    const exempting = [{ logType: "DATA_READ", exemptedMembers: [UNKNOWN] }];
    for (const [type, scope] of [
      ["gcp:projects/iAMAuditConfig:IAMAuditConfig", { project: "p" }],
      ["gcp:folder/iamAuditConfig:IamAuditConfig", { folder: "folders/1" }],
      ["gcp:organizations/iamAuditConfig:IamAuditConfig", { orgId: "1" }],
    ] as const) {
      const result = await run(type, {
        ...scope,
        service: "storage.googleapis.com",
        auditLogConfigs: exempting,
      });
      expect(result.violations).toHaveLength(1);
      expect(result.violations[0]).toContain("DATA_READ must have no exemptedMembers");
    }
  });

  it("asks only allServices for every log type", async () => {
    const one = [{ logType: "DATA_WRITE" }];
    expect(
      (
        await run("gcp:projects/iAMAuditConfig:IAMAuditConfig", {
          service: "sqladmin.googleapis.com",
          auditLogConfigs: one,
        })
      ).violations,
    ).toEqual([]);
    expect(
      (
        await run("gcp:projects/iAMAuditConfig:IAMAuditConfig", {
          service: "allServices",
          auditLogConfigs: one,
        })
      ).violations[0],
    ).toContain("ADMIN_READ, DATA_READ");
  });
});

describe("gcp-logging-bucket-protected", () => {
  it("applies to folder, organization and billing-account log buckets too, with minRetentionDays from config", async () => {
    const props = {
      location: "global",
      bucketId: "b",
      retentionDays: 400,
      cmekSettings: { kmsKeyName: "k" },
    };
    for (const type of [
      "gcp:logging/folderBucketConfig:FolderBucketConfig",
      "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
      "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig",
    ]) {
      const run = (config?: Record<string, unknown>) =>
        analyzeResource(policy("gcp-logging-bucket-protected"), { type, name: "logs", props }, config);
      expect((await run()).violations[0]).toContain("retentionDays 400 is below 2192");
      expect((await run({ minRetentionDays: 365 })).violations).toEqual([]);
    }
  });
});

describe("gcp-compute-instance-hardened", () => {
  const run = (props: Record<string, unknown>) =>
    analyzeResource(policy("gcp-compute-instance-hardened"), {
      type: "gcp:compute/instance:Instance",
      name: "vm",
      props,
    });

  it("names each problem: IPv6 access, secure boot, boot-disk key, serial port, project SSH keys", async () => {
    const result = await run({
      machineType: "e2-small",
      bootDisk: { initializeParams: { image: "i" } },
      networkInterfaces: [{ subnetwork: "s", ipv6AccessConfigs: [{ networkTier: "PREMIUM" }] }],
      metadata: { "serial-port-enable": "TRUE" },
    });
    expect(result.violations).toHaveLength(5);
    for (const property of [
      "ipv6AccessConfigs",
      "enableSecureBoot",
      "bootDisk.kmsKeySelfLink",
      "serial-port-enable",
      "block-project-ssh-keys",
    ])
      expect(result.violations.some((v) => v.includes(property))).toBe(true);
  });

  it("takes OS Login instead of blocking project SSH keys", async () => {
    expect((await run({ ...vm, metadata: { "enable-oslogin": "TRUE" } })).violations).toEqual([]);
  });
});

describe("gcp-sql-instance-protected", () => {
  const run = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
    analyzeResource(
      policy("gcp-sql-instance-protected"),
      { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props },
      config,
    );
  const backup = (b: Record<string, unknown>) => ({
    ...sqlInstance,
    settings: {
      ...sqlInstance.settings,
      backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, ...b },
    },
  });

  it("measures retention against minBackupRetentionDays, the baseline's 7 days by default", async () => {
    expect((await run(backup({ backupRetentionSettings: { retainedBackups: 7 } }))).violations).toEqual([]);
    expect((await run(backup({ backupRetentionSettings: { retainedBackups: 3 } }))).violations[0]).toContain(
      "keeps 3 days",
    );
    // Absent settings are not assumed: the retention must be stated.
    expect((await run(backup({}))).violations[0]).toContain("keeps 0 days");
    expect(
      (
        await run(backup({ backupRetentionSettings: { retainedBackups: 14 } }), {
          minBackupRetentionDays: 30,
        })
      ).violations[0],
    ).toContain("below 30");
  });

  it("asks MySQL for binary logs and spares read replicas the backup checks", async () => {
    const mysql = {
      ...backup({ backupRetentionSettings: { retainedBackups: 7 } }),
      databaseVersion: "MYSQL_8_0",
    };
    expect((await run(mysql)).violations[0]).toContain("binaryLogEnabled");
    const replica = {
      ...sqlInstance,
      masterInstanceName: UNKNOWN,
      settings: { deletionProtectionEnabled: true },
    };
    expect(await run(replica)).toEqual({ violations: [], undetermined: [], exempted: [] });
  });
});

describe("gcp-compute-subnetwork-flow-logs", () => {
  const run = (props: Record<string, unknown>) =>
    analyzeResource(policy("gcp-compute-subnetwork-flow-logs"), {
      type: "gcp:compute/subnetwork:Subnetwork",
      name: "s",
      props: { network: "n", ...props },
    });

  it("skips proxy-only subnets, which cannot have flow logs, and rejects a zero sampling rate", async () => {
    expect((await run({ purpose: "REGIONAL_MANAGED_PROXY" })).violations).toEqual([]);
    expect((await run({ logConfig: { flowSampling: 0 } })).violations[0]).toContain("flowSampling 0");
  });
});

describe("gcp-container-cluster-hardened", () => {
  const run = (props: Record<string, unknown>) =>
    analyzeResource(policy("gcp-container-cluster-hardened"), {
      type: "gcp:container/cluster:Cluster",
      name: "gke",
      props,
    });
  const publicEndpoint = { ...gke, privateClusterConfig: { enablePrivateNodes: true } };
  const authorized = (cidrBlock: unknown) => ({
    ...publicEndpoint,
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock }] },
  });

  it("accepts a public endpoint only behind authorized networks that exclude the internet", async () => {
    expect((await run(publicEndpoint)).violations[0]).toContain("control plane is open");
    expect((await run(authorized("10.0.0.0/8"))).violations).toEqual([]);
    expect((await run(authorized("0.0.0.0/0"))).violations[0]).toContain("masterAuthorizedNetworksConfig");
    // A range from a subnet created in the same preview decides the question: undetermined until known.
    expect((await run(authorized(UNKNOWN))).undetermined).toHaveLength(1);
  });

  it("takes Dataplane V2 or a NetworkPolicy provider, and Autopilot for both Workload Identity and NetworkPolicy", async () => {
    const { datapathProvider: _, workloadIdentityConfig: __, ...bare } = gke;
    const calico = await run({ ...bare, networkPolicy: { enabled: true, provider: "CALICO" } });
    expect(calico.violations).toHaveLength(1);
    expect(calico.violations[0]).toContain("workloadIdentityConfig.workloadPool must be set");
    expect((await run({ ...bare, enableAutopilot: true })).violations).toEqual([]);
    expect((await run(bare)).violations).toHaveLength(2);
  });
});
