/**
 * examples/azure-confidential-analytics written with raw @pulumi/azure-native and @pulumi/kubernetes
 * resources (submodule imports, as a careful user would), the same kinds and number of resources with the
 * same secure settings as the Palisade components register: the baseline for bench/typecheck. Never built,
 * tested or deployed.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput, RoleAssignment } from "@pulumi/azure-native/authorization";
import {
  Disk,
  DiskEncryptionSet,
  VirtualMachine,
  VirtualMachineExtension,
} from "@pulumi/azure-native/compute";
import {
  listManagedClusterUserCredentialsOutput,
  ManagedCluster,
} from "@pulumi/azure-native/containerservice";
import { Key, Vault } from "@pulumi/azure-native/keyvault";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity";
import { DiagnosticSetting, SubscriptionDiagnosticSetting } from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import { Table, Workspace } from "@pulumi/azure-native/operationalinsights";
import { PrivateZone, VirtualNetworkLink } from "@pulumi/azure-native/privatedns";
import { ResourceGroup } from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { Deployment } from "@pulumi/kubernetes/apps/v1";
import {
  LimitRange,
  Namespace,
  NamespacePatch,
  ResourceQuota,
  Service,
  ServiceAccount,
  ServiceAccountPatch,
} from "@pulumi/kubernetes/core/v1";
import { Release } from "@pulumi/kubernetes/helm/v3";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1";
import { Provider } from "@pulumi/kubernetes/provider";

const config = new pulumi.Config();
const location = new pulumi.Config("azure-native").require("location");
const tags = {
  "compliance-frameworks": "hipaa",
  "data-classification": "phi",
  "managed-by": "palisade",
  owner: "analytics",
};
const retain = { retainOnDelete: true };
const client = getClientConfigOutput();
const roleId = (id: string) =>
  client.apply(
    (c) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${id}`,
  );
const roles = {
  encryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  releaseUser: "08bbd89e-9f13-488c-ac41-acfcb10c90ab",
  cryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  identityOperator: "f1a07417-d97a-45cb-824c-7a7467783830",
};
function grant(name: string, role: string, principalId: pulumi.Input<string>, scope: pulumi.Input<string>) {
  return new RoleAssignment(
    name,
    { principalId, principalType: "ServicePrincipal", roleDefinitionId: roleId(role), scope },
    retain,
  );
}

const group = new ResourceGroup("analytics", {}, retain);
const resourceGroupName = group.name;
const regional = { resourceGroupName, location, tags };

// The subscription's activity log, kept 730 days in the workspace and six years in AzureActivity.
const workspace = new Workspace(
  "audit-log",
  {
    ...regional,
    sku: { name: "PerGB2018" },
    retentionInDays: 730,
    publicNetworkAccessForIngestion: "Disabled",
    publicNetworkAccessForQuery: "Enabled",
    features: {
      disableLocalAuth: true,
      enableLogAccessUsingOnlyResourcePermissions: true,
      immediatePurgeDataOn30Days: false,
    },
  },
  retain,
);
new Table(
  "audit-log-AzureActivity",
  {
    resourceGroupName,
    workspaceName: workspace.name,
    tableName: "AzureActivity",
    totalRetentionInDays: 2192,
  },
  retain,
);
new SubscriptionDiagnosticSetting(
  "audit-activity",
  {
    workspaceId: workspace.id,
    logs: [
      "Administrative",
      "Security",
      "ServiceHealth",
      "Alert",
      "Recommendation",
      "Policy",
      "Autoscale",
      "ResourceHealth",
    ].map((category) => ({ category, enabled: true })),
  },
  retain,
);
const auditTo = (
  name: string,
  resourceUri: pulumi.Input<string>,
  logs: { category?: string; categoryGroup?: string }[],
) =>
  new DiagnosticSetting(
    name,
    { resourceUri, workspaceId: workspace.id, logs: logs.map((l) => ({ ...l, enabled: true })) },
    retain,
  );

// The network: four tiers, each behind a deny-all NSG with named allows; NAT egress for AKS nodes only.
const cidrs = { endpoints: "10.50.0.0/26", vm: "10.50.1.0/24", aks: "10.50.4.0/22", aksapi: "10.50.0.64/28" };
type Tier = keyof typeof cidrs;
const vnet = new network.VirtualNetwork("analytics-vnet", {
  ...regional,
  addressSpace: { addressPrefixes: ["10.50.0.0/16"] },
});
const natIp = new network.PublicIPAddress("analytics-nat-ip", {
  ...regional,
  sku: { name: "Standard", tier: "Regional" },
  publicIPAllocationMethod: "Static",
  publicIPAddressVersion: "IPv4",
});
const nat = new network.NatGateway("analytics-nat", {
  ...regional,
  sku: { name: "Standard" },
  publicIpAddresses: [{ id: natIp.id }],
});
interface Allow {
  name: string;
  direction: "Inbound" | "Outbound";
  ports: string[];
  from: Tier[];
  to: Tier[];
  toPrefix?: string;
}
const allows: Allow[] = [
  { name: "aks-to-vm", direction: "Inbound", ports: ["8443"], from: ["aks"], to: ["vm"] },
  {
    name: "to-endpoints",
    direction: "Inbound",
    ports: ["443"],
    from: ["vm", "aks", "aksapi"],
    to: ["endpoints"],
  },
  {
    name: "from-workloads",
    direction: "Outbound",
    ports: ["443"],
    from: ["vm", "aks", "aksapi"],
    to: ["endpoints"],
  },
  { name: "vm-from-aks", direction: "Outbound", ports: ["8443"], from: ["aks"], to: ["vm"] },
  {
    name: "aks-to-api",
    direction: "Outbound",
    ports: ["443", "10250"],
    from: ["aks", "aksapi"],
    to: ["aks", "aksapi"],
  },
  {
    name: "api-to-aks",
    direction: "Inbound",
    ports: ["443", "10250"],
    from: ["aks", "aksapi"],
    to: ["aks", "aksapi"],
  },
  {
    name: "aks-egress",
    direction: "Outbound",
    ports: ["443"],
    from: ["aks"],
    to: [],
    toPrefix: "AzureCloud",
  },
  {
    name: "aks-images",
    direction: "Outbound",
    ports: ["443"],
    from: ["aks"],
    to: [],
    toPrefix: "MicrosoftContainerRegistry",
  },
];
const side = (field: "source" | "destination", prefixes: string[]) =>
  prefixes.length === 1
    ? { [`${field}AddressPrefix`]: prefixes[0] }
    : { [`${field}AddressPrefixes`]: prefixes };
const denyAll = (direction: "Inbound" | "Outbound") => ({
  name: `DenyAll${direction}`,
  priority: 4096,
  direction,
  access: "Deny",
  protocol: "*",
  sourceAddressPrefix: "*",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "*",
});
function rules(tier: Tier): network.NetworkSecurityGroupArgs["securityRules"] {
  const own = allows.flatMap((allow, index) => {
    const inbound = allow.direction === "Inbound";
    if (!(inbound ? allow.to : allow.from).includes(tier)) return [];
    const destinations = [...allow.to.map((t) => cidrs[t]), ...(allow.toPrefix ? [allow.toPrefix] : [])];
    return [
      {
        name: allow.name,
        priority: 100 + index,
        direction: allow.direction,
        access: "Allow",
        protocol: "Tcp",
        ...side("source", inbound ? allow.from.map((t) => cidrs[t]) : [cidrs[tier]]),
        sourcePortRange: "*",
        ...side("destination", inbound ? [cidrs[tier]] : destinations),
        ...(allow.ports.length === 1
          ? { destinationPortRange: allow.ports[0] }
          : { destinationPortRanges: allow.ports }),
      },
    ];
  });
  return [...own, denyAll("Inbound"), denyAll("Outbound")];
}
const subnetIds = {} as Record<Tier, pulumi.Output<string>>;
let previous: network.Subnet | undefined;
for (const tier of Object.keys(cidrs) as Tier[]) {
  const nsg = new network.NetworkSecurityGroup(`analytics-${tier}-nsg`, {
    ...regional,
    securityRules: rules(tier),
  });
  const subnet: network.Subnet = new network.Subnet(
    `analytics-${tier}`,
    {
      resourceGroupName,
      virtualNetworkName: vnet.name,
      addressPrefix: cidrs[tier],
      defaultOutboundAccess: false,
      privateEndpointNetworkPolicies: "Enabled",
      networkSecurityGroup: { id: nsg.id },
      ...(tier === "aks" ? { natGateway: { id: nat.id } } : {}),
      ...(tier === "aksapi"
        ? { delegations: [{ name: "delegation", serviceName: "Microsoft.ContainerService/managedClusters" }] }
        : {}),
    },
    previous ? { dependsOn: [previous] } : {},
  );
  previous = subnet;
  subnetIds[tier] = subnet.id;
}
const dnsZones = { vault: "privatelink.vaultcore.azure.net", blob: "privatelink.blob.core.windows.net" };
const dnsZoneIds = {} as Record<keyof typeof dnsZones, pulumi.Output<string>>;
for (const [groupId, privateZoneName] of Object.entries(dnsZones) as [keyof typeof dnsZones, string][]) {
  const zone = new PrivateZone(`analytics-${groupId}-dns`, {
    resourceGroupName,
    location: "global",
    tags,
    privateZoneName,
  });
  new VirtualNetworkLink(`analytics-${groupId}-dns-link`, {
    resourceGroupName,
    location: "global",
    tags,
    privateZoneName: zone.name,
    virtualNetwork: { id: vnet.id },
    registrationEnabled: false,
  });
  dnsZoneIds[groupId] = zone.id;
}
function privateEndpoint(name: string, target: pulumi.Input<string>, groupId: keyof typeof dnsZones) {
  const endpoint = new network.PrivateEndpoint(name, {
    ...regional,
    subnet: { id: subnetIds.endpoints },
    privateLinkServiceConnections: [{ name, privateLinkServiceId: target, groupIds: [groupId] }],
  });
  new network.PrivateDnsZoneGroup(`${name}-dns`, {
    resourceGroupName,
    privateEndpointName: endpoint.name,
    privateDnsZoneGroupName: "default",
    privateDnsZoneConfigs: [{ name: "zone-0", privateDnsZoneId: dnsZoneIds[groupId] }],
  });
}

// Keys: a Premium, purge-protected, RBAC-only vault, closed to the public network, audited.
const vault = new Vault(
  "keys-kv",
  {
    ...regional,
    properties: {
      tenantId: client.tenantId,
      sku: { family: "A", name: "premium" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      enablePurgeProtection: true,
      softDeleteRetentionInDays: 90,
      enabledForDiskEncryption: true,
      enabledForDeployment: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
    },
  },
  retain,
);
auditTo("keys-kv-diagnostics", vault.id, [{ categoryGroup: "audit" }]);
privateEndpoint("keys-kv-pe", vault.id, "vault");

/** An RSA-HSM key rotating yearly; a pinned version never expires, a followed one a month after rotating. */
function key(
  name: string,
  opts: { keyOps?: string[]; pinned?: boolean; releasePolicy?: string; keyTags?: typeof tags } = {},
) {
  const rotate = { trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" as const } };
  return new Key(
    name,
    {
      resourceGroupName,
      vaultName: vault.name,
      tags: opts.keyTags ?? tags,
      properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: opts.keyOps ?? ["wrapKey", "unwrapKey"],
        attributes: { enabled: true, exportable: opts.releasePolicy !== undefined },
        ...(opts.releasePolicy
          ? {
              releasePolicy: {
                contentType: "application/json; charset=utf-8",
                data: Buffer.from(opts.releasePolicy).toString("base64url"),
              },
            }
          : {}),
        rotationPolicy: opts.pinned
          ? { lifetimeActions: [rotate] }
          : {
              attributes: { expiryTime: "P395D" },
              lifetimeActions: [
                rotate,
                { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
              ],
            },
      },
    },
    retain,
  );
}

// Data: patient records and the VNet's flow logs, each under its own customer key.
function account(
  name: string,
  opts: { containers: string[]; lifecycle: storage.ManagementPolicyArgs["policy"]; accountTags: typeof tags },
) {
  const identity = new UserAssignedIdentity(`${name}-id`, { ...regional, tags: opts.accountTags }, retain);
  const accountKey = key(`${name}-key`, { keyTags: opts.accountTags });
  const keyGrant = grant(`${name}-key-user`, roles.encryptionUser, identity.principalId, accountKey.id);
  const encrypted = { enabled: true, keyType: "Account" };
  const created = new storage.StorageAccount(
    `${name}st`,
    {
      ...regional,
      tags: opts.accountTags,
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      accessTier: "Hot",
      identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
      encryption: {
        keySource: "Microsoft.Keyvault",
        keyVaultProperties: {
          keyName: accountKey.name,
          keyVaultUri: accountKey.keyUri.apply((uri) => /^(https:\/\/[^/]+\/)/.exec(uri)?.[1] ?? ""),
        },
        encryptionIdentity: { encryptionUserAssignedIdentity: identity.id },
        requireInfrastructureEncryption: true,
        services: { blob: encrypted, file: encrypted, queue: encrypted, table: encrypted },
      },
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: "Disabled",
      networkRuleSet: {
        defaultAction: "Deny",
        bypass: "AzureServices",
        ipRules: [],
        virtualNetworkRules: [],
      },
      allowCrossTenantReplication: false,
      allowedCopyScope: "PrivateLink",
      isLocalUserEnabled: false,
      isSftpEnabled: false,
    },
    { ...retain, dependsOn: [keyGrant] },
  );
  const blobService = new storage.BlobServiceProperties(
    `${name}-blob-service`,
    {
      resourceGroupName,
      accountName: created.name,
      blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 30, allowPermanentDelete: false },
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      changeFeed: { enabled: true },
    },
    retain,
  );
  new storage.ManagementPolicy(
    `${name}-lifecycle`,
    { resourceGroupName, accountName: created.name, managementPolicyName: "default", policy: opts.lifecycle },
    retain,
  );
  for (const containerName of opts.containers)
    new storage.BlobContainer(
      `${name}-container-${containerName}`,
      { resourceGroupName, accountName: created.name, containerName, publicAccess: "None" },
      { ...retain, dependsOn: [blobService] },
    );
  auditTo(
    `${name}-blob-diagnostics`,
    pulumi.interpolate`${created.id}/blobServices/default`,
    ["StorageRead", "StorageWrite", "StorageDelete"].map((category) => ({ category })),
  );
  privateEndpoint(`${name}-blob-pe`, created.id, "blob");
  return created;
}
const blobs = ["blockBlob", "appendBlob"];
const expireVersions = { version: { delete: { daysAfterCreationGreaterThan: 90 } } };
const records = account("records", {
  accountTags: tags,
  containers: ["cohorts", "results"],
  lifecycle: {
    rules: [
      {
        name: "palisadeExpiry",
        enabled: true,
        type: "Lifecycle",
        definition: { filters: { blobTypes: blobs }, actions: expireVersions },
      },
      {
        name: "palisadeTiering",
        enabled: true,
        type: "Lifecycle",
        definition: {
          filters: { blobTypes: ["blockBlob"] },
          actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: 90 } } },
        },
      },
    ],
  },
});
const flowLogStore = account("flowlogs", {
  accountTags: { ...tags, "data-classification": "confidential" },
  containers: [],
  lifecycle: {
    rules: [
      {
        name: "palisadeExpiry",
        enabled: true,
        type: "Lifecycle",
        definition: {
          filters: { blobTypes: blobs },
          actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 2192 } }, ...expireVersions },
        },
      },
    ],
  },
});
new network.FlowLog(
  "analytics-flow-log",
  {
    resourceGroupName: "NetworkWatcherRG",
    location,
    tags,
    networkWatcherName: `NetworkWatcher_${location}`,
    targetResourceId: vnet.id,
    storageId: flowLogStore.id,
    enabled: true,
    format: { type: "JSON", version: 2 },
    retentionPolicy: { enabled: true, days: 0 },
    flowAnalyticsConfiguration: {
      networkWatcherFlowAnalyticsConfiguration: {
        enabled: true,
        workspaceResourceId: workspace.id,
        workspaceId: workspace.customerId,
        workspaceRegion: location,
        trafficAnalyticsInterval: 10,
      },
    },
  },
  retain,
);

