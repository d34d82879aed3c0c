/** Mock-runtime fixtures for Azure component tests: a stack with `azure-native:location` configured. */
import { PalisadeValidationError } from "@palisade/core";
import { buildPolicies, hipaaFramework } from "@palisade/policy";
import { findingsOf, kitResources, type KitResource } from "@palisade/policy/test-support";
import { expect } from "vitest";
import { MockStack, type MockStackOptions } from "@palisade/core/test-support";
import { ActivityLog, type ActivityLogArgs } from "./activity-log";
import { EncryptedStorageAccount, type EncryptedStorageAccountArgs } from "./encrypted-storage-account";
import { KeyVault, type KeyVaultArgs } from "./key-vault";
import { SegmentedVnet, type SegmentedVnetArgs } from "./segmented-vnet";
import { ConfidentialVm, type ConfidentialVmArgs } from "./confidential-vm";
import { ZeroTrustAksCluster, type ZeroTrustAksClusterArgs } from "./aks-cluster";

export const LOCATION = "westeurope";
export const RESOURCE_GROUP = "rg-phi";
export const SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
export const TENANT = "99999999-8888-7777-6666-555555555555";
export const WORKSPACE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.OperationalInsights/workspaces/logs`;
export const SUBNET_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/net/subnets/endpoints`;
export const NSG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/networkSecurityGroups/workload`;
export const WORKLOAD_SUBNET_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/net/subnets/workload`;
export const VAULT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-phi`;
/** The Confidential VM Orchestrator's object id in the test tenant (it differs per tenant). */
export const CVM_ORCHESTRATOR_OBJECT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
export const SSH_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg phi@example";
export const VNET_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/net`;
export const ADMIN_GROUP = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
export const VAULT_ZONE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
export const BLOB_ZONE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`;
/** An existing vault another component creates keys in. */
export const VAULT = {
  vaultId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-phi`,
  vaultName: "kv-phi",
  vaultResourceGroupName: "rg-keys",
} as const;
/** The GUID the mock gives every Log Analytics workspace. */
export const WORKSPACE_CUSTOMER_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

/** Provider outputs the components read, shaped as Azure returns them. */
function azureOutputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === "azure-native:keyvault:Vault")
    return {
      name: `${name}00000000`,
      properties: { ...(inputs.properties as object), vaultUri: `https://${name}.vault.azure.net/` },
    };
  if (type === "azure-native:keyvault:Key")
    return {
      name,
      keyUri: `https://vault.vault.azure.net/keys/${name}`,
      keyUriWithVersion: `https://vault.vault.azure.net/keys/${name}/0123456789abcdef0123456789abcdef`,
    };
  if (type === "azure-native:storage:StorageAccount")
    return {
      name: `${name}00000000`,
      primaryEndpoints: { blob: `https://${name}00000000.blob.core.windows.net/` },
    };
  if (type === "azure-native:operationalinsights:Workspace")
    return { name: `${name}00000000`, customerId: WORKSPACE_CUSTOMER_ID };
  if (type === "azure-native:managedidentity:UserAssignedIdentity")
    return { principalId: `principal-of-${name}`, clientId: `client-of-${name}` };
  if (type === "azure-native:compute:DiskEncryptionSet")
    return { identity: { type: "SystemAssigned", principalId: `principal-of-${name}` } };
  if (type === "azure-native:network:VirtualNetwork") return { name: `${name}00000000` };
  if (type === "azure-native:privatedns:PrivateZone") return { name: inputs.privateZoneName };
  if (type === "azure-native:compute:VirtualMachine")
    return {
      name: `${name}00000000`,
      vmId: `vmid-of-${name}`,
      ...(inputs.identity
        ? { identity: { type: "SystemAssigned", principalId: `principal-of-${name}` } }
        : {}),
    };
  if (type === "azure-native:network:NetworkInterface")
    return {
      ipConfigurations: (inputs.ipConfigurations as object[]).map((c) => ({
        ...c,
        privateIPAddress: "10.0.1.4",
      })),
    };
  if (type === "azure-native:containerservice:ManagedCluster")
    return {
      name: `${name}00000000`,
      oidcIssuerProfile: {
        enabled: true,
        issuerURL: `https://${LOCATION}.oic.prod-aks.azure.com/${TENANT}/${name}/`,
      },
    };
  return {};
}

/** Answers the client-config lookup every component makes, as `palisade preview` does offline. */
const AZURE_INVOKES = {
  "azure-native:authorization:getClientConfig": () => ({
    clientId: "client",
    objectId: "object",
    subscriptionId: SUBSCRIPTION,
    tenantId: TENANT,
  }),
  "azure-native:containerservice:listManagedClusterUserCredentials": (inputs: Record<string, unknown>) => ({
    kubeconfigs: [
      {
        name: "clusterUser",
        value: Buffer.from(`kubeconfig of ${String(inputs.resourceName)}`).toString("base64"),
      },
    ],
  }),
};

/** A mock stack in westeurope; nothing is deployed. */
export function azureStack(options: MockStackOptions = {}): Promise<MockStack> {
  return MockStack.start({
    outputs: azureOutputs,
    invokes: AZURE_INVOKES,
    ...options,
    config: { "azure-native:location": LOCATION, ...options.config },
  });
}

/** Whether a registration is an Azure provider resource (not a component). */
export function isAzure(type: string): boolean {
  return type.startsWith("azure-native:");
}

