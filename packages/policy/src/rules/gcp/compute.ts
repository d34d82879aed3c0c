/**
 * Compute Engine rules (gcp v9 compute): instances, disks and snapshots (and where snapshots and images
 * are stored), VPC firewall rules, networks and subnetworks, and load balancer TLS (SSL policies and
 * target proxies).
 */
import type * as compute from "@pulumi/gcp/compute";
import { resourceRule, stackRule, type Props, type RuleConfig } from "../../rule";
import {
  ALL_PORTS,
  SENSITIVE_PORTS_SETTING,
  exposureMessage,
  openToInternet,
  parsePortSpec,
  sensitivePorts,
  type Ingress,
  type PortRange,
} from "../exposure";
import { allowedRegionsSetting } from "../residency";
import { locationFindings } from "./residency";

type Instance = Props<compute.InstanceArgs>;

/** Instance metadata spells booleans loosely ("TRUE", "true", "1", "y"). */
const truthy = (value: unknown): boolean =>
  value === true || ["true", "1", "y", "yes"].includes(String(value).toLowerCase());

/** A metadata key's value when it is set (read only then, so other unknown metadata is never read). */
const metadataFlag = (props: Instance, key: string): boolean => {
  const metadata = props.metadata ?? {};
  return key in metadata && truthy(metadata[key]);
};

const nics = (props: Instance) => (props.networkInterfaces as Record<string, any>[] | undefined) ?? [];

export const instanceHardened = resourceRule({
  id: "gcp-compute-instance-hardened",
  description:
    "Compute Engine instances have no external IP, use Shielded VM, encrypt the boot disk with a customer key and close the serial console and project SSH keys",
  target: "gcp",
  types: ["gcp:compute/instance:Instance"],
  requirements: [
    {
      id: "no-external-ip",
      description: "No network interface has an external IPv4 or IPv6 address",
      remediation:
        "Remove accessConfigs and ipv6AccessConfigs from the network interfaces; reach the instance through IAP.",
      check: (props: Instance) =>
        nics(props).flatMap((nic, i) => [
          ...(((nic?.accessConfigs as unknown[] | undefined) ?? []).length > 0
            ? [`networkInterfaces[${i}].accessConfigs gives an external IPv4 address`]
            : []),
          ...(((nic?.ipv6AccessConfigs as unknown[] | undefined) ?? []).length > 0
            ? [`networkInterfaces[${i}].ipv6AccessConfigs gives an external IPv6 address`]
            : []),
        ]),
    },
    {
      id: "secure-boot",
      description: "Shielded VM secure boot is on (it defaults to off)",
      remediation: "Set shieldedInstanceConfig.enableSecureBoot: true.",
      check: (props: Instance) =>
        props.shieldedInstanceConfig?.enableSecureBoot === true
          ? []
          : ["shieldedInstanceConfig.enableSecureBoot is not true"],
    },
    {
      id: "integrity-monitoring",
      description: "Shielded VM integrity monitoring is on (it defaults to on)",
      remediation: "Leave shieldedInstanceConfig.enableIntegrityMonitoring unset or true.",
      check: (props: Instance) =>
        props.shieldedInstanceConfig?.enableIntegrityMonitoring === false
          ? ["shieldedInstanceConfig.enableIntegrityMonitoring is false"]
          : [],
    },
    {
      id: "boot-disk-customer-key",
      description: "The boot disk is encrypted with a Cloud KMS key (or a customer-supplied key)",
      remediation: "Set bootDisk.kmsKeySelfLink to a Cloud KMS key.",
      check: (props: Instance) => {
        const boot = props.bootDisk ?? {};
        return ["kmsKeySelfLink", "diskEncryptionKeyRaw", "diskEncryptionKeyRsa"].some((k) => k in boot)
          ? []
          : ["bootDisk names no Cloud KMS key (kmsKeySelfLink) or customer-supplied key"];
      },
    },
    {
      id: "no-serial-port",
      description: "The interactive serial console is off",
      remediation: 'Remove metadata "serial-port-enable" (or set it "FALSE").',
      check: (props: Instance) =>
        metadataFlag(props, "serial-port-enable") ? ['metadata "serial-port-enable" is on'] : [],
    },
    {
      id: "no-project-ssh-keys",
      description: "Project-wide SSH keys are blocked, unless OS Login governs SSH",
      remediation: 'Set metadata "block-project-ssh-keys" "TRUE", or "enable-oslogin" "TRUE".',
      check: (props: Instance) =>
        metadataFlag(props, "enable-oslogin") || metadataFlag(props, "block-project-ssh-keys")
          ? []
          : ['metadata blocks no project-wide SSH keys ("block-project-ssh-keys", or "enable-oslogin")'],
    },
  ],
});

