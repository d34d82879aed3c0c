import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ZeroTrustAksCluster, type ZeroTrustAksClusterArgs } from "./aks-cluster";
import { BUILT_IN_ROLES } from "./roles";
import {
  ADMIN_GROUP,
  azureStack,
  COMPONENT_CASES,
  LOCATION,
  RESOURCE_GROUP,
  SUBSCRIPTION,
  TENANT,
  VAULT_ID,
  VNET_ID,
  WORKSPACE_ID,
  rejectedPaths,
} from "./test-support";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const POOL = "azure-native:containerservice:AgentPool";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const GRANT = "azure-native:authorization:RoleAssignment";
const KEY = "azure-native:keyvault:Key";
const DES = "azure-native:compute:DiskEncryptionSet";
const API_SUBNET = `${VNET_ID}/subnets/aks-api`;
const NODE_SUBNET = `${VNET_ID}/subnets/aks-nodes`;
const valid = COMPONENT_CASES.ZeroTrustAksCluster.args as unknown as ZeroTrustAksClusterArgs;

async function built(args: Partial<ZeroTrustAksClusterArgs> = {}, name = "phi") {
  const stack = await azureStack();
  const cluster = new ZeroTrustAksCluster(name, { ...valid, ...args });
  return { stack: await stack.settle(), cluster };
}

