/** GCP rules (gcp v9 type tokens). */
import type * as compute from "@pulumi/gcp/compute";
import type * as kms from "@pulumi/gcp/kms";
import type * as storage from "@pulumi/gcp/storage";
import { resourceRule } from "../../rule";
import { ADMIN_PORTS_LABEL, portSpecCoversAdminPort } from "../ports";

type Props<T> = { [K in keyof T]?: any };

export const storageBucketSecure = resourceRule({
  id: "gcp-storage-bucket-secure",
  description: "Cloud Storage buckets use CMEK, uniform access and enforced public-access prevention",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  check: (props: Props<storage.BucketArgs>) => [
    ...("defaultKmsKeyName" in (props.encryption ?? {})
      ? []
      : ["encryption.defaultKmsKeyName must name a Cloud KMS key"]),
    ...(props.uniformBucketLevelAccess === true ? [] : ["uniformBucketLevelAccess must be true"]),
    ...(props.publicAccessPrevention === "enforced" ? [] : ['publicAccessPrevention must be "enforced"']),
  ],
});

export const cryptoKeyRotation = (maxRotationDays: number) =>
  resourceRule({
    id: "gcp-kms-crypto-key-rotation",
    description: "Cloud KMS keys rotate automatically, at least as often as the baseline requires",
    target: "gcp",
    types: ["gcp:kms/cryptoKey:CryptoKey"],
    config: { maxKeyRotationDays: { type: "integer", minimum: 1, default: maxRotationDays } },
    check: (props: Props<kms.CryptoKeyArgs>, _args, config) => {
      if (!("rotationPeriod" in props) || props.rotationPeriod === undefined)
        return ["rotationPeriod must be set"];
      const seconds = Number(String(props.rotationPeriod).replace(/s$/, ""));
      const max = Number(config.maxKeyRotationDays) * 86400;
      return seconds > max
        ? [`rotationPeriod ${props.rotationPeriod} exceeds ${config.maxKeyRotationDays} days`]
        : [];
    },
  });

const INTERNET = ["0.0.0.0/0", "::/0"];

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
    if (!sources.some((s) => INTERNET.includes(s))) return [];
    return ((props.allows as { protocol?: unknown; ports?: unknown }[] | undefined) ?? []).some(
      allowsAdminPort,
    )
      ? [`ingress from the internet covers ${ADMIN_PORTS_LABEL}`]
      : [];
  },
});
