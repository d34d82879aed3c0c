/** VPC network rules: firewall ingress, subnet flow logs. */
import type * as compute from "@pulumi/gcp/compute";
import { resourceRule } from "../../rule";
import type { Props } from "./props";

const ADMIN_PORTS = [22, 3389];
const INTERNET = ["0.0.0.0/0", "::/0"];

/** Whether a firewall `allow` entry covers SSH or RDP: all protocols, or TCP with no ports or a covering port/range. */
function allowsAdminPort(allow: { protocol?: unknown; ports?: unknown } | undefined): boolean {
  const protocol = typeof allow?.protocol === "string" ? allow.protocol.toLowerCase() : "";
  if (protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const ports = (allow?.ports as unknown[] | undefined) ?? [];
  if (ports.length === 0) return true;
  return ports.some((p) => {
    const [from, to = from] = String(p).split("-").map(Number);
    return ADMIN_PORTS.some((port) => from! <= port && port <= to!);
  });
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
    if (!sources.some((s) => INTERNET.includes(s))) return [];
    return ((props.allows as { protocol?: unknown; ports?: unknown }[] | undefined) ?? []).some(
      allowsAdminPort,
    )
      ? ["ingress from the internet covers an admin port (22/3389)"]
      : [];
  },
});