function roleId(role: keyof typeof BUILT_IN_ROLES): string {
  return `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

function output<T>(value: { apply: (f: (v: T) => void) => unknown }): Promise<T> {
  return new Promise((resolve) => value.apply(resolve));
}

describe("ZeroTrustAksCluster", () => {
  it("keeps the API server private, on VNet Integration, with no public FQDN nor run command", async () => {
    const { stack } = await built();
    const cluster = stack.one(CLUSTER, "phi-aks");
    expect(cluster.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      dnsPrefix: "phi",
      publicNetworkAccess: "Disabled",
      sku: { name: "Base", tier: "Standard" },
    });
    expect(cluster.inputs.apiServerAccessProfile).toEqual({
      enablePrivateCluster: true,
      enablePrivateClusterPublicFQDN: false,
      enableVnetIntegration: true,
      subnetId: API_SUBNET,
      privateDNSZone: "system",
      disableRunCommand: true,
    });
  });

  it("authenticates only through Entra ID with Azure RBAC, local accounts disabled", async () => {
    const { stack } = await built();
    expect(stack.one(CLUSTER).inputs).toMatchObject({
      enableRBAC: true,
      disableLocalAccounts: true,
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        adminGroupObjectIDs: [ADMIN_GROUP],
        tenantID: TENANT,
      },
    });
  });

  it("runs as a user-assigned control-plane identity with its own kubelet identity", async () => {
    const { stack, cluster } = await built();
    const inputs = stack.one(CLUSTER).inputs;
    expect(inputs.identity).toEqual({
      type: "UserAssigned",
      userAssignedIdentities: ["phi-control-plane-id"],
    });
    expect(inputs.identityProfile).toEqual({
      kubeletidentity: {
        resourceId: "phi-kubelet-id",
        clientId: "client-of-phi-kubelet",
        objectId: "principal-of-phi-kubelet",
      },
    });
    expect(stack.one(IDENTITY, "phi-control-plane").inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
    });
    expect(await output(cluster.controlPlaneIdentityPrincipalId)).toBe("principal-of-phi-control-plane");
    expect(await output(cluster.kubeletIdentityObjectId)).toBe("principal-of-phi-kubelet");
  });

  it("grants the control plane exactly what it needs, each on one resource, before the cluster exists", async () => {
    const { stack } = await built();
    const controlPlane = { principalId: "principal-of-phi-control-plane", principalType: "ServicePrincipal" };
    const expected = {
      "phi-kubelet-operator": { role: "Managed Identity Operator", scope: "phi-kubelet-id" },
      "phi-api-subnet-network": { role: "Network Contributor", scope: API_SUBNET },
      "phi-node-subnet-network": { role: "Network Contributor", scope: NODE_SUBNET },
      "phi-kms-user": { role: "Key Vault Crypto User", scope: "phi-kms-id" },
    } as const;
    const cluster = stack.one(CLUSTER);
    for (const [name, { role, scope }] of Object.entries(expected)) {
      const grant = stack.one(GRANT, name);
      expect(grant.inputs).toEqual({ ...controlPlane, roleDefinitionId: roleId(role), scope });
      expect(grant.retainOnDelete).toBe(true);
      expect(cluster.dependsOn).toContain(grant.urn);
    }
    // The disk encryption set's own grant on its key, too: nodes' disks cannot be created without it.
    const desGrant = stack.one(GRANT, "phi-nodes-des-key-user");
    expect(desGrant.inputs).toMatchObject({
      principalId: "principal-of-phi-nodes-des",
      roleDefinitionId: roleId("Key Vault Crypto Service Encryption User"),
      scope: "phi-nodes-key-id",
    });
    expect(cluster.dependsOn).toContain(desGrant.urn);
    expect(stack.ofType(GRANT)).toHaveLength(5);
  });

  it("encrypts secrets with KMS v2 on a retained encrypt/decrypt key in the private vault", async () => {
    const { stack, cluster } = await built();
    const key = stack.one(KEY, "phi-kms");
    expect(key.retainOnDelete).toBe(true);
    expect(key.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      vaultName: "kv-phi",
      properties: { kty: "RSA-HSM", keySize: 3072, keyOps: ["encrypt", "decrypt"] },
    });
    // AKS names one version: its versions never expire under it.
    expect(key.inputs.properties.rotationPolicy).not.toHaveProperty("attributes");
    const keyId = "https://vault.vault.azure.net/keys/phi-kms/0123456789abcdef0123456789abcdef";
    expect(stack.one(CLUSTER).inputs.securityProfile.azureKeyVaultKms).toEqual({
      enabled: true,
      keyId,
      keyVaultNetworkAccess: "Private",
      keyVaultResourceId: VAULT_ID,
    });
    expect(await output(cluster.kmsKeyId)).toBe(keyId);
  });

  it("puts node OS disks under a retained customer-key disk encryption set", async () => {
    const { stack } = await built();
    const des = stack.one(DES, "phi-nodes-des");
    expect(des.retainOnDelete).toBe(true);
    expect(des.inputs).toMatchObject({ encryptionType: "EncryptionAtRestWithCustomerKey" });
    expect(stack.one(KEY, "phi-nodes-key").retainOnDelete).toBe(true);
    const cluster = stack.one(CLUSTER);
    expect(cluster.inputs.diskEncryptionSetID).toBe("phi-nodes-des-id");
    // The cluster holds no data of its own: deleted with the stack.
    expect(cluster.retainOnDelete).toBe(false);
  });

  it("turns on workload identity, the OIDC issuer, image cleaner, Defender, Azure Policy and Container Insights", async () => {
    const { stack, cluster } = await built();
    const inputs = stack.one(CLUSTER).inputs;
    expect(inputs.oidcIssuerProfile).toEqual({ enabled: true });
    expect(inputs.securityProfile).toMatchObject({
      workloadIdentity: { enabled: true },
      imageCleaner: { enabled: true, intervalHours: 24 },
      defender: { logAnalyticsWorkspaceResourceId: WORKSPACE_ID, securityMonitoring: { enabled: true } },
    });
    expect(inputs.addonProfiles).toEqual({
      azurepolicy: { enabled: true },
      omsagent: {
        enabled: true,
        config: { logAnalyticsWorkspaceResourceID: WORKSPACE_ID, useAADAuth: "true" },
      },
    });
    expect(await output(cluster.oidcIssuerUrl)).toBe(
      `https://${LOCATION}.oic.prod-aks.azure.com/${TENANT}/phi-aks/`,
    );
  });

  it("sends the control plane's admin audit and Entra ID decisions to the workspace, as a retained guard", async () => {
    const { stack } = await built();
    const setting = stack.one("azure-native:monitor:DiagnosticSetting", "phi-aks-diagnostics");
    expect(setting.inputs).toEqual({
      resourceUri: "phi-aks-id",
      workspaceId: WORKSPACE_ID,
      logs: [
        { category: "kube-audit-admin", enabled: true },
        { category: "guard", enabled: true },
      ],
    });
    expect(setting.retainOnDelete).toBe(true);
  });

  it("runs Azure CNI Overlay with the Cilium dataplane and network policy, egress through the NAT gateway", async () => {
    const { stack } = await built();
    expect(stack.one(CLUSTER).inputs.networkProfile).toEqual({
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkDataplane: "cilium",
      networkPolicy: "cilium",
      outboundType: "userAssignedNATGateway",
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.245.0.0/16",
      dnsServiceIP: "10.245.0.10",
    });
  });

  it("takes egress through a firewall and its own ranges when asked", async () => {
    const { stack } = await built({
      outboundType: "userDefinedRouting",
      podCidr: "192.168.0.0/16",
      serviceCidr: "172.20.0.0/16",
      dnsServiceIP: "172.20.0.53",
    });
    expect(stack.one(CLUSTER).inputs.networkProfile).toMatchObject({
      outboundType: "userDefinedRouting",
      podCidr: "192.168.0.0/16",
      serviceCidr: "172.20.0.0/16",
      dnsServiceIP: "172.20.0.53",
    });
  });

  it("upgrades patches and node images automatically", async () => {
    const { stack } = await built();
    expect(stack.one(CLUSTER).inputs.autoUpgradeProfile).toEqual({
      upgradeChannel: "patch",
      nodeOSUpgradeChannel: "NodeImage",
    });
    const other = await built({
      upgradeChannel: "stable",
      nodeOsUpgradeChannel: "SecurityPatch",
      kubernetesVersion: "1.33",
    });
    expect(other.stack.one(CLUSTER).inputs).toMatchObject({
      kubernetesVersion: "1.33",
      autoUpgradeProfile: { upgradeChannel: "stable", nodeOSUpgradeChannel: "SecurityPatch" },
    });
  });

  it("runs its inline system pool on Intel TDX confidential VMs, private, FIPS off (unsupported on CVM), no Trusted Launch", async () => {
    const { stack } = await built();
    const pools = stack.one(CLUSTER).inputs.agentPoolProfiles;
    expect(pools).toEqual([
      {
        name: "system",
        mode: "System",
        vmSize: "Standard_DC4es_v6",
        osType: "Linux",
        osSKU: "Ubuntu2404",
        osDiskType: "Managed",
        enableFIPS: false,
        enableNodePublicIP: false,
        vnetSubnetID: NODE_SUBNET,
        enableAutoScaling: true,
        count: 1,
        minCount: 1,
        maxCount: 3,
        type: "VirtualMachineScaleSets",
      },
    ]);
    expect(pools[0]).not.toHaveProperty("securityProfile");
    expect(stack.ofType(POOL)).toEqual([]);
  });

  it("creates each user pool as its own AgentPool on its confidential size, named as given", async () => {
    const { stack, cluster } = await built({
      systemPool: { vmSize: "Standard_DC8as_v5", tee: "sev-snp", minCount: 2, maxCount: 4 },
      nodePools: [
        { name: "gpu", vmSize: "Standard_NCC40ads_H100_v5", tee: "sev-snp", maxCount: 2 },
        { name: "tdx2", minCount: 1, mode: "System", osSku: "AzureLinux" },
      ],
    });
    expect(stack.one(CLUSTER).inputs.agentPoolProfiles[0]).toMatchObject({
      vmSize: "Standard_DC8as_v5",
      count: 2,
      minCount: 2,
      maxCount: 4,
    });
    expect(stack.one(POOL, "phi-pool-gpu").inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      tags: { "managed-by": "palisade" },
      resourceName: "phi-aks00000000",
      agentPoolName: "gpu",
      mode: "User",
      vmSize: "Standard_NCC40ads_H100_v5",
      osType: "Linux",
      osSKU: "Ubuntu2404",
      osDiskType: "Managed",
      enableFIPS: false,
      enableNodePublicIP: false,
      vnetSubnetID: NODE_SUBNET,
      enableAutoScaling: true,
      count: 0,
      minCount: 0,
      maxCount: 2,
      type: "VirtualMachineScaleSets",
    });
    expect(stack.one(POOL, "phi-pool-tdx2").inputs).toMatchObject({
      agentPoolName: "tdx2",
      mode: "System",
      vmSize: "Standard_DC4es_v6",
      osSKU: "AzureLinux",
      minCount: 1,
    });
    expect(cluster.nodePools).toHaveLength(2);
  });

  it("exposes a Kubernetes provider on the cluster's Entra ID kubeconfig, kept secret", async () => {
    const { stack, cluster } = await built();
    expect(await output(cluster.kubeconfig)).toBe("kubeconfig of phi-aks00000000");
    expect(await pulumi.isSecret(cluster.kubeconfig)).toBe(true);
    const provider = stack.one("pulumi:providers:kubernetes", "phi-k8s");
    expect(provider.inputs).toMatchObject({ enableServerSideApply: "true" });
    expect(JSON.stringify(provider.inputs.kubeconfig)).toContain("kubeconfig of phi-aks00000000");
    expect(provider.parent).toContain("ZeroTrustAksCluster");
  });

  it("exposes the cluster's id and physical name", async () => {
    const { cluster } = await built();
    expect(await output(cluster.clusterName)).toBe("phi-aks00000000");
    expect(await output(cluster.clusterId)).toBe("phi-aks-id");
  });
});

