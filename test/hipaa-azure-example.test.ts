/**
 * The Azure example end to end: `palisade preview` runs examples/azure-confidential-analytics with the
 * HIPAA pack (the real pack process, the real Analyzer protocol). The compliant example has no mandatory
 * violation and nothing undetermined; a mutated copy, with one insecure variant per Azure requirement the
 * example's resources fall under (and one per Azure control it has no resource of), is caught with exactly
 * that requirement's id on that variant's resources. Needs `pnpm build` (done by `pnpm test`).
 */
import * as path from "node:path";
import { beforeAll, describe, it } from "vitest";
import {
  expectCompliantExample,
  expectEachMutantCaught,
  mutantsOf,
  previewWithHipaa,
  writeMutatedExample,
} from "./preview-example";

const root = path.resolve(__dirname, "..");
const example = path.join(root, "examples", "azure-confidential-analytics");
const mutant = path.join(example, ".mutants", "insecure");

const preview = (dir: string, extra: string[] = []) =>
  previewWithHipaa(dir, path.join(example, "policy-config.json"), extra);

const RG = `resourceGroupName: "rg"`;
const VAULT_PROPS = `tenantId: "t", sku: { family: "A", name: "premium" }, enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true, publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }`;
/** A vault (with its audit log unless `audited` is false), `override` applied to its properties. */
const vault = (n: string, override: string, audited = true) =>
  `const v = new Vault("${n}", { ${RG}, properties: { ${VAULT_PROPS}, ${override} } });` +
  (audited
    ? ` new DiagnosticSetting("${n}-diag", { resourceUri: v.id, workspaceId: "w", logs: [{ categoryGroup: "audit", enabled: true }] });`
    : "");
const key = (n: string, rotationPolicy: string) =>
  `new Key("${n}", { ${RG}, vaultName: "kv", properties: { kty: "RSA-HSM", keySize: 3072, rotationPolicy: ${rotationPolicy} } });`;
/** A storage account with its blob service, `override` on the account, `blob` replacing the blob service's settings. */
const account = (
  n: string,
  override: string,
  blob = `isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 }`,
) =>
  `const a = new StorageAccount("${n}", { ${RG}, kind: "StorageV2", sku: { name: "Standard_ZRS" }, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "k", keyVaultUri: "https://kv.vault.azure.net/" } }, ${override} });` +
  ` new BlobServiceProperties("${n}-blob", { ${RG}, accountName: a.name, blobServicesName: "default", ${blob} });`;
const SUBNET_ID = `"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"`;
const nic = (n: string, override: string) =>
  `new NetworkInterface("${n}", { ${RG}, ipConfigurations: [{ name: "ip", subnet: { id: ${SUBNET_ID} } }], networkSecurityGroup: { id: "nsg" }, ${override} });`;
const DES = `{ id: "des" }`;
const vm = (n: string, override: string) =>
  `new VirtualMachine("${n}", { ${RG}, hardwareProfile: { vmSize: "Standard_DC4es_v6" }, networkProfile: { networkInterfaces: [{ id: "nic" }] }, osProfile: { computerName: "h", adminUsername: "u", linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/u/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAA" }] } } }, storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { securityProfile: { securityEncryptionType: "DiskWithVMGuestState", diskEncryptionSet: ${DES} } } } }, ${override} });`;
const disk = (n: string, override: string) =>
  `new Disk("${n}", { ${RG}, creationData: { createOption: "Empty" }, diskSizeGB: 64, encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: "des" }, networkAccessPolicy: "DenyAll", ${override} });`;
const aks = (n: string, override: string) =>
  `new ManagedCluster("${n}", { ${RG}, dnsPrefix: "${n}", apiServerAccessProfile: { enablePrivateCluster: true }, securityProfile: { azureKeyVaultKms: { enabled: true, keyId: "https://kv.vault.azure.net/keys/k/v", keyVaultNetworkAccess: "Private" } }, disableLocalAccounts: true, enableRBAC: true, aadProfile: { managed: true, enableAzureRBAC: true }, networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium" }, ${override} });`;
