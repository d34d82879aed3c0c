/**
 * A zero-trust AKS cluster for regulated workloads: a private API server on API Server VNet Integration
 * with no public FQDN, Entra ID authentication with Azure RBAC and no local accounts, Kubernetes secrets
 * encrypted by KMS v2 with a customer key in a private vault, node OS disks under a customer-key disk
 * encryption set, every node a confidential VM (Intel TDX by default), Azure CNI Overlay with the Cilium
 * dataplane enforcing NetworkPolicy, workload identity, Defender, the Azure Policy add-on, Container
 * Insights and the control plane's audit log in Log Analytics, and automatic patch upgrades.
 *
 * The system pool is inline (`agentPoolProfiles`): AKS needs one at creation. User pools are separate
 * `containerservice.AgentPool` children: AKS refuses a new pool introduced through the managed cluster
 * operation ("Adding agent pools to an existing cluster is not allowed through managed cluster
 * operations", pulumi-azure-native#579), so a pool appended later must be its own resource.
 *
 * The Kubernetes provider uses the cluster's Entra ID (`exec`) kubeconfig: the machine running Pulumi needs
 * `kubelogin` on its PATH, `AAD_LOGIN_METHOD=azurecli` (or `workloadidentity`/`spn` in CI; kubelogin's
 * environment overrides the kubeconfig's `--login devicecode`), an identity in an admin group or with an
 * Azure RBAC Kubernetes role, and a network path to the private API server (inside the VNet or peered).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  AgentPool,
  listManagedClusterUserCredentialsOutput,
  ManagedCluster,
} from "@pulumi/azure-native/containerservice";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity";
import type { Key } from "@pulumi/azure-native/keyvault";
import { Provider } from "@pulumi/kubernetes/provider";
import { Address4 } from "ip-address";
import { childName, shape, validateArgs, type ArgsSchema, type ProblemCollector } from "@palisade/core";
import { AzureChildren } from "./children";
import { confidentialSizeProblem, DEFAULT_CONFIDENTIAL_SIZE, type AzureTee } from "./confidential-sizes";
import { createDiagnosticSettings } from "./diagnostic-settings";
import { createDiskEncryptionSet, diskEncryptionSetNames } from "./disk-encryption-set";
import { createVaultKey, KEY_VAULT_REFERENCE_SCHEMA, type KeyVaultReference } from "./key-vault";
import { AZURE_GUID, AZURE_NAME_RULES, checkChildNames, type NamedChild } from "./names";
import { grantRole } from "./roles";
import { AZURE_COMPONENT_SCHEMA, resolveAzureSettings, type AzureComponentArgs } from "./settings";

/**
 * The node OS on a confidential size. AKS supports CVM on `Ubuntu2404` (Kubernetes 1.32 and later) and on
 * Azure Linux 3.0 (preview: register `AzureLinuxCVMPreview`); not on Ubuntu 22.04. Plain `Ubuntu` is left
 * out: on Kubernetes before 1.34 it gives CVM nodes the Ubuntu 20.04 image, which AKS retires in March 2027,
 * and its version moves with the Kubernetes version; `Ubuntu2404` pins it.
 */
export type AksNodeOsSku = "Ubuntu2404" | "AzureLinux";

export interface AksSystemPool {
  /**
   * VM size: a confidential size running `tee`. Forces replacement of the pool when changed.
   * @default DEFAULT_CONFIDENTIAL_SIZE (Standard_DC4es_v6, Intel TDX)
   */
  vmSize?: string;
  /** The TEE the size must run. @default "tdx" */
  tee?: AzureTee;
  /** Node OS. @default "Ubuntu2404" */
  osSku?: AksNodeOsSku;
  /** Autoscaler lower bound (also the initial count). @default 1 for a system pool, 0 for a user pool */
  minCount?: number;
  /** Autoscaler upper bound. @default 3 */
  maxCount?: number;
}

export interface AksNodePool extends AksSystemPool {
  /** Pool name: 1-12 lowercase letters or digits, starting with a letter. Forces replacement when changed. */
  name: string;
  /** `User` for workloads, `System` for another pool of system pods. @default "User" */
  mode?: "User" | "System";
}