describe("ZeroTrustAksCluster in a first preview", () => {
  it("registers the cluster, its pools and its provider while every provider output is unknown", async () => {
    const stack = await azureStack({ preview: true });
    new ZeroTrustAksCluster("phi", { ...valid, nodePools: [{ name: "gpu" }] });
    await stack.settle();
    expect(stack.one(CLUSTER, "phi-aks").inputs.agentPoolProfiles).toHaveLength(1);
    stack.one(POOL, "phi-pool-gpu");
    stack.one("pulumi:providers:kubernetes", "phi-k8s");
  });
});

describe("ZeroTrustAksCluster bad input", () => {
  it.each([
    ["args null", null, "args"],
    ["no key vault", { keyVault: undefined }, "keyVault"],
    [
      "a key vault without its name",
      { keyVault: { vaultId: VAULT_ID, vaultResourceGroupName: "rg" } },
      "keyVault.vaultName",
    ],
    ["no API server subnet", { apiServerSubnetId: undefined }, "apiServerSubnetId"],
    ["an API server subnet that is not a subnet id", { apiServerSubnetId: VNET_ID }, "apiServerSubnetId"],
    ["the node subnet as API server subnet", { apiServerSubnetId: NODE_SUBNET }, "apiServerSubnetId"],
    ["no node subnet", { nodeSubnetId: undefined }, "nodeSubnetId"],
    ["a node subnet that is not a subnet id", { nodeSubnetId: "aks-nodes" }, "nodeSubnetId"],
    ["no admin groups", { adminGroupObjectIds: [] }, "adminGroupObjectIds"],
    ["an admin group that is not a GUID", { adminGroupObjectIds: ["admins"] }, "adminGroupObjectIds[0]"],
    ["no workspace", { workspaceResourceId: undefined }, "workspaceResourceId"],
    ["a workspace that is not a workspace id", { workspaceResourceId: VAULT_ID }, "workspaceResourceId"],
    ["a public load balancer for egress", { outboundType: "loadBalancer" }, "outboundType"],
    ["a pod range that is not a CIDR", { podCidr: "10.244.0.0" }, "podCidr"],
    ["a public pod range", { podCidr: "8.8.0.0/16" }, "podCidr"],
    ["a pod range off its network address", { podCidr: "10.244.1.0/16" }, "podCidr"],
    ["a public service range", { serviceCidr: "20.0.0.0/16", dnsServiceIP: "20.0.0.10" }, "serviceCidr"],
    [
      "a service range AKS reserves",
      { serviceCidr: "172.30.0.0/16", dnsServiceIP: "172.30.0.10" },
      "serviceCidr",
    ],
    [
      "a service range inside the pod range",
      { serviceCidr: "10.244.128.0/20", dnsServiceIP: "10.244.128.10" },
      "serviceCidr",
    ],
    ["a pod range inside the service range", { podCidr: "10.245.64.0/18" }, "serviceCidr"],
    ["a DNS address outside the service range", { dnsServiceIP: "10.246.0.10" }, "dnsServiceIP"],
    ["the kubernetes service address for DNS", { dnsServiceIP: "10.245.0.1" }, "dnsServiceIP"],
    ["the service range's network address for DNS", { dnsServiceIP: "10.245.0.0" }, "dnsServiceIP"],
    ["the service range's last address for DNS", { dnsServiceIP: "10.245.255.255" }, "dnsServiceIP"],
    ["a DNS address that is not an address", { dnsServiceIP: "10.245.0.0/24" }, "dnsServiceIP"],
    ["a malformed Kubernetes version", { kubernetesVersion: "v1.33" }, "kubernetesVersion"],
    ["Ubuntu 24.04 CVM before Kubernetes 1.32", { kubernetesVersion: "1.31.4" }, "systemPool.osSku"],
    ["a non-confidential system size", { systemPool: { vmSize: "Standard_D4s_v5" } }, "systemPool.vmSize"],
    ["a SEV-SNP size for TDX", { systemPool: { vmSize: "Standard_DC4as_v5" } }, "systemPool.vmSize"],
    [
      "a TDX size for SEV-SNP",
      { systemPool: { vmSize: "Standard_DC4es_v6", tee: "sev-snp" } },
      "systemPool.vmSize",
    ],
    ["an unknown TEE", { systemPool: { tee: "sgx" } }, "systemPool.tee"],
    ["Ubuntu 22.04 (no CVM support)", { systemPool: { osSku: "Ubuntu2204" } }, "systemPool.osSku"],
    ["a system pool of zero nodes", { systemPool: { minCount: 0 } }, "systemPool.minCount"],
    ["a maximum below the minimum", { systemPool: { minCount: 3, maxCount: 2 } }, "systemPool.maxCount"],
    ["a minimum above 1000 nodes", { systemPool: { minCount: 1001, maxCount: 1001 } }, "systemPool.minCount"],
    ["more than 1000 nodes", { systemPool: { maxCount: 1001 } }, "systemPool.maxCount"],
    ["a fractional count", { systemPool: { minCount: 1.5 } }, "systemPool.minCount"],
    ["a pool name with '-'", { nodePools: [{ name: "gpu-pool" }] }, "nodePools[0].name"],
    ["a pool name of 13 characters", { nodePools: [{ name: "abcdefghijklm" }] }, "nodePools[0].name"],
    ["a pool name with capitals", { nodePools: [{ name: "Gpu" }] }, "nodePools[0].name"],
    ["a pool name starting with a digit", { nodePools: [{ name: "1gpu" }] }, "nodePools[0].name"],
    ["a pool named like the system pool", { nodePools: [{ name: "system" }] }, "nodePools[0].name"],
    ["two pools of one name", { nodePools: [{ name: "gpu" }, { name: "gpu" }] }, "nodePools[1].name"],
    [
      "a non-confidential user size",
      { nodePools: [{ name: "gpu", vmSize: "Standard_NC40ads_H100_v5" }] },
      "nodePools[0].vmSize",
    ],
    [
      "a user pool SEV-SNP size for TDX",
      { nodePools: [{ name: "gpu", vmSize: "Standard_NCC40ads_H100_v5" }] },
      "nodePools[0].vmSize",
    ],
    ["a negative user pool minimum", { nodePools: [{ name: "gpu", minCount: -1 }] }, "nodePools[0].minCount"],
    ["a user pool maximum of 0", { nodePools: [{ name: "gpu", maxCount: 0 }] }, "nodePools[0].maxCount"],
    ["an unknown pool mode", { nodePools: [{ name: "gpu", mode: "Gateway" }] }, "nodePools[0].mode"],
    ["an upgrade channel of none", { upgradeChannel: "none" }, "upgradeChannel"],
    ["no node OS upgrades", { nodeOsUpgradeChannel: "None" }, "nodeOsUpgradeChannel"],
    ["no resource group", { resourceGroupName: undefined }, "resourceGroupName"],
    ["a display-name location", { location: "West Europe" }, "location"],
    ["a typo", { nodePool: [] }, "nodePool"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("ZeroTrustAksCluster", change as Record<string, unknown> | null)).toContain(
      path,
    );
  });

  it("rejects a name the cluster's children would refuse, naming `name`", async () => {
    // The DNS prefix cannot end with '-', though every child name would take it.
    expect(await rejectedPaths("ZeroTrustAksCluster", {}, "phi-")).toEqual(["name"]);
    // A key name cannot contain '_'.
    expect(await rejectedPaths("ZeroTrustAksCluster", {}, "phi_1")).toContain("name");
    // The AKS cluster's autonamed physical name would pass 63 characters.
    expect(await rejectedPaths("ZeroTrustAksCluster", {}, "a".repeat(52))).toEqual(["name"]);
  });
});
