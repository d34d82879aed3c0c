/** GKE rules. */
import type * as container from "@pulumi/gcp/container";
import { resourceRule } from "../../rule";
import { isInternetCidr } from "../exposure";
import type { Props } from "./props";

/** Whether the control plane is reachable from the internet: neither private nor behind authorized networks. */
function controlPlaneOpen(props: Props<container.ClusterArgs>): boolean {
  const priv = props.privateClusterConfig ?? {};
  if (priv.enablePrivateNodes === true && priv.enablePrivateEndpoint === true) return false;
  const authorized = props.masterAuthorizedNetworksConfig;
  if (authorized === undefined) return true;
  const blocks = (authorized.cidrBlocks as { cidrBlock?: unknown }[] | undefined) ?? [];
  return blocks.some((b) => isInternetCidr(b?.cidrBlock));
}

/**
 * GKE clusters: a private (or authorized-networks-only) control plane, application-layer secrets
 * encryption with a Cloud KMS key, no legacy ABAC, Workload Identity and enforced NetworkPolicy.
 * Autopilot clusters need no setting for the last two: Workload Identity is always on there (GKE how-to
 * "Authenticate to Google Cloud APIs from GKE workloads") and Dataplane V2 is on for every new Autopilot
 * cluster from 1.22.7-gke.1500 (GKE concepts "GKE Dataplane V2").
 */
export const gkeClusterHardened = resourceRule({
  id: "gcp-container-cluster-hardened",
  description:
    "GKE clusters keep the control plane off the internet, encrypt secrets with a customer key, run Workload Identity and enforce NetworkPolicy",
  target: "gcp",
  types: ["gcp:container/cluster:Cluster"],
  check: (props: Props<container.ClusterArgs>) => {
    const findings: string[] = [];
    if (controlPlaneOpen(props))
      findings.push(
        "the control plane is open to the internet: set privateClusterConfig.enablePrivateNodes and enablePrivateEndpoint, or masterAuthorizedNetworksConfig.cidrBlocks without 0.0.0.0/0",
      );
    const encryption = props.databaseEncryption ?? {};
    if (!(encryption.state === "ENCRYPTED" && "keyName" in encryption))
      findings.push('databaseEncryption must be state "ENCRYPTED" with a keyName (Cloud KMS key)');
    if (props.enableLegacyAbac === true) findings.push("enableLegacyAbac must not be true");
    const autopilot = () => props.enableAutopilot === true;
    if (!("workloadPool" in (props.workloadIdentityConfig ?? {})) && !autopilot())
      findings.push("workloadIdentityConfig.workloadPool must be set (Workload Identity)");
    if (
      props.datapathProvider !== "ADVANCED_DATAPATH" &&
      props.networkPolicy?.enabled !== true &&
      !autopilot()
    )
      findings.push(
        'NetworkPolicy is not enforced: set datapathProvider "ADVANCED_DATAPATH" or networkPolicy.enabled',
      );
    return findings;
  },
});