/** Protocols whose rules open ports; every other protocol (icmp, esp, ah, ipip) has none. */
const PORTED = ["tcp", "udp", "sctp", "6", "17", "132"];

/** The ports a firewall `allow` entry opens: every one for `all` or for a ported protocol with no ports. */
function allowedPorts(allow: { protocol?: unknown; ports?: unknown } | undefined): PortRange[] {
  const protocol = String(allow?.protocol).toLowerCase();
  if (protocol === "all") return [ALL_PORTS];
  if (!PORTED.includes(protocol)) return [];
  const specs = (allow?.ports as unknown[] | undefined) ?? [];
  if (specs.length === 0) return [ALL_PORTS];
  return specs.flatMap((spec) => {
    const range = parsePortSpec(spec);
    return range ? [range] : [];
  });
}

type Firewall = Props<compute.FirewallArgs>;

export const firewallSensitivePorts = resourceRule({
  id: "gcp-compute-firewall-admin-ports-closed",
  description:
    "No VPC firewall rule admits the whole internet to an administrative or data port (sensitivePorts)",
  target: "gcp",
  types: ["gcp:compute/firewall:Firewall"],
  config: { sensitivePorts: SENSITIVE_PORTS_SETTING },
  requirements: [
    {
      id: "sensitive-ports-closed",
      description:
        "No enabled ingress rule admits the whole internet to a sensitive port: 0.0.0.0/0, ::/0 in any notation, or source ranges whose union covers either",
      remediation:
        "Narrow sourceRanges (or use sourceTags or service accounts) for these ports; reach hosts through IAP (35.235.240.0/20).",
      check: (props: Firewall, { config }) => {
        if (String(props.direction ?? "INGRESS").toUpperCase() !== "INGRESS" || props.disabled === true)
          return [];
        const sources = () => (props.sourceRanges as unknown[] | undefined) ?? [];
        const entries = ((props.allows as unknown[] | undefined) ?? []).map((allow): Ingress => ({
          ports: () => allowedPorts(allow as { protocol?: unknown }),
          sources,
        }));
        const open = openToInternet(entries, sensitivePorts(config));
        return open.length > 0 ? [`the rule leaves ${exposureMessage(open)}`] : [];
      },
    },
  ],
});

/** Proxy-only subnets, where the provider says flow logs are not supported. */
const PROXY_ONLY = ["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY"];

type Subnetwork = Props<compute.SubnetworkArgs>;

export const subnetworkFlowLogs = resourceRule({
  id: "gcp-compute-subnetwork-flow-logs",
  description: "VPC subnets record their network flows (VPC Flow Logs)",
  target: "gcp",
  types: ["gcp:compute/subnetwork:Subnetwork"],
  requirements: [
    {
      id: "flow-logs",
      description:
        "VPC Flow Logs are on (logConfig is set), except on proxy-only subnets, which cannot have them",
      remediation: "Set logConfig (aggregationInterval, flowSampling, metadata) on the subnetwork.",
      check: (props: Subnetwork) =>
        PROXY_ONLY.includes(String(props.purpose ?? "PRIVATE")) || props.logConfig !== undefined
          ? []
          : ["logConfig is not set, so VPC Flow Logs are off"],
    },
    {
      id: "flow-sampling",
      description: "The flow logs sample some flows (flowSampling is not 0)",
      remediation: "Set logConfig.flowSampling above 0 (1 records every flow).",
      check: (props: Subnetwork) => {
        const log = props.logConfig ?? {};
        return "flowSampling" in log && Number(log.flowSampling) === 0 ? ["logConfig.flowSampling is 0"] : [];
      },
    },
  ],
});