export interface ZeroTrustAksClusterArgs extends AzureComponentArgs {
  /**
   * The vault the KMS secrets key and the node disk key are created in. Its public network access is
   * disabled, so the cluster reaches it privately through API Server VNet Integration. Required.
   */
  keyVault: KeyVaultReference;
  /**
   * The API server's subnet (resource id), delegated to `Microsoft.ContainerService/managedClusters`, at
   * least /28, not the node subnet. Required. Forces replacement when changed.
   */
  apiServerSubnetId: pulumi.Input<string>;
  /** The nodes' subnet (resource id), with its NAT gateway or route table. Required. Forces replacement of the pools. */
  nodeSubnetId: pulumi.Input<string>;
  /** Entra ID groups (object ids) whose members administer the cluster. Required, at least one. */
  adminGroupObjectIds: string[];
  /**
   * Log Analytics workspace (resource id) for Defender, Container Insights and the control plane's audit
   * log. Required.
   */
  workspaceResourceId: pulumi.Input<string>;
  /**
   * How nodes reach the internet: the node subnet's NAT gateway (SegmentedVnet gives it one) or a route
   * table through a firewall (`userDefinedRouting`). Never a public load balancer.
   * @default "userAssignedNATGateway"
   */
  outboundType?: "userAssignedNATGateway" | "userDefinedRouting";
  /** Pods' overlay range: private, overlapping neither the VNet nor `serviceCidr`. @default "10.244.0.0/16" */
  podCidr?: string;
  /** Services' range: private, overlapping neither the VNet nor `podCidr`. Forces replacement. @default "10.245.0.0/16" */
  serviceCidr?: string;
  /** The cluster DNS service's address, inside `serviceCidr`. Forces replacement. @default "10.245.0.10" */
  dnsServiceIP?: string;
  /** The system pool (named `system`). @default one to three Standard_DC4es_v6 TDX nodes on Ubuntu 24.04 */
  systemPool?: AksSystemPool;
  /** User pools; each its own AgentPool. @default none: workloads run on the system pool */
  nodePools?: AksNodePool[];
  /** Kubernetes version (`1.33` or `1.33.2`). @default AKS's default version */
  kubernetesVersion?: string;
  /** Cluster auto-upgrade channel. @default "patch" */
  upgradeChannel?: "patch" | "stable" | "rapid";
  /** Node OS image upgrades. @default "NodeImage" */
  nodeOsUpgradeChannel?: "NodeImage" | "SecurityPatch";
}

const TYPE = "palisade:azure:ZeroTrustAksCluster";
const SYSTEM_POOL = "system";
/** The node OS of CVM pools; Kubernetes 1.32 is the first that supports CVM on it. */
const DEFAULT_OS_SKU: AksNodeOsSku = "Ubuntu2404";
const UBUNTU_2404_MIN_MINOR = 32;
/** The AKS maximum per pool. */
const MAX_NODES = 1000;
/**
 * Private ranges AKS forbids for services (https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay);
 * its other forbidden ranges, 169.254.0.0/16 and 192.0.2.0/24, are not private and refused anyway.
 */
const SERVICE_CIDR_FORBIDDEN = ["172.30.0.0/16", "172.31.0.0/16"];
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
const SUBNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
const WORKSPACE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;
/** A cluster's DNS prefix: 1-54 letters, digits or '-', starting and ending with a letter or digit. */
const DNS_PREFIX = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/;

interface ResolvedPool {
  name: string;
  mode: "System" | "User";
  vmSize: string;
  tee: AzureTee;
  osSku: AksNodeOsSku;
  minCount: number;
  maxCount: number;
}

export class ZeroTrustAksCluster extends pulumi.ComponentResource {
  readonly cluster: ManagedCluster;
  readonly clusterId: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  /** The OIDC issuer workload identity federates with. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly controlPlaneIdentity: UserAssignedIdentity;
  readonly controlPlaneIdentityPrincipalId: pulumi.Output<string>;
  readonly kubeletIdentity: UserAssignedIdentity;
  readonly kubeletIdentityObjectId: pulumi.Output<string>;
  /** The KMS secrets key; AKS pins its version (see `kmsKeyId`). */
  readonly kmsKey: Key;
  /**
   * The versioned key id KMS encrypts secrets with. The key rotates in Key Vault, but the cluster keeps
   * this version until `az aks update --azure-keyvault-kms-key-id` names the new one.
   */
  readonly kmsKeyId: pulumi.Output<string>;
  readonly nodePools: AgentPool[];
  /** The Entra ID (kubelogin `exec`) kubeconfig, secret; it holds no credential of its own. */
  readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster through its private API server (see the module comment). */
  readonly provider: Provider;