/** Args every Azure component case starts from: valid, so a test can vary one thing at a time. */
export const COMPONENT_CASES = {
  KeyVault: {
    type: "palisade:azure:KeyVault",
    args: {
      resourceGroupName: RESOURCE_GROUP,
      diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID }],
      privateEndpoints: [{ subnetResourceId: SUBNET_ID, privateDnsZoneResourceIds: [VAULT_ZONE_ID] }],
    },
    build: (name: string, args: unknown) => new KeyVault(name, args as KeyVaultArgs),
  },
  SegmentedVnet: {
    type: "palisade:azure:SegmentedVnet",
    args: {
      resourceGroupName: RESOURCE_GROUP,
      cidr: "10.20.0.0/16",
      tiers: [
        { name: "app", prefixLength: 24, nat: true },
        { name: "data", prefixLength: 24 },
      ],
      allows: [
        {
          name: "app-to-data",
          direction: "Inbound",
          protocol: "Tcp",
          ports: ["5432"],
          sourceTiers: ["app"],
          destinationTiers: ["data"],
        },
      ],
      flowLogs: {
        storageAccountResourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/flowlogs`,
        workspaceResourceId: WORKSPACE_ID,
        workspaceCustomerId: "01234567-89ab-cdef-0123-456789abcdef",
      },
    },
    build: (name: string, args: unknown) => new SegmentedVnet(name, args as SegmentedVnetArgs),
  },
  ConfidentialVm: {
    type: "palisade:azure:ConfidentialVm",
    args: {
      resourceGroupName: RESOURCE_GROUP,
      keyVault: { vaultId: VAULT_ID, vaultName: "kv-phi", vaultResourceGroupName: "rg-keys" },
      confidentialVmOrchestratorObjectId: CVM_ORCHESTRATOR_OBJECT_ID,
      subnetId: WORKLOAD_SUBNET_ID,
      networkSecurityGroupId: NSG_ID,
      sshPublicKeys: [SSH_KEY],
      dataDisks: [{ name: "data", sizeGb: 256 }],
    },
    build: (name: string, args: unknown) => new ConfidentialVm(name, args as ConfidentialVmArgs),
  },
  ZeroTrustAksCluster: {
    type: "palisade:azure:ZeroTrustAksCluster",
    args: {
      resourceGroupName: RESOURCE_GROUP,
      keyVault: { vaultId: VAULT_ID, vaultName: "kv-phi", vaultResourceGroupName: RESOURCE_GROUP },
      apiServerSubnetId: `${VNET_ID}/subnets/aks-api`,
      nodeSubnetId: `${VNET_ID}/subnets/aks-nodes`,
      adminGroupObjectIds: [ADMIN_GROUP],
      workspaceResourceId: WORKSPACE_ID,
    },
    build: (name: string, args: unknown) => new ZeroTrustAksCluster(name, args as ZeroTrustAksClusterArgs),
  },
  EncryptedStorageAccount: {
    type: "palisade:azure:EncryptedStorageAccount",
    args: {
      resourceGroupName: RESOURCE_GROUP,
      keyVault: VAULT,
      containers: ["records"],
      diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID }],
      privateEndpoints: [{ subnetResourceId: SUBNET_ID, privateDnsZoneResourceIds: [BLOB_ZONE_ID] }],
    },
    build: (name: string, args: unknown) =>
      new EncryptedStorageAccount(name, args as EncryptedStorageAccountArgs),
  },
  ActivityLog: {
    type: "palisade:azure:ActivityLog",
    args: { resourceGroupName: RESOURCE_GROUP, archive: { keyVault: VAULT } },
    build: (name: string, args: unknown) => new ActivityLog(name, args as ActivityLogArgs),
  },
} as const;

type Case = keyof typeof COMPONENT_CASES;

/**
 * Builds `component` with its valid args overridden by `change` (or `null` args), expects one
 * PalisadeValidationError with nothing registered, and returns the paths of its problems.
 */
export async function rejectedPaths(
  component: Case,
  change: Record<string, unknown> | null,
  name: unknown = "phi",
): Promise<string[]> {
  const stack = await azureStack();
  const args = change === null ? null : { ...COMPONENT_CASES[component].args, ...change };
  let thrown: unknown;
  try {
    COMPONENT_CASES[component].build(name as string, args);
  } catch (e) {
    thrown = e;
  }
  await stack.settle();
  expect(thrown, `expected ${component} ${JSON.stringify(change)} to be rejected`).toBeInstanceOf(
    PalisadeValidationError,
  );
  expect(stack.registrations.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  return (thrown as PalisadeValidationError).problems.map((p) => p.path);
}

/** The HIPAA pack's Azure policies, as `pulumi preview` runs them. */
const AZURE_HIPAA_POLICIES = buildPolicies(hipaaFramework).filter((p) => p.tags?.includes("target:azure"));

/**
 * Every finding (violation or undetermined) the HIPAA pack's Azure policies report on a settled stack's
 * provider resources, property dependencies joined by resource name.
 */
export async function azureHipaaFindings(
  stack: MockStack,
  edit: (resources: KitResource[]) => KitResource[] = (resources) => resources,
): Promise<string[]> {
  return findingsOf(AZURE_HIPAA_POLICIES, edit(kitResources(stack.registrations)));
}