/** A key, a disk encryption set over it, and the set's grant on the key. */
function diskEncryption(
  name: string,
  encryptionType: "EncryptionAtRestWithCustomerKey" | "ConfidentialVmEncryptedWithCustomerKey",
  keyOpts: Parameters<typeof key>[1] = {},
) {
  const confidential = encryptionType === "ConfidentialVmEncryptedWithCustomerKey";
  const desKey = key(`${name}-key`, { ...keyOpts, pinned: confidential });
  const set = new DiskEncryptionSet(
    `${name}-des`,
    {
      ...regional,
      encryptionType,
      identity: { type: "SystemAssigned" },
      activeKey: { keyUrl: desKey.keyUriWithVersion, sourceVault: { id: vault.id } },
      rotationToLatestKeyVersionEnabled: !confidential,
    },
    retain,
  );
  const keyGrant = grant(
    `${name}-des-key-user`,
    roles.encryptionUser,
    set.identity.apply((i) => i?.principalId ?? ""),
    desKey.id,
  );
  return { key: desKey, set, keyGrant };
}

// A TDX confidential VM: its OS disk key is released only to an attested TDX VM.
const releasePolicy = JSON.stringify({
  version: "1.0.0",
  anyOf: [
    {
      authority: "https://sharedweu.weu.attest.azure.net",
      allOf: [
        { claim: "x-ms-compliance-status", equals: "azure-compliant-cvm" },
        { anyOf: [{ claim: "x-ms-attestation-type", equals: "tdxvm" }] },
      ],
    },
  ],
});
const osDisk = diskEncryption("analytics-os", "ConfidentialVmEncryptedWithCustomerKey", {
  keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify"],
  releasePolicy,
});
const releaseGrant = grant(
  "analytics-os-key-release",
  roles.releaseUser,
  config.require("confidentialVmOrchestratorObjectId"),
  osDisk.key.id,
);
const dataDisk = diskEncryption("analytics-data", "EncryptionAtRestWithCustomerKey");
const scratch = new Disk(
  "analytics-disk-scratch",
  {
    ...regional,
    creationData: { createOption: "Empty" },
    diskSizeGB: 256,
    sku: { name: "Premium_LRS" },
    encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: dataDisk.set.id },
    networkAccessPolicy: "DenyAll",
    publicNetworkAccess: "Disabled",
  },
  { ...retain, dependsOn: [dataDisk.keyGrant] },
);
const nic = new network.NetworkInterface("analytics-nic", {
  ...regional,
  ipConfigurations: [
    { name: "primary", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: subnetIds.vm } },
  ],
  enableAcceleratedNetworking: false,
  enableIPForwarding: false,
});
const vm = new VirtualMachine(
  "analytics-vm",
  {
    ...regional,
    hardwareProfile: { vmSize: "Standard_DC4es_v6" },
    securityProfile: {
      securityType: "ConfidentialVM",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
    },
    identity: { type: "SystemAssigned" },
    storageProfile: {
      imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "cvm", version: "latest" },
      osDisk: {
        createOption: "FromImage",
        deleteOption: "Detach",
        managedDisk: {
          storageAccountType: "Premium_LRS",
          securityProfile: {
            securityEncryptionType: "DiskWithVMGuestState",
            diskEncryptionSet: { id: osDisk.set.id },
          },
        },
      },
      dataDisks: [
        { lun: 0, createOption: "Attach", deleteOption: "Detach", managedDisk: { id: scratch.id } },
      ],
    },
    osProfile: {
      computerName: "analytics-vm",
      adminUsername: "azureuser",
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        provisionVMAgent: true,
        ssh: {
          publicKeys: [
            { path: "/home/azureuser/.ssh/authorized_keys", keyData: config.require("sshPublicKey") },
          ],
        },
      },
    },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true, deleteOption: "Detach" }] },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
  },
  { ...retain, dependsOn: [osDisk.keyGrant, releaseGrant, dataDisk.keyGrant] },
);
new VirtualMachineExtension("analytics-vm-entra-ssh", {
  ...regional,
  vmName: vm.name,
  vmExtensionName: "AADSSHLoginForLinux",
  publisher: "Microsoft.Azure.ActiveDirectory",
  type: "AADSSHLoginForLinux",
  typeHandlerVersion: "1.0",
  autoUpgradeMinorVersion: true,
});