  constructor(name: string, args: ZeroTrustAksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const { settings, resolved } = validateArgs(
      `${TYPE} "${name}"`,
      AKS_CLUSTER_SCHEMA,
      args,
      (problems, a: ZeroTrustAksClusterArgs) => checkAksClusterArgs(problems, name, a),
    );
    super(TYPE, name, {}, opts);
    const children = new AzureChildren(this, settings);
    const identityScope = { resourceGroupName: true, location: true, tags: true } as const;

    // KMS requires a user-assigned control-plane identity; the kubelet's own identity keeps image pulls
    // and node operations off the control plane's permissions.
    this.controlPlaneIdentity = children.create(
      UserAssignedIdentity,
      childName(name, "control-plane"),
      identityScope,
      {},
    );
    this.kubeletIdentity = children.create(
      UserAssignedIdentity,
      childName(name, "kubelet"),
      identityScope,
      {},
    );
    const controlPlane = {
      principalId: this.controlPlaneIdentity.principalId,
      principalType: "ServicePrincipal" as const,
    };
    const grants = [
      grantRole(children, childName(name, "kubelet-operator"), {
        ...controlPlane,
        role: "Managed Identity Operator",
        scope: this.kubeletIdentity.id,
      }),
      grantRole(children, childName(name, "api-subnet-network"), {
        ...controlPlane,
        role: "Network Contributor",
        scope: args.apiServerSubnetId,
      }),
      grantRole(children, childName(name, "node-subnet-network"), {
        ...controlPlane,
        role: "Network Contributor",
        scope: args.nodeSubnetId,
      }),
    ];

    // The KMS v2 plugin encrypts and decrypts data encryption keys with this key.
    // AKS names one key version: an expired version would stop the cluster from writing secrets.
    this.kmsKey = createVaultKey(children, childName(name, "kms"), args.keyVault, {
      keyOps: ["encrypt", "decrypt"],
      pinnedVersion: true,
    });
    grants.push(
      grantRole(children, childName(name, "kms-user"), {
        ...controlPlane,
        role: "Key Vault Crypto User",
        scope: this.kmsKey.id,
      }),
    );
    const disks = createDiskEncryptionSet(
      children,
      childName(name, "nodes"),
      args.keyVault,
      "EncryptionAtRestWithCustomerKey",
    );
    grants.push(disks.keyGrant);

    const system = resolved.pools.find((p) => p.name === SYSTEM_POOL)!;
    this.cluster = children.create(
      ManagedCluster,
      childName(name, "aks"),
      { resourceGroupName: true, location: true, tags: true },
      {
        dnsPrefix: name,
        kubernetesVersion: args.kubernetesVersion,
        sku: { name: "Base", tier: "Standard" },
        identity: { type: "UserAssigned", userAssignedIdentities: [this.controlPlaneIdentity.id] },
        identityProfile: {
          kubeletidentity: {
            resourceId: this.kubeletIdentity.id,
            clientId: this.kubeletIdentity.clientId,
            objectId: this.kubeletIdentity.principalId,
          },
        },
        enableRBAC: true,
        disableLocalAccounts: true,
        aadProfile: {
          managed: true,
          enableAzureRBAC: true,
          adminGroupObjectIDs: args.adminGroupObjectIds,
          tenantID: children.clientConfig.tenantId,
        },
        publicNetworkAccess: "Disabled",
        apiServerAccessProfile: {
          enablePrivateCluster: true,
          enablePrivateClusterPublicFQDN: false,
          // A private vault is reachable for KMS only through API Server VNet Integration.
          enableVnetIntegration: true,
          subnetId: args.apiServerSubnetId,
          privateDNSZone: "system",
          disableRunCommand: true,
        },
        networkProfile: {
          networkPlugin: "azure",
          networkPluginMode: "overlay",
          networkDataplane: "cilium",
          networkPolicy: "cilium",
          outboundType: resolved.outboundType,
          podCidr: resolved.podCidr,
          serviceCidr: resolved.serviceCidr,
          dnsServiceIP: resolved.dnsServiceIP,
        },
        agentPoolProfiles: [{ name: SYSTEM_POOL, ...poolProfile(system, args.nodeSubnetId) }],
        diskEncryptionSetID: disks.diskEncryptionSet.id,
        oidcIssuerProfile: { enabled: true },
        securityProfile: {
          workloadIdentity: { enabled: true },
          imageCleaner: { enabled: true, intervalHours: 24 },
          defender: {
            logAnalyticsWorkspaceResourceId: args.workspaceResourceId,
            securityMonitoring: { enabled: true },
          },
          azureKeyVaultKms: {
            enabled: true,
            keyId: this.kmsKey.keyUriWithVersion,
            keyVaultNetworkAccess: "Private",
            keyVaultResourceId: args.keyVault.vaultId,
          },
        },
        addonProfiles: {
          azurepolicy: { enabled: true },
          // Container Insights: node and pod logs and metrics, sent with Entra ID auth (no workspace key).
          omsagent: {
            enabled: true,
            config: { logAnalyticsWorkspaceResourceID: args.workspaceResourceId, useAADAuth: "true" },
          },
        },
        autoUpgradeProfile: {
          upgradeChannel: resolved.upgradeChannel,
          nodeOSUpgradeChannel: resolved.nodeOsUpgradeChannel,
        },
      },
      { dependsOn: grants },
    );

    this.nodePools = resolved.pools
      .filter((p) => p.name !== SYSTEM_POOL)
      .map((pool) =>
        children.create(
          AgentPool,
          childName(name, `pool-${pool.name}`),
          { resourceGroupName: true, tags: true },
          {
            resourceName: this.cluster.name,
            agentPoolName: pool.name,
            ...poolProfile(pool, args.nodeSubnetId),
          },
        ),
      );

    // Who used the API server, and Entra ID's authorization decisions (without the volume of reads).
    createDiagnosticSettings(
      children,
      childName(name, "aks"),
      this.cluster.id,
      [{ workspaceResourceId: args.workspaceResourceId }],
      { categories: ["kube-audit-admin", "guard"] },
    );

    this.clusterId = this.cluster.id;
    this.clusterName = this.cluster.name;
    this.oidcIssuerUrl = this.cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");
    this.controlPlaneIdentityPrincipalId = this.controlPlaneIdentity.principalId;
    this.kubeletIdentityObjectId = this.kubeletIdentity.principalId;
    this.kmsKeyId = this.kmsKey.keyUriWithVersion;

    const credentials = listManagedClusterUserCredentialsOutput(
      { resourceGroupName: settings.resourceGroupName, resourceName: this.cluster.name, format: "exec" },
      { parent: this },
    );
    this.kubeconfig = pulumi.secret(
      credentials.apply((c) => Buffer.from(c.kubeconfigs[0]?.value ?? "", "base64").toString("utf8")),
    );
    this.provider = new Provider(
      childName(name, "k8s"),
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this },
    );
    this.registerOutputs({
      clusterId: this.clusterId,
      clusterName: this.clusterName,
      oidcIssuerUrl: this.oidcIssuerUrl,
      kubeletIdentityObjectId: this.kubeletIdentityObjectId,
      controlPlaneIdentityPrincipalId: this.controlPlaneIdentityPrincipalId,
      kmsKeyId: this.kmsKeyId,
    });
  }
}

