import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { gkeClusterHardened, gkeNodesHardened } from "./container";

const gke = {
  location: "us-central1",
  privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
  databaseEncryption: { state: "ENCRYPTED", keyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
  workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
  datapathProvider: "ADVANCED_DATAPATH",
};
const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:container/cluster:Cluster",
  name: "gke",
  props: { ...gke, ...props },
});
const publicEndpoint = { privateClusterConfig: { enablePrivateNodes: true } };
const authorized = (...cidrBlock: unknown[]) =>
  cluster({
    ...publicEndpoint,
    masterAuthorizedNetworksConfig: { cidrBlocks: cidrBlock.map((c) => ({ cidrBlock: c })) },
  });

describeRule(gkeClusterHardened, {
  baseline: hipaa,
  compliant: [
    cluster({}),
    authorized("10.0.0.0/8"),
    cluster({ datapathProvider: undefined, networkPolicy: { enabled: true, provider: "CALICO" } }),
    cluster({ datapathProvider: undefined, workloadIdentityConfig: undefined, enableAutopilot: true }),
    // The key, the pool's project and the network are created in the same preview: present is enough.
    cluster({
      network: UNKNOWN,
      databaseEncryption: { state: "ENCRYPTED", keyName: UNKNOWN },
      workloadIdentityConfig: { workloadPool: UNKNOWN },
    }),
  ],
  requirements: {
    "private-control-plane": {
      violating: [
        cluster(publicEndpoint),
        cluster({ privateClusterConfig: undefined }),
        cluster({ privateClusterConfig: { enablePrivateEndpoint: true } }),
        authorized("0.0.0.0/0"),
        authorized("10.0.0.0/8", "0::/0"),
        authorized("0.0.0.0/1", "128.0.0.0/1"),
      ],
      compliant: [authorized()],
      // A range from a subnet created in the same preview decides the question.
      unknown: [authorized(UNKNOWN), cluster({ ...publicEndpoint, masterAuthorizedNetworksConfig: UNKNOWN })],
    },
    "secrets-encryption": {
      violating: [
        cluster({ databaseEncryption: { state: "DECRYPTED" } }),
        cluster({ databaseEncryption: { state: "ENCRYPTED" } }),
        cluster({ databaseEncryption: undefined }),
      ],
      unknown: [cluster({ databaseEncryption: { state: UNKNOWN, keyName: "k" } })],
    },
    "no-legacy-abac": {
      violating: [cluster({ enableLegacyAbac: true })],
      compliant: [cluster({ enableLegacyAbac: false })],
      unknown: [cluster({ enableLegacyAbac: UNKNOWN })],
    },
    "workload-identity": {
      violating: [
        cluster({ workloadIdentityConfig: undefined }),
        cluster({ workloadIdentityConfig: {}, enableAutopilot: false }),
      ],
      unknown: [cluster({ workloadIdentityConfig: undefined, enableAutopilot: UNKNOWN })],
      decidedWhenUnknown: [cluster({ enableAutopilot: UNKNOWN })],
    },
    "shielded-nodes": {
      violating: [cluster({ enableShieldedNodes: false })],
      compliant: [cluster({ enableShieldedNodes: true })],
      unknown: [cluster({ enableShieldedNodes: UNKNOWN })],
    },
    "network-policy": {
      violating: [
        cluster({ datapathProvider: undefined }),
        cluster({ datapathProvider: "LEGACY_DATAPATH", networkPolicy: { enabled: false } }),
      ],
      unknown: [cluster({ datapathProvider: UNKNOWN })],
    },
  },
});

const SA = "nodes@p.iam.gserviceaccount.com";
const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
const node = (config: Record<string, unknown> = {}) => ({
  serviceAccount: SA,
  oauthScopes: [CLOUD_PLATFORM],
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  ...config,
});
const pool = (config: Record<string, unknown> = {}, props: Record<string, unknown> = {}): KitResource => ({
  type: "gcp:container/nodePool:NodePool",
  name: "pool",
  props: { cluster: UNKNOWN, nodeConfig: node(config), ...props },
});
const defaultAccount = { serviceAccount: undefined };

describeRule(gkeNodesHardened, {
  baseline: hipaa,
  compliant: [
    pool(),
    pool({ serviceAccount: UNKNOWN, machineType: UNKNOWN }),
    // The default account with the narrow default scopes.
    pool({ ...defaultAccount, oauthScopes: undefined }),
    pool({ ...defaultAccount, oauthScopes: ["https://www.googleapis.com/auth/logging.write"] }),
    pool({ shieldedInstanceConfig: { enableSecureBoot: true } }),
    cluster({ nodeConfig: node() }),
    cluster({ enableAutopilot: true }),
    // The default pool is removed; only the declared pools run.
    cluster({ removeDefaultNodePool: true, initialNodeCount: 1 }),
    cluster({ removeDefaultNodePool: true, nodePools: [{ name: "a", nodeConfig: node() }] }),
  ],
  requirements: {
    "no-broad-default-account": {
      violating: [
        pool({ ...defaultAccount }),
        pool({ ...defaultAccount, oauthScopes: ["cloud-platform"] }),
        pool({
          ...defaultAccount,
          oauthScopes: ["https://www.googleapis.com/auth/logging.write", CLOUD_PLATFORM],
        }),
        cluster({ nodeConfig: node(defaultAccount) }),
        cluster({
          removeDefaultNodePool: true,
          nodePools: [
            { name: "a", nodeConfig: node() },
            { name: "b", nodeConfig: node(defaultAccount) },
          ],
        }),
      ],
      compliant: [
        pool({
          ...defaultAccount,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform.read-only"],
        }),
      ],
      unknown: [pool({ ...defaultAccount, oauthScopes: UNKNOWN })],
    },
    "secure-boot": {
      violating: [
        pool({ shieldedInstanceConfig: { enableSecureBoot: false } }),
        pool({ shieldedInstanceConfig: undefined }),
        pool({}, { nodeConfig: undefined }),
        // The default pool of a cluster that keeps it.
        cluster({}),
        cluster({ nodeConfig: node(), nodePools: [{ name: "a" }] }),
      ],
      unknown: [pool({ shieldedInstanceConfig: UNKNOWN })],
      readsWith: ["integrity-monitoring"],
    },
    "integrity-monitoring": {
      violating: [
        pool({ shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false } }),
        cluster({
          removeDefaultNodePool: true,
          nodePools: [
            {
              name: "a",
              nodeConfig: node({
                shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false },
              }),
            },
          ],
        }),
      ],
      unknown: [
        pool({ shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: UNKNOWN } }),
      ],
    },
  },
});
