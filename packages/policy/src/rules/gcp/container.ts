/** GKE rules (gcp v9 container). */
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