/**
 * What every pool gets: a confidential size, private nodes in the node subnet, managed OS disks (under the
 * cluster's disk encryption set) and autoscaling. FIPS stays off: AKS does not support it on CVM sizes, nor
 * Trusted Launch (`securityProfile.enableSecureBoot/enableVTPM`), which a CVM's own secure boot and vTPM replace.
 */
function poolProfile(pool: ResolvedPool, nodeSubnetId: pulumi.Input<string>) {
  return {
    mode: pool.mode,
    vmSize: pool.vmSize,
    osType: "Linux",
    osSKU: pool.osSku,
    osDiskType: "Managed",
    enableFIPS: false,
    enableNodePublicIP: false,
    vnetSubnetID: nodeSubnetId,
    enableAutoScaling: true,
    count: pool.minCount,
    minCount: pool.minCount,
    maxCount: pool.maxCount,
    type: "VirtualMachineScaleSets",
  };
}

const POOL_PROPERTIES: Record<string, ArgsSchema> = {
  vmSize: shape.string("must be an Azure confidential VM size"),
  tee: shape.oneOf(["tdx", "sev-snp"]),
  osSku: shape.oneOf(["Ubuntu2404", "AzureLinux"]),
  minCount: shape.integer("must be a whole number of nodes"),
  maxCount: shape.integer("must be a whole number of nodes"),
};