// The serving cluster: private AKS, Entra ID only, KMS v2 secrets, Intel TDX confidential nodes.
const controlPlane = new UserAssignedIdentity("serving-control-plane", regional);
const kubelet = new UserAssignedIdentity("serving-kubelet", regional);
const kmsKey = key("serving-kms", { keyOps: ["encrypt", "decrypt"], pinned: true });
const nodeDisks = diskEncryption("serving-nodes", "EncryptionAtRestWithCustomerKey");
const clusterGrants = [
  grant("serving-kubelet-operator", roles.identityOperator, controlPlane.principalId, kubelet.id),
  grant("serving-api-subnet-network", roles.networkContributor, controlPlane.principalId, subnetIds.aksapi),
  grant("serving-node-subnet-network", roles.networkContributor, controlPlane.principalId, subnetIds.aks),
  grant("serving-kms-user", roles.cryptoUser, controlPlane.principalId, kmsKey.id),
  nodeDisks.keyGrant,
];
const cluster = new ManagedCluster(
  "serving-aks",
  {
    ...regional,
    dnsPrefix: "serving",
    sku: { name: "Base", tier: "Standard" },
    identity: { type: "UserAssigned", userAssignedIdentities: [controlPlane.id] },
    identityProfile: {
      kubeletidentity: { resourceId: kubelet.id, clientId: kubelet.clientId, objectId: kubelet.principalId },
    },
    enableRBAC: true,
    disableLocalAccounts: true,
    aadProfile: {
      managed: true,
      enableAzureRBAC: true,
      adminGroupObjectIDs: [config.require("aksAdminGroupObjectId")],
      tenantID: client.tenantId,
    },
    publicNetworkAccess: "Disabled",
    apiServerAccessProfile: {
      enablePrivateCluster: true,
      enablePrivateClusterPublicFQDN: false,
      enableVnetIntegration: true,
      subnetId: subnetIds.aksapi,
      privateDNSZone: "system",
      disableRunCommand: true,
    },
    networkProfile: {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkDataplane: "cilium",
      networkPolicy: "cilium",
      outboundType: "userAssignedNATGateway",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.245.0.0/16",
      dnsServiceIP: "10.245.0.10",
    },
    agentPoolProfiles: [
      {
        name: "system",
        mode: "System",
        vmSize: "Standard_DC4es_v6",
        osType: "Linux",
        osSKU: "Ubuntu2404",
        osDiskType: "Managed",
        enableFIPS: false,
        enableNodePublicIP: false,
        vnetSubnetID: subnetIds.aks,
        enableAutoScaling: true,
        count: 1,
        minCount: 1,
        maxCount: 3,
        type: "VirtualMachineScaleSets",
      },
    ],
    diskEncryptionSetID: nodeDisks.set.id,
    oidcIssuerProfile: { enabled: true },
    securityProfile: {
      workloadIdentity: { enabled: true },
      imageCleaner: { enabled: true, intervalHours: 24 },
      defender: { logAnalyticsWorkspaceResourceId: workspace.id, securityMonitoring: { enabled: true } },
      azureKeyVaultKms: {
        enabled: true,
        keyId: kmsKey.keyUriWithVersion,
        keyVaultNetworkAccess: "Private",
        keyVaultResourceId: vault.id,
      },
    },
    addonProfiles: {
      azurepolicy: { enabled: true },
      omsagent: {
        enabled: true,
        config: { logAnalyticsWorkspaceResourceID: workspace.id, useAADAuth: "true" },
      },
    },
    autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
  },
  { dependsOn: clusterGrants },
);
auditTo("serving-aks-diagnostics", cluster.id, [{ category: "kube-audit-admin" }, { category: "guard" }]);
const credentials = listManagedClusterUserCredentialsOutput({
  resourceGroupName,
  resourceName: cluster.name,
  format: "exec",
});