const redis = (n: string, override: string) =>
  `new Redis("${n}", { ${RG}, sku: { name: "Premium", family: "P", capacity: 1 }, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableAccessKeyAuthentication: true, ${override} });`;

/** One insecure variant per Azure requirement the example is judged by, as program text given its name. */
const MUTANTS: Record<string, (n: string) => string> = {
  "azure-keyvault-vault-protected/soft-delete": (n) => vault(n, "enableSoftDelete: false"),
  "azure-keyvault-vault-protected/purge-protection": (n) => vault(n, "enablePurgeProtection: false"),
  "azure-keyvault-vault-protected/rbac-authorization": (n) => vault(n, "enableRbacAuthorization: false"),
  "azure-keyvault-vault-protected/public-network-denied": (n) =>
    vault(n, `publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" }`),
  "azure-keyvault-vault-diagnostic-settings/audit-log": (n) => vault(n, "", false),
  "azure-keyvault-key-rotation/rotate-action": (n) =>
    key(
      n,
      `{ lifetimeActions: [{ trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } }], attributes: { expiryTime: "P1Y" } }`,
    ),
  "azure-keyvault-key-rotation/rotation-period": (n) =>
    key(n, `{ lifetimeActions: [{ trigger: { timeAfterCreate: "P1000D" }, action: { type: "rotate" } }] }`),
  "azure-storage-account-secure/https-only": (n) => account(n, "enableHttpsTrafficOnly: false"),
  "azure-storage-account-secure/minimum-tls": (n) => account(n, `minimumTlsVersion: "TLS1_0"`),
  "azure-storage-account-secure/no-public-blob-access": (n) => account(n, "allowBlobPublicAccess: true"),
  "azure-storage-account-secure/customer-key": (n) =>
    account(n, `encryption: { keySource: "Microsoft.Storage" }`),
  "azure-storage-blob-versioning-soft-delete/versioning": (n) =>
    account(n, "", `isVersioningEnabled: false, deleteRetentionPolicy: { enabled: true, days: 30 }`),
  "azure-storage-blob-versioning-soft-delete/soft-delete": (n) =>
    account(n, "", `isVersioningEnabled: true, deleteRetentionPolicy: { enabled: false }`),
  "azure-network-security-group-admin-ports-closed/sensitive-ports-closed": (n) =>
    `new NetworkSecurityGroup("${n}", { ${RG}, securityRules: [{ name: "ssh", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22" }] });`,
  "azure-network-virtual-network-flow-logs/flow-log": (n) =>
    `new VirtualNetwork("${n}", { ${RG}, addressSpace: { addressPrefixes: ["10.99.0.0/24"] } });`,
  "azure-network-virtual-network-flow-logs/enabled": (n) =>
    `const net = new VirtualNetwork("${n}", { ${RG}, addressSpace: { addressPrefixes: ["10.98.0.0/24"] } }); new FlowLog("${n}-flow", { resourceGroupName: "NetworkWatcherRG", networkWatcherName: "NetworkWatcher_westeurope", targetResourceId: net.id, storageId: "st", enabled: false });`,
  "azure-network-interface-guarded/no-public-ip": (n) =>
    nic(
      n,
      `ipConfigurations: [{ name: "ip", subnet: { id: ${SUBNET_ID} }, publicIPAddress: { id: "pip" } }]`,
    ),
  "azure-network-interface-guarded/network-security-group": (n) => nic(n, "networkSecurityGroup: undefined"),
  "azure-compute-virtual-machine-hardened/no-public-ip": (n) =>
    vm(
      n,
      `networkProfile: { networkApiVersion: "2020-11-01", networkInterfaceConfigurations: [{ name: "nic", networkSecurityGroup: { id: "nsg" }, ipConfigurations: [{ name: "ip", subnet: { id: ${SUBNET_ID} }, publicIPAddressConfiguration: { name: "pip" } }] }] }`,
    ),
  "azure-compute-virtual-machine-hardened/no-password-login": (n) =>
    vm(
      n,
      `osProfile: { computerName: "h", adminUsername: "u", adminPassword: "not-a-real-password-1!", linuxConfiguration: { disablePasswordAuthentication: false } }`,
    ),
  "azure-compute-virtual-machine-hardened/disk-encryption": (n) =>
    vm(
      n,
      `storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } }`,
    ),
  "azure-compute-disk-encrypted/customer-key": (n) =>
    disk(n, `encryption: { type: "EncryptionAtRestWithPlatformKey" }`),
  "azure-compute-disk-encrypted/no-public-export": (n) => disk(n, `networkAccessPolicy: "AllowAll"`),
  "azure-aks-managed-cluster-hardened/private-api-server": (n) =>
    aks(n, `apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ["0.0.0.0/0"] }`),
  "azure-aks-managed-cluster-hardened/secrets-encryption": (n) => aks(n, "securityProfile: {}"),
  "azure-aks-managed-cluster-hardened/no-local-accounts": (n) => aks(n, "disableLocalAccounts: false"),
  "azure-aks-managed-cluster-hardened/rbac-enabled": (n) => aks(n, "enableRBAC: false"),
  "azure-aks-managed-cluster-hardened/entra-azure-rbac": (n) =>
    aks(n, "aadProfile: { managed: true, enableAzureRBAC: false }"),
  "azure-aks-managed-cluster-hardened/network-policy": (n) =>
    aks(n, `networkProfile: { networkPlugin: "azure", networkPolicy: "none" }`),
  "azure-operationalinsights-log-retention/workspace-retention": (n) =>
    `new Workspace("${n}", { ${RG}, sku: { name: "PerGB2018" }, retentionInDays: 30 });`,
  "azure-operationalinsights-log-retention/table-retention": (n) =>
    `const w = new Workspace("${n}", { ${RG}, sku: { name: "PerGB2018" }, retentionInDays: 730 }); new Table("${n}-kept", { ${RG}, workspaceName: w.name, tableName: "AzureActivity", totalRetentionInDays: 2557 }); new Table("${n}-table", { ${RG}, workspaceName: w.name, tableName: "StorageBlobLogs", retentionInDays: 30, totalRetentionInDays: 30 });`,
  // The Azure controls the example has no resource of: transit TLS, public data, unique authentication.
  "azure-redis-cache-tls/minimum-tls": (n) => redis(n, `minimumTlsVersion: "1.0"`),
  "azure-redis-cache-private/no-public-network": (n) => redis(n, `publicNetworkAccess: "Enabled"`),
  "azure-redis-cache-identity-auth/access-keys-disabled": (n) =>
    redis(n, "disableAccessKeyAuthentication: false"),
};
const mutants = mutantsOf(MUTANTS);