export const AKS_CLUSTER_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    keyVault: KEY_VAULT_REFERENCE_SCHEMA,
    apiServerSubnetId: shape.input(
      shape.string("must be a subnet resource id"),
      "must be a subnet resource id or an Output of one",
    ),
    nodeSubnetId: shape.input(
      shape.string("must be a subnet resource id"),
      "must be a subnet resource id or an Output of one",
    ),
    adminGroupObjectIds: shape.array(
      shape.string("must be an Entra ID group object id"),
      "must list Entra ID group object ids",
    ),
    workspaceResourceId: shape.input(
      shape.string("must be a Log Analytics workspace resource id"),
      "must be a Log Analytics workspace resource id or an Output of one",
    ),
    outboundType: shape.oneOf(["userAssignedNATGateway", "userDefinedRouting"]),
    podCidr: shape.string("must be an IPv4 CIDR such as 10.244.0.0/16"),
    serviceCidr: shape.string("must be an IPv4 CIDR such as 10.245.0.0/16"),
    dnsServiceIP: shape.string("must be an IPv4 address such as 10.245.0.10"),
    systemPool: shape.object(POOL_PROPERTIES, {
      description: "must be { vmSize?, tee?, osSku?, minCount?, maxCount? }",
    }),
    nodePools: shape.array(
      shape.object(
        {
          ...POOL_PROPERTIES,
          name: shape.string("must be a pool name"),
          mode: shape.oneOf(["User", "System"]),
        },
        { required: ["name"], description: "must be a node pool { name, vmSize?, tee?, mode?, ... }" },
      ),
      "must list node pools",
    ),
    kubernetesVersion: shape.string('must be a Kubernetes version such as "1.33"'),
    upgradeChannel: shape.oneOf(["patch", "stable", "rapid"]),
    nodeOsUpgradeChannel: shape.oneOf(["NodeImage", "SecurityPatch"]),
  },
  {
    required: [
      "resourceGroupName",
      "keyVault",
      "apiServerSubnetId",
      "nodeSubnetId",
      "adminGroupObjectIds",
      "workspaceResourceId",
    ],
  },
);

/** The names a ZeroTrustAksCluster derives from its component name, for the checks up front. */
export function aksClusterNames(name: string, poolNames: readonly string[] = []): NamedChild[] {
  return [
    { type: "azure-native:managedidentity:UserAssignedIdentity", name: childName(name, "control-plane") },
    { type: "azure-native:managedidentity:UserAssignedIdentity", name: childName(name, "kubelet") },
    { type: "azure-native:keyvault:Key", name: childName(name, "kms") },
    ...diskEncryptionSetNames(childName(name, "nodes")),
    { type: "azure-native:containerservice:ManagedCluster", name: childName(name, "aks") },
    {
      type: "azure-native:monitor:DiagnosticSetting",
      name: childName(childName(name, "aks"), "diagnostics"),
    },
    ...poolNames.map((pool): NamedChild => ({
      type: "azure-native:containerservice:AgentPool",
      name: childName(name, `pool-${pool}`),
      inputs: { agentPoolName: pool },
    })),
  ];
}