// Inside the cluster: restricted namespaces with quotas, default-deny and DNS-only egress, the runtime
// sensor (Helm) with its tracing policies, and the analytics API as an isolated service.
const provider = new Provider("serving-k8s", {
  kubeconfig: pulumi.secret(
    credentials.apply((c) => Buffer.from(c.kubeconfigs[0]?.value ?? "", "base64").toString("utf8")),
  ),
  enableServerSideApply: true,
});
const onCluster = { provider };
const labels = {
  "compliance.palisade.dev/compliance-frameworks": "hipaa",
  "compliance.palisade.dev/data-classification": "phi",
  "compliance.palisade.dev/managed-by": "palisade",
  "compliance.palisade.dev/owner": "analytics",
};
const podSecurity = (level: string) =>
  Object.fromEntries(
    ["enforce", "audit", "warn"].flatMap((mode) => [
      [`pod-security.kubernetes.io/${mode}`, level],
      [`pod-security.kubernetes.io/${mode}-version`, "v1.33"],
    ]),
  );
new NamespacePatch(
  "serving-baseline-default-psa",
  { metadata: { name: "default", labels: podSecurity("restricted") } },
  onCluster,
);
for (const [name, ns] of [
  ["serving-baseline-gateway", "gateway"],
  ["analytics-api-zt", "analytics-api"],
] as const) {
  new Namespace(
    `${name}-ns`,
    { metadata: { name: ns, labels: { ...labels, ...podSecurity("restricted") } } },
    onCluster,
  );
  new ServiceAccountPatch(
    `${name}-default-sa`,
    { metadata: { namespace: ns, name: "default" }, automountServiceAccountToken: false },
    onCluster,
  );
  new ResourceQuota(
    `${name}-quota`,
    {
      metadata: { namespace: ns, name: "palisade-quota", labels },
      spec: {
        hard: {
          "limits.cpu": "16",
          "limits.memory": "32Gi",
          pods: "50",
          "requests.cpu": "8",
          "requests.memory": "16Gi",
        },
      },
    },
    onCluster,
  );
  new LimitRange(
    `${name}-limits`,
    {
      metadata: { namespace: ns, name: "palisade-container-defaults", labels },
      spec: {
        limits: [
          {
            type: "Container",
            default: { cpu: "500m", memory: "512Mi" },
            defaultRequest: { cpu: "100m", memory: "128Mi" },
          },
        ],
      },
    },
    onCluster,
  );
  new NetworkPolicy(
    `${name}-default-deny`,
    {
      metadata: { namespace: ns, name: "default-deny-all", labels },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    onCluster,
  );
  new NetworkPolicy(
    `${name}-allow-dns`,
    {
      metadata: { namespace: ns, name: "allow-dns-egress", labels },
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { port: 53, protocol: "UDP" },
              { port: 53, protocol: "TCP" },
            ],
          },
        ],
      },
    },
    onCluster,
  );
}
new Namespace(
  "serving-baseline-runtime-ns",
  { metadata: { name: "runtime-security", labels: { ...labels, ...podSecurity("privileged") } } },
  onCluster,
);
const tetragon = new Release(
  "serving-baseline-runtime-tetragon",
  {
    name: "tetragon",
    chart: "tetragon",
    namespace: "runtime-security",
    repositoryOpts: { repo: "https://helm.cilium.io" },
    version: "1.4.1",
    atomic: true,
    cleanupOnFail: true,
    createNamespace: false,
    maxHistory: 10,
    values: {
      crds: { installMethod: "helm" },
      export: { mode: "stdout" },
      tetragon: { enablePolicyFilter: true, exportFilePerm: "600" },
    },
  },
  onCluster,
);
const fileWrite = (prefixes: string[], mask: string) => ({
  call: "security_file_permission",
  syscall: false,
  return: true,
  args: [
    { index: 0, type: "file" },
    { index: 1, type: "int" },
  ],
  returnArg: { index: 0, type: "int" },
  returnArgAction: "Post",
  selectors: [
    {
      matchArgs: [
        { index: 0, operator: "Prefix", values: prefixes },
        { index: 1, operator: "Equal", values: [mask] },
      ],
    },
  ],
});
const tracingPolicies: Record<string, object> = {
  "palisade-model-serving-exec": {
    podSelector: { matchLabels: { "palisade.dev/workload": "model-serving" } },
    kprobes: [
      {
        call: "security_bprm_creds_for_exec",
        syscall: false,
        args: [{ index: 0, type: "linux_binprm" }],
        selectors: [{ matchActions: [{ action: "Post" }] }],
      },
    ],
  },
  "palisade-unexpected-egress": {
    kprobes: [
      {
        call: "tcp_connect",
        syscall: false,
        args: [{ index: 0, type: "sock" }],
        selectors: [
          {
            matchArgs: [
              {
                index: 0,
                operator: "NotDAddr",
                values: ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
              },
            ],
          },
        ],
      },
    ],
  },
  "palisade-system-writes": { kprobes: [fileWrite(["/etc", "/usr"], "2")] },
  "palisade-credential-reads": {
    kprobes: [
      fileWrite(
        [
          "/var/run/secrets/kubernetes.io/serviceaccount",
          "/run/secrets/kubernetes.io/serviceaccount",
          "/root/.azure",
          "/etc/shadow",
        ],
        "4",
      ),
    ],
  },
};
for (const [name, spec] of Object.entries(tracingPolicies))
  new CustomResource(
    `serving-baseline-runtime-${name}`,
    { apiVersion: "cilium.io/v1alpha1", kind: "TracingPolicy", metadata: { name, labels }, spec },
    { ...onCluster, dependsOn: [tetragon] },
  );