// Two previews of 100-200 resources each; on a shared 2-core machine one can take a minute.
const PREVIEW_TIMEOUT = 240_000;

describe.concurrent(
  "palisade preview examples/azure-confidential-analytics --policy-pack policy-packs/hipaa",
  () => {
    beforeAll(() => {
      const imports = [
        `import { Key, Vault } from "@pulumi/azure-native/keyvault";`,
        `import { DiagnosticSetting } from "@pulumi/azure-native/monitor";`,
        `import { BlobServiceProperties, StorageAccount } from "@pulumi/azure-native/storage";`,
        `import { FlowLog, NetworkInterface, NetworkSecurityGroup, VirtualNetwork } from "@pulumi/azure-native/network";`,
        `import { Disk, VirtualMachine } from "@pulumi/azure-native/compute";`,
        `import { ManagedCluster } from "@pulumi/azure-native/containerservice";`,
        `import { Table, Workspace } from "@pulumi/azure-native/operationalinsights";`,
        `import { Redis } from "@pulumi/azure-native/redis";`,
      ];
      writeMutatedExample(example, mutant, imports, mutants);
    });

    it(
      "reports no mandatory violation and nothing undetermined; the runtime sensor's namespace shows as exempted",
      async () => {
        expectCompliantExample(await preview(example), { resources: 103, exempted: 2 });
      },
      PREVIEW_TIMEOUT,
    );

    it(
      "catches each Azure requirement's mutant with exactly that requirement's id",
      async () => {
        expectEachMutantCaught(await preview(mutant), mutants);
      },
      PREVIEW_TIMEOUT,
    );
  },
);