/** A network address CIDR (`10.244.0.0/16`, not `10.244.1.0/16`) inside a private range, or undefined. */
function privateNetwork(value: string | undefined): Address4 | undefined {
  if (value === undefined || !Address4.isValid(value) || !value.includes("/")) return undefined;
  const cidr = new Address4(value);
  if (cidr.startAddress().correctForm() !== cidr.correctForm()) return undefined;
  return PRIVATE_RANGES.some((r) => cidr.isInSubnet(new Address4(r))) ? cidr : undefined;
}

function overlaps(a: Address4, b: Address4): boolean {
  return a.isInSubnet(b) || b.isInSubnet(a);
}

function checkCidrs(problems: ProblemCollector, args: ZeroTrustAksClusterArgs) {
  const podCidr = args.podCidr ?? "10.244.0.0/16";
  const serviceCidr = args.serviceCidr ?? "10.245.0.0/16";
  const dnsServiceIP = args.dnsServiceIP ?? "10.245.0.10";
  const pods = privateNetwork(podCidr);
  const services = privateNetwork(serviceCidr);
  const rule =
    "must be a private IPv4 network address in CIDR form (10/8, 172.16/12, 192.168/16 or 100.64/10)";
  problems.require(pods !== undefined, "podCidr", args.podCidr, rule);
  problems.require(services !== undefined, "serviceCidr", args.serviceCidr, rule);
  if (services) {
    const forbidden = SERVICE_CIDR_FORBIDDEN.find((r) => overlaps(services, new Address4(r)));
    if (forbidden)
      problems.add("serviceCidr", serviceCidr, `must not overlap ${forbidden} (reserved by AKS)`);
  }
  if (pods && services)
    problems.require(
      !overlaps(pods, services),
      "serviceCidr",
      serviceCidr,
      `must not overlap podCidr ${podCidr}`,
    );
  const dns =
    Address4.isValid(dnsServiceIP) && !dnsServiceIP.includes("/") ? new Address4(dnsServiceIP) : undefined;
  if (dns === undefined) problems.add("dnsServiceIP", args.dnsServiceIP, "must be an IPv4 address");
  else if (services) {
    // The network address, the first host (the kubernetes service) and the last address are taken.
    const address = dns.bigInt();
    problems.require(
      dns.isInSubnet(services) &&
        address > services.startAddress().bigInt() + 1n &&
        address < services.endAddress().bigInt(),
      "dnsServiceIP",
      dnsServiceIP,
      `must be inside serviceCidr ${serviceCidr}, neither its first two nor its last address`,
    );
  }
  return { podCidr, serviceCidr, dnsServiceIP };
}

function checkPool(
  problems: ProblemCollector,
  at: string,
  pool: AksSystemPool & { name: string; mode: "System" | "User" },
  minor: number | undefined,
): ResolvedPool {
  const resolved: ResolvedPool = {
    name: pool.name,
    mode: pool.mode,
    vmSize: pool.vmSize ?? DEFAULT_CONFIDENTIAL_SIZE,
    tee: pool.tee ?? "tdx",
    osSku: pool.osSku ?? DEFAULT_OS_SKU,
    minCount: pool.minCount ?? (pool.mode === "System" ? 1 : 0),
    maxCount: pool.maxCount ?? 3,
  };
  const sizeProblem = confidentialSizeProblem(resolved.vmSize, resolved.tee);
  if (sizeProblem) problems.add(`${at}.vmSize`, pool.vmSize ?? resolved.vmSize, sizeProblem);
  if (resolved.osSku === "Ubuntu2404" && minor !== undefined)
    problems.require(
      minor >= UBUNTU_2404_MIN_MINOR,
      `${at}.osSku`,
      resolved.osSku,
      `needs Kubernetes 1.${UBUNTU_2404_MIN_MINOR} or later for confidential nodes (kubernetesVersion is 1.${minor})`,
    );
  const floor = pool.mode === "System" ? 1 : 0;
  problems.require(
    resolved.minCount >= floor && resolved.minCount <= MAX_NODES,
    `${at}.minCount`,
    resolved.minCount,
    `must be ${floor} to ${MAX_NODES}${pool.mode === "System" ? " (a system pool keeps a node)" : ""}`,
  );
  problems.require(
    resolved.maxCount >= Math.max(1, resolved.minCount) && resolved.maxCount <= MAX_NODES,
    `${at}.maxCount`,
    resolved.maxCount,
    `must be 1 to ${MAX_NODES} and at least minCount`,
  );
  return resolved;
}

