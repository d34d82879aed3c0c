import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ZeroTrustGkeCluster, type ZeroTrustGkeClusterArgs } from "./gke-cluster";
import { COMPONENT_CASES, gcpStack, PROJECT, PROJECT_NUMBER, REGION } from "./test-support";

const CLUSTER = "gcp:container/cluster:Cluster";
const POOL = "gcp:container/nodePool:NodePool";
const GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
const valid = COMPONENT_CASES.ZeroTrustGkeCluster.args as unknown as ZeroTrustGkeClusterArgs;

async function built(args: Partial<ZeroTrustGkeClusterArgs> = {}) {
  const stack = await gcpStack();
  const cluster = new ZeroTrustGkeCluster("ml", { ...valid, ...args });
  return { stack: await stack.settle(), cluster };
}

describe("ZeroTrustGkeCluster", () => {
  it("is a private, regional, VPC-native cluster reached only from authorized networks, never Google's public ranges", async () => {
    const { stack } = await built();
    expect(stack.one(CLUSTER).inputs).toMatchObject({
      project: PROJECT,
      location: REGION,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: true,
        masterIpv4CidrBlock: "172.16.0.0/28",
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: [{ displayName: "ops", cidrBlock: "10.20.64.0/24" }],
        gcpPublicCidrsAccessEnabled: false,
      },
    });
  });

  it("runs Dataplane V2, Workload Identity, Shielded nodes, Binary Authorization and a release channel, with no legacy access", async () => {
    const { stack } = await built();
    expect(stack.one(CLUSTER).inputs).toMatchObject({
      datapathProvider: "ADVANCED_DATAPATH",
      workloadIdentityConfig: { workloadPool: `${PROJECT}.svc.id.goog` },
      enableShieldedNodes: true,
      binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
      releaseChannel: { channel: "REGULAR" },
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
      removeDefaultNodePool: true,
      deletionProtection: true,
    });
  });

  it("encrypts secrets and node boot disks with its key, granted to the GKE and Compute Engine agents first", async () => {
    const { stack } = await built();
    const gke = stack.one(GRANT, "ml-gke-agent");
    const compute = stack.one(GRANT, "ml-compute-agent");
    expect(gke.inputs.member).toBe(
      `serviceAccount:service-${PROJECT_NUMBER}@container-engine-robot.iam.gserviceaccount.com`,
    );
    expect(compute.inputs.member).toBe(
      `serviceAccount:service-${PROJECT_NUMBER}@compute-system.iam.gserviceaccount.com`,
    );
    const cluster = stack.one(CLUSTER);
    expect(cluster.inputs.databaseEncryption).toEqual({ state: "ENCRYPTED", keyName: "ml-kms-key-id" });
    expect(cluster.dependsOn).toEqual(expect.arrayContaining([gke.urn, compute.urn]));
    const pool = stack.one(POOL);
    expect(pool.inputs.nodeConfig).toMatchObject({ bootDiskKmsKey: "ml-kms-key-id" });
    expect(pool.dependsOn).toContain(compute.urn);
  });

  it("gives every pool Intel TDX confidential nodes on C3, a dedicated service account and hardened nodes", async () => {
    const { stack } = await built();
    const pool = stack.one(POOL, "ml-tdx");
    expect(pool.inputs).toMatchObject({
      location: REGION,
      autoscaling: { minNodeCount: 1, maxNodeCount: 3 },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: "c3-standard-4",
        confidentialNodes: { enabled: true, confidentialInstanceType: "TDX" },
        serviceAccount: `ml-nodes@${PROJECT}.iam.gserviceaccount.com`,
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        resourceLabels: { "managed-by": "palisade" },
      },
    });
    expect(stack.one("gcp:projects/iAMMember:IAMMember", "ml-nodes-role").inputs).toMatchObject({
      role: "roles/container.defaultNodeServiceAccount",
      member: `serviceAccount:ml-nodes@${PROJECT}.iam.gserviceaccount.com`,
    });
  });

  it("takes SEV-SNP pools with their CPU platform, and pools without confidential nodes only when asked", async () => {
    const { stack } = await built({
      nodePools: [
        { name: "snp", confidential: "SEV_SNP", machineType: "n2d-standard-8" },
        { name: "plain", confidential: false, machineType: "e2-standard-4" },
      ],
    });
    expect(stack.one(POOL, "ml-snp").inputs.nodeConfig).toMatchObject({
      confidentialNodes: { enabled: true, confidentialInstanceType: "SEV_SNP" },
      minCpuPlatform: "AMD Milan",
    });
    expect(stack.one(POOL, "ml-plain").inputs.nodeConfig).not.toHaveProperty("confidentialNodes");
  });

  it("exposes a Kubernetes provider for the cluster baseline", async () => {
    const { stack, cluster } = await built();
    expect(cluster.provider).toBeDefined();
    // Provider inputs reach the engine as strings.
    expect(stack.one("pulumi:providers:kubernetes", "ml-k8s").inputs.enableServerSideApply).toBe("true");
  });
});

describe("ZeroTrustGkeCluster rejects, naming the argument, before registering anything", () => {
  it.each([
    [{ masterCidr: "172.16.0.0/24" }, "masterCidr", "172.16.0.0/24"],
    [{ masterCidr: "8.8.8.0/28" }, "masterCidr", "8.8.8.0/28"],
    [{ authorizedNetworks: [{ name: "all", cidr: "0.0.0.0/0" }] }, "authorizedNetworks", ["0.0.0.0/0"]],
    [
      { nodePools: [{ name: "tdx", machineType: "n2-standard-4" }] },
      "nodePools[0].machineType",
      "n2-standard-4",
    ],
    [{ nodePools: [{ name: "a" }, { name: "a" }] }, "nodePools[1].name", "a"],
    [{ nodePools: [{ name: "a", minNodes: 3, maxNodes: 2 }] }, "nodePools[0].maxNodes", 2],
    [{ podsRangeName: "Pods" }, "podsRangeName", "Pods"],
    [{ projectNumber: undefined }, "projectNumber", undefined],
  ] as [Partial<ZeroTrustGkeClusterArgs>, string, unknown][])("%j: %s", async (args, path, value) => {
    const stack = await gcpStack();
    expectRejected(() => new ZeroTrustGkeCluster("ml", { ...valid, ...args }), path, value);
    expect(stack.registrations).toEqual([]);
  });
});
