/** GKE rules (gcp v9 container): clusters and their node pools. */
import type * as container from "@pulumi/gcp/container";
import { admitsWholeInternet } from "@palisade/core";
import { resourceRule, type Props } from "../../rule";

type Cluster = Props<container.ClusterArgs>;

/**
 * Autopilot clusters need no setting for Workload Identity or NetworkPolicy: Workload Identity is always on
 * there (GKE how-to "Authenticate to Google Cloud APIs from GKE workloads") and Dataplane V2 is on for every
 * new Autopilot cluster from 1.22.7-gke.1500 (GKE concepts "GKE Dataplane V2").
 */
const autopilot = (props: Cluster) => props.enableAutopilot === true;

export const gkeClusterHardened = resourceRule({
  id: "gcp-container-cluster-hardened",
  description:
    "GKE clusters keep the control plane off the internet, encrypt secrets with a customer key, run Workload Identity and enforce NetworkPolicy",
  target: "gcp",
  types: ["gcp:container/cluster:Cluster"],
  requirements: [
    {
      id: "private-control-plane",
      description:
        "The control plane has a private endpoint, or authorized networks that together do not cover the internet",
      remediation:
        "Set privateClusterConfig.enablePrivateNodes and enablePrivateEndpoint, or masterAuthorizedNetworksConfig.cidrBlocks that do not cover the internet.",
      afterDeployment:
        "Authorized networks taken from subnets created in the same update are unknown in a first preview.",
      check: (props: Cluster) => {
        const priv = props.privateClusterConfig ?? {};
        if (priv.enablePrivateNodes === true && priv.enablePrivateEndpoint === true) return [];
        const authorized = props.masterAuthorizedNetworksConfig;
        const blocks = (authorized?.cidrBlocks as { cidrBlock?: unknown }[] | undefined) ?? [];
        return authorized === undefined || admitsWholeInternet(blocks.map((b) => b?.cidrBlock))
          ? [
              "the control plane admits the whole internet (privateClusterConfig, masterAuthorizedNetworksConfig.cidrBlocks)",
            ]
          : [];
      },
    },
    {
      id: "secrets-encryption",
      description: "Application-layer secrets encryption uses a Cloud KMS key",
      remediation: 'Set databaseEncryption state "ENCRYPTED" with keyName a Cloud KMS key.',
      check: (props: Cluster) => {
        const encryption = props.databaseEncryption ?? {};
        return encryption.state === "ENCRYPTED" && "keyName" in encryption
          ? []
          : ["databaseEncryption does not encrypt secrets with a Cloud KMS key (state, keyName)"];
      },
    },
    {
      id: "no-legacy-abac",
      description: "Legacy ABAC is off, so RBAC alone authorizes",
      remediation: "Remove enableLegacyAbac: true.",
      check: (props: Cluster) => (props.enableLegacyAbac === true ? ["enableLegacyAbac is true"] : []),
    },
    {
      id: "workload-identity",
      description: "Workloads get Google identities through Workload Identity, not node credentials",
      remediation:
        'Set workloadIdentityConfig.workloadPool "<project>.svc.id.goog" (Autopilot has it always).',
      check: (props: Cluster) =>
        "workloadPool" in (props.workloadIdentityConfig ?? {}) || autopilot(props)
          ? []
          : ["workloadIdentityConfig.workloadPool is not set"],
    },
    {
      id: "shielded-nodes",
      description: "Shielded GKE nodes stay on (enableShieldedNodes defaults to true)",
      remediation: "Remove enableShieldedNodes: false.",
      check: (props: Cluster) =>
        props.enableShieldedNodes === false ? ["enableShieldedNodes is false"] : [],
    },
    {
      id: "network-policy",
      description: "NetworkPolicy is enforced (Dataplane V2 or the network policy add-on)",
      remediation: 'Set datapathProvider "ADVANCED_DATAPATH" (Dataplane V2), or networkPolicy.enabled: true.',
      check: (props: Cluster) =>
        props.datapathProvider === "ADVANCED_DATAPATH" ||
        props.networkPolicy?.enabled === true ||
        autopilot(props)
          ? []
          : ["NetworkPolicy is not enforced (datapathProvider, networkPolicy.enabled)"],
    },
  ],
});

const NODE_POOL = "gcp:container/nodePool:NodePool";
const CLUSTER = "gcp:container/cluster:Cluster";
const CLOUD_PLATFORM = /^(https:\/\/www\.googleapis\.com\/auth\/)?cloud-platform$/;

type Node = Record<string, any>;

/**
 * The node configs a resource sets, by property path: a node pool's own, and a cluster's default pool
 * (unless it is removed) and inline pools. Autopilot manages its nodes itself.
 */
function nodeConfigs(props: Record<string, any>, type: string): [string, Node][] {
  if (type === NODE_POOL) return [["nodeConfig", props.nodeConfig ?? {}]];
  if (props.enableAutopilot === true) return [];
  const pools = ((props.nodePools as Node[] | undefined) ?? []).map((pool, i): [string, Node] => [
    `nodePools[${i}].nodeConfig`,
    pool?.nodeConfig ?? {},
  ]);
  return props.removeDefaultNodePool === true ? pools : [["nodeConfig", props.nodeConfig ?? {}], ...pools];
}

export const gkeNodesHardened = resourceRule({
  id: "gcp-container-nodes-hardened",
  description:
    "GKE nodes run as a dedicated service account, or without the broad cloud-platform scope, and boot with Secure Boot and integrity monitoring",
  target: "gcp",
  types: [NODE_POOL, CLUSTER],
  requirements: [
    {
      id: "no-broad-default-account",
      description:
        "Nodes on the Compute Engine default service account (serviceAccount unset) do not hold the cloud-platform scope, which lets them use every role of that account",
      remediation:
        "Set nodeConfig.serviceAccount to a dedicated least-privilege service account, or drop the cloud-platform scope from nodeConfig.oauthScopes.",
      check: (props, { type }) =>
        nodeConfigs(props, type).flatMap(([path, node]) =>
          !("serviceAccount" in node) &&
          ((node.oauthScopes as unknown[] | undefined) ?? []).some((s) => CLOUD_PLATFORM.test(String(s)))
            ? [`${path} gives the default service account the all-APIs scope (oauthScopes)`]
            : [],
        ),
    },
    {
      id: "secure-boot",
      description: "Shielded node secure boot is on (it defaults to off)",
      remediation: "Set nodeConfig.shieldedInstanceConfig.enableSecureBoot: true.",
      check: (props, { type }) =>
        nodeConfigs(props, type).flatMap(([path, node]) =>
          node.shieldedInstanceConfig?.enableSecureBoot === true
            ? []
            : [`${path}.shieldedInstanceConfig.enableSecureBoot is not true`],
        ),
    },
    {
      id: "integrity-monitoring",
      description: "Shielded node integrity monitoring is on (it defaults to on)",
      remediation: "Leave nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring unset or true.",
      check: (props, { type }) =>
        nodeConfigs(props, type).flatMap(([path, node]) =>
          node.shieldedInstanceConfig?.enableIntegrityMonitoring === false
            ? [`${path}.shieldedInstanceConfig.enableIntegrityMonitoring is false`]
            : [],
        ),
    },
  ],
});