/** Every rule a ZeroTrustAksCluster's args must meet, with the values they resolve to. */
export function checkAksClusterArgs(problems: ProblemCollector, name: string, args: ZeroTrustAksClusterArgs) {
  const settings = resolveAzureSettings(problems, name, args);
  problems.require(
    DNS_PREFIX.test(name),
    "name",
    name,
    "must be 1-54 letters, digits or '-', starting and ending with a letter or digit (the cluster's DNS prefix)",
  );
  const groups = args.adminGroupObjectIds ?? [];
  problems.require(
    groups.length > 0,
    "adminGroupObjectIds",
    args.adminGroupObjectIds,
    "must name at least one Entra ID group: with local accounts disabled, no one could administer the cluster",
  );
  groups.forEach((id, i) =>
    problems.require(
      AZURE_GUID.test(id),
      `adminGroupObjectIds[${i}]`,
      id,
      "must be an Entra ID group object id (a GUID)",
    ),
  );
  for (const key of ["apiServerSubnetId", "nodeSubnetId"] as const) {
    const id = args[key];
    if (typeof id === "string")
      problems.require(
        SUBNET_ID.test(id),
        key,
        id,
        "must be a subnet resource id (/subscriptions/…/virtualNetworks/<vnet>/subnets/<subnet>)",
      );
  }
  if (typeof args.apiServerSubnetId === "string" && typeof args.nodeSubnetId === "string")
    problems.require(
      args.apiServerSubnetId.toLowerCase() !== args.nodeSubnetId.toLowerCase(),
      "apiServerSubnetId",
      args.apiServerSubnetId,
      "must not be the node subnet: it is delegated to Microsoft.ContainerService/managedClusters",
    );
  if (typeof args.workspaceResourceId === "string")
    problems.require(
      WORKSPACE_ID.test(args.workspaceResourceId),
      "workspaceResourceId",
      args.workspaceResourceId,
      "must be a Log Analytics workspace resource id",
    );
  const cidrs = checkCidrs(problems, args);

  const version =
    args.kubernetesVersion === undefined ? undefined : /^1\.(\d+)(?:\.\d+)?$/.exec(args.kubernetesVersion);
  if (args.kubernetesVersion !== undefined)
    problems.require(
      version !== null,
      "kubernetesVersion",
      args.kubernetesVersion,
      'must be a Kubernetes version such as "1.33" or "1.33.2"',
    );
  const minor = version ? Number(version[1]) : undefined;

  const pools = [
    checkPool(problems, "systemPool", { ...args.systemPool, name: SYSTEM_POOL, mode: "System" }, minor),
  ];
  const poolRule = AZURE_NAME_RULES["azure-native:containerservice:AgentPool"]!;
  const seen = new Set([SYSTEM_POOL]);
  (args.nodePools ?? []).forEach((pool, i) => {
    const at = `nodePools[${i}]`;
    problems.require(
      poolRule.pattern.test(pool.name),
      `${at}.name`,
      pool.name,
      `must be ${poolRule.describe}`,
    );
    problems.require(
      !seen.has(pool.name),
      `${at}.name`,
      pool.name,
      `must be unique among the pools ("${SYSTEM_POOL}" is the system pool)`,
    );
    seen.add(pool.name);
    pools.push(checkPool(problems, at, { ...pool, mode: pool.mode ?? "User" }, minor));
  });
  checkChildNames(
    problems,
    "name",
    name,
    aksClusterNames(
      name,
      pools.filter((p) => p.name !== SYSTEM_POOL && poolRule.pattern.test(p.name)).map((p) => p.name),
    ),
  );
  return {
    settings,
    resolved: {
      ...cidrs,
      pools,
      outboundType: args.outboundType ?? "userAssignedNATGateway",
      upgradeChannel: args.upgradeChannel ?? "patch",
      nodeOsUpgradeChannel: args.nodeOsUpgradeChannel ?? "NodeImage",
    },
  };
}