/** Auto-mode networks create a subnet per region without flow logs, outside any subnet the stack declares. */
export const networkCustomSubnets = resourceRule({
  id: "gcp-compute-network-custom-subnets",
  description: "VPC networks use custom subnets, so every subnet is declared and can carry flow logs",
  target: "gcp",
  types: ["gcp:compute/network:Network"],
  requirements: [
    {
      id: "custom-mode",
      description:
        "The network is in custom mode (autoCreateSubnetworks false; the provider defaults to auto)",
      remediation: "Set autoCreateSubnetworks: false and declare each subnetwork.",
      check: (props: Props<compute.NetworkArgs>) =>
        props.autoCreateSubnetworks === false
          ? []
          : ["autoCreateSubnetworks is not false (auto-mode subnets have no flow logs)"],
    },
  ],
});

type SslPolicy = Props<compute.SSLPolicyArgs>;
const SSL_POLICIES = ["gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/regionSslPolicy:RegionSslPolicy"];
const HTTPS_PROXIES = [
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
  "gcp:compute/targetSSLProxy:TargetSSLProxy",
];
const HTTP_PROXIES = [
  "gcp:compute/targetHttpProxy:TargetHttpProxy",
  "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
];
const URL_MAPS = ["gcp:compute/uRLMap:URLMap", "gcp:compute/regionUrlMap:RegionUrlMap"];

export const sslPolicyModernTls = resourceRule({
  id: "gcp-compute-ssl-policy-modern-tls",
  description: "Load balancer SSL policies take TLS 1.2 or newer with a profile that drops legacy ciphers",
  target: "gcp",
  types: SSL_POLICIES,
  requirements: [
    {
      id: "minimum-tls",
      description: "minTlsVersion is TLS_1_2 or TLS_1_3 (the API defaults to TLS_1_0)",
      remediation: 'Set minTlsVersion "TLS_1_2".',
      check: (props: SslPolicy) =>
        ["TLS_1_2", "TLS_1_3"].includes(props.minTlsVersion) ? [] : ["minTlsVersion is not TLS_1_2 or newer"],
    },
    {
      id: "no-compatible-profile",
      description: "The profile is not COMPATIBLE (the API default, which keeps weak ciphers)",
      remediation: 'Set profile "MODERN" or "RESTRICTED" (or "CUSTOM" with chosen customFeatures).',
      check: (props: SslPolicy) =>
        (props.profile ?? "COMPATIBLE") === "COMPATIBLE"
          ? ["profile keeps the legacy cipher profile (or is unset)"]
          : [],
    },
  ],
});

export const targetProxyTls = stackRule({
  id: "gcp-compute-target-proxy-tls",
  description:
    "Load balancer front ends name an SSL policy (without one, Google's default allows TLS 1.0), and HTTP front ends only redirect to HTTPS",
  target: "gcp",
  types: [...HTTPS_PROXIES, ...HTTP_PROXIES],
  requirements: [
    {
      id: "ssl-policy",
      description: "HTTPS and SSL proxies name an SSL policy",
      remediation:
        "Set sslPolicy to an SSLPolicy with minTlsVersion TLS_1_2 and a MODERN or RESTRICTED profile.",
      types: HTTPS_PROXIES,
      check: (props) =>
        "sslPolicy" in props ? [] : ["sslPolicy is not set, so Google's default policy (TLS 1.0) applies"],
    },
    {
      id: "http-redirects",
      description: "An HTTP proxy's URL map, declared in the stack, redirects every request to HTTPS",
      remediation:
        "Point the HTTP proxy at a URL map whose defaultUrlRedirect has httpsRedirect: true, and serve content only behind the HTTPS proxy.",
      types: HTTP_PROXIES,
      check: (_props, context) => {
        const maps = context.stack.dependencies("urlMap").filter((r) => URL_MAPS.includes(r.type));
        return maps.length > 0 && maps.every((m) => m.props.defaultUrlRedirect?.httpsRedirect === true)
          ? []
          : [
              "the URL map (urlMap) does not redirect every request to HTTPS (defaultUrlRedirect.httpsRedirect)",
            ];
      },
    },
  ],
});

