/** VPC network rules: firewall ingress, custom subnets with flow logs. */
import type * as compute from "@pulumi/gcp/compute";
import { resourceRule } from "../../rule";
import { ADMIN_PORTS_LABEL, isInternetCidr, portSpecCoversAdminPort } from "../exposure";
import type { Props } from "./props";

/** Whether a firewall `allow` entry covers SSH or RDP: all protocols, or TCP with no ports or a covering port/range. */
function allowsAdminPort(allow: { protocol?: unknown; ports?: unknown } | undefined): boolean {
  const protocol = typeof allow?.protocol === "string" ? allow.protocol.toLowerCase() : "";
  if (protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const ports = (allow?.ports as unknown[] | undefined) ?? [];
  if (ports.length === 0) return true;
  return ports.some((p) => portSpecCoversAdminPort(p));
}

export const firewallAdminPorts = resourceRule({
  id: "gcp-compute-firewall-admin-ports-closed",
  description: "No VPC firewall rule admits SSH or RDP from the internet",
  target: "gcp",
  types: ["gcp:compute/firewall:Firewall"],
  check: (props: Props<compute.FirewallArgs>) => {
    if (String(props.direction ?? "INGRESS").toUpperCase() !== "INGRESS" || props.disabled === true)
      return [];
    const sources = (props.sourceRanges as string[] | undefined) ?? [];
    if (!sources.some(isInternetCidr)) return [];
    return ((props.allows as { protocol?: unknown; ports?: unknown }[] | undefined) ?? []).some(
      allowsAdminPort,
    )
      ? [`ingress from the internet covers ${ADMIN_PORTS_LABEL}`]
      : [];
  },
});

/** Proxy-only subnets, where the provider says flow logs are not supported. */
const PROXY_ONLY = ["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY"];

export const subnetworkFlowLogs = resourceRule({
  id: "gcp-compute-subnetwork-flow-logs",
  description: "VPC subnets record their network flows (VPC Flow Logs)",
  target: "gcp",
  types: ["gcp:compute/subnetwork:Subnetwork"],
  check: (props: Props<compute.SubnetworkArgs>) => {
    if (PROXY_ONLY.includes(String(props.purpose ?? "PRIVATE"))) return [];
    if (props.logConfig === undefined) return ["logConfig must be set to turn on VPC Flow Logs"];
    return "flowSampling" in props.logConfig && Number(props.logConfig.flowSampling) === 0
      ? ["logConfig.flowSampling 0 reports no flows"]
      : [];
  },
});

/** Auto-mode networks create a subnet per region without flow logs, outside any subnet the stack declares. */
export const networkCustomSubnets = resourceRule({
  id: "gcp-compute-network-custom-subnets",
  description: "VPC networks use custom subnets, so every subnet is declared and can carry flow logs",
  target: "gcp",
  types: ["gcp:compute/network:Network"],
  check: (props: Props<compute.NetworkArgs>) =>
    props.autoCreateSubnetworks === false
      ? []
      : ["autoCreateSubnetworks must be false: auto-mode subnets have no flow logs"],
});