const app = { "app.kubernetes.io/name": "analytics-api" };
const appLabels = { ...app, ...labels, "palisade.dev/workload": "service" };
const inApi = { namespace: "analytics-api", name: "analytics-api" };
new ServiceAccount(
  "analytics-api-zt-sa-analytics-api",
  { metadata: { ...inApi, labels }, automountServiceAccountToken: false },
  onCluster,
);
new Deployment(
  "analytics-api-deployment",
  {
    metadata: { ...inApi, labels: appLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: app },
      template: {
        metadata: { labels: appLabels },
        spec: {
          serviceAccountName: "analytics-api",
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "analytics-api",
              image: config.require("analyticsImage"),
              env: [],
              ports: [{ name: "service", containerPort: 8443, protocol: "TCP" }],
              resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "250m", memory: "256Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
              },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
        },
      },
    },
  },
  onCluster,
);
const service = new Service(
  "analytics-api-service",
  {
    metadata: { ...inApi, labels: appLabels },
    spec: {
      type: "ClusterIP",
      selector: app,
      ports: [{ name: "service", port: 8443, protocol: "TCP", targetPort: "service" }],
    },
  },
  onCluster,
);
new NetworkPolicy(
  "analytics-api-zt-allow-ingress-0",
  {
    metadata: { namespace: "analytics-api", name: "allow-ingress-0", labels },
    spec: {
      podSelector: { matchLabels: app },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway" } },
              podSelector: { matchLabels: {} },
            },
          ],
          ports: [{ port: 8443, protocol: "TCP" }],
        },
      ],
    },
  },
  onCluster,
);

export const resourceGroup = group.name;
export const vnetId = vnet.id;
export const vaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
export const recordsAccount = records.name;
export const analyticsVmName = vm.name;
export const clusterName = cluster.name;
export const analyticsApiHost = pulumi.interpolate`${service.metadata.name}.analytics-api.svc.cluster.local`;
export const auditWorkspace = workspace.name;