const DISKS: Record<string, string> = {
  "gcp:compute/disk:Disk": "diskEncryptionKey",
  "gcp:compute/regionDisk:RegionDisk": "diskEncryptionKey",
  "gcp:compute/snapshot:Snapshot": "snapshotEncryptionKey",
};

export const diskCmek = resourceRule({
  id: "gcp-compute-disk-cmek",
  description:
    "Persistent disks and snapshots are encrypted with a Cloud KMS key (or a customer-supplied key)",
  target: "gcp",
  types: Object.keys(DISKS),
  requirements: [
    {
      id: "customer-key",
      description:
        "diskEncryptionKey (snapshotEncryptionKey for snapshots) names a Cloud KMS key or a customer-supplied key; the default is a Google-managed key",
      remediation:
        "Set diskEncryptionKey.kmsKeySelfLink (snapshotEncryptionKey.kmsKeySelfLink) to a Cloud KMS key.",
      check: (props, { type }) => {
        const key = DISKS[type]!;
        const named = props[key] ?? {};
        // Regional disks name the key kmsKeyName; zonal disks and snapshots kmsKeySelfLink.
        return ["kmsKeySelfLink", "kmsKeyName", "rawKey", "rsaEncryptedKey"].some((k) => k in named)
          ? []
          : [`${key} names no Cloud KMS key (kmsKeySelfLink) or customer-supplied key`];
      },
    },
  ],
});

/**
 * Where snapshot and image data is stored: `storageLocations`, unset meaning the Cloud Storage
 * multi-region closest to the source, which an input cannot name, so unset passes only when every region
 * is allowed.
 */
function storageLocationFindings(path: string, locations: unknown, config: RuleConfig): string[] {
  if (locations === undefined || locations === null || (Array.isArray(locations) && locations.length === 0))
    return config.allowedRegions === "any"
      ? []
      : [`${path} is not set, so Compute Engine stores the data in the multi-region closest to its source`];
  if (!Array.isArray(locations)) return locationFindings(path, locations, config);
  return locations.flatMap((l, i) => locationFindings(`${path}[${i}]`, l, config));
}

const SNAPSHOTS = ["gcp:compute/snapshot:Snapshot", "gcp:compute/image:Image"];
const RESOURCE_POLICY = "gcp:compute/resourcePolicy:ResourcePolicy";

/** Disk snapshots and images are copies of disks: they stay in allowed regions, scheduled ones included. */
export const snapshotStorageLocation = resourceRule({
  id: "gcp-compute-snapshot-storage-location",
  description:
    "Compute Engine snapshots and images, scheduled snapshots included, are stored in allowed regions",
  target: "gcp",
  types: [...SNAPSHOTS, RESOURCE_POLICY],
  config: { allowedRegions: allowedRegionsSetting("gcp") },
  requirements: [
    {
      id: "storage-locations",
      description:
        "storageLocations names only allowed regions (unset, the multi-region closest to the source disk)",
      remediation: "Set storageLocations to a region in allowedRegions.",
      types: SNAPSHOTS,
      check: (props: Props<compute.SnapshotArgs>, { config }) =>
        storageLocationFindings("storageLocations", props.storageLocations, config),
    },
    {
      id: "scheduled-storage-location",
      description:
        "A snapshot schedule's snapshotProperties.storageLocations names an allowed region (unset, the multi-region closest to the disk)",
      remediation:
        "Set snapshotSchedulePolicy.snapshotProperties.storageLocations to a region in allowedRegions.",
      types: [RESOURCE_POLICY],
      outOfScope: (props: Props<compute.ResourcePolicyArgs>) =>
        "snapshotSchedulePolicy" in props ? undefined : "not a snapshot schedule: the policy makes no copies",
      check: (props: Props<compute.ResourcePolicyArgs>, { config }) =>
        storageLocationFindings(
          "snapshotSchedulePolicy.snapshotProperties.storageLocations",
          props.snapshotSchedulePolicy?.snapshotProperties?.storageLocations,
          config,
        ),
    },
  ],
});
