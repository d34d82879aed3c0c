/**
 * The names Azure gives resources that Palisade components create, and the rules Azure holds them to. A
 * child's physical name is either an input the component sets (a subnet's name) or azure-native's
 * autoname: the logical name plus eight random alphanumeric characters, with no separator. Components
 * check every such name before registering anything; tests check every registered one against the same
 * rules.
 */
import {
  providerNames,
  type NameRule,
  type NamedChild as CoreNamedChild,
  type ProviderNameRule,
} from "@palisade/core";

export interface AzureNameRule extends ProviderNameRule {
  /** Where Microsoft states the rule. */
  readonly source: string;
}

const RULES = "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules";

/** `westeurope`, `swedencentral`, `eastus2`: an Azure region's programmatic name. */
export const AZURE_LOCATION = /^[a-z]{4,}[a-z0-9]*$/;

/** Resource group names: 1-90 letters, digits, `_`, `(`, `)`, `-` or `.`, not ending with `.`. */
export const AZURE_RESOURCE_GROUP: NameRule & { source: string } = {
  pattern: /^[-\w.()]{0,89}[-\w()]$/u,
  maxLength: 90,
  describe: "1-90 letters, digits, '_', '(', ')', '-' or '.', not ending with '.'",
  source: `${RULES}#microsoftresources`,
};

/** A GUID, the form Entra ID object ids, tenant ids and role definition ids take. */
export const AZURE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** azure-native appends eight random characters to a logical name, with no separator (pulumi-azure-native#3665). */
const AUTONAME: Pick<AzureNameRule, "autonamed" | "autonameSuffix"> = {
  autonamed: true,
  autonameSuffix: "00000000",
};

/** Names of most network resources: 1-80 letters, digits, `_`, `.` or `-`, starting alphanumeric, ending alphanumeric or `_`. */
const NETWORK_NAME: Omit<AzureNameRule, "what" | "input"> = {
  ...AUTONAME,
  pattern: /^[a-zA-Z0-9](?:[\w.-]{0,78}\w)?$/,
  maxLength: 80,
  describe:
    "1-80 letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a letter, digit or '_'",
  source: `${RULES}#microsoftnetwork`,
};

export const AZURE_NAME_RULES: Readonly<Record<string, AzureNameRule>> = {
  "azure-native:keyvault:Vault": {
    ...AUTONAME,
    input: "vaultName",
    pattern: /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
    maxLength: 24,
    what: "Key Vault name",
    describe:
      "3-24 letters, digits or '-', starting with a letter, ending with a letter or digit, without '--' (globally unique)",
    source: `${RULES}#microsoftkeyvault`,
  },
  "azure-native:keyvault:Key": {
    ...AUTONAME,
    input: "keyName",
    pattern: /^[a-zA-Z0-9-]{1,127}$/,
    maxLength: 127,
    what: "Key Vault key name",
    describe: "1-127 letters, digits or '-'",
    source: `${RULES}#microsoftkeyvault`,
  },
  "azure-native:storage:StorageAccount": {
    ...AUTONAME,
    input: "accountName",
    pattern: /^[a-z0-9]{3,24}$/,
    maxLength: 24,
    what: "storage account name",
    describe: "3-24 lowercase letters or digits (globally unique); azure-native does not lowercase autonames",
    source: `${RULES}#microsoftstorage`,
  },
  "azure-native:storage:BlobContainer": {
    ...AUTONAME,
    input: "containerName",
    pattern: /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
    maxLength: 63,
    what: "blob container name",
    describe:
      "3-63 lowercase letters, digits or '-', starting and ending with a letter or digit, without '--'",
    source: `${RULES}#microsoftstorage`,
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    ...AUTONAME,
    input: "resourceName",
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/,
    maxLength: 128,
    what: "user-assigned identity name",
    describe: "3-128 letters, digits, '_' or '-', starting with a letter or digit",
    source: `${RULES}#microsoftmanagedidentity`,
  },
  "azure-native:compute:DiskEncryptionSet": {
    ...AUTONAME,
    input: "diskEncryptionSetName",
    pattern: /^[a-zA-Z0-9_-]{1,80}$/,
    maxLength: 80,
    what: "disk encryption set name",
    describe: "1-80 letters, digits, '_' or '-'",
    source: `${RULES}#microsoftcompute`,
  },
  "azure-native:compute:VirtualMachine": {
    ...AUTONAME,
    input: "vmName",
    // Linux; Windows names are 1-15 characters, but Palisade's confidential images are Linux.
    pattern: /^(?![_])[^\\/"'[\]:|<>+=;,?*@&_\s][^\\/"'[\]:|<>+=;,?*@&\s]{0,62}(?<![.-])$/,
    maxLength: 64,
    what: "Linux virtual machine name",
    describe:
      "1-64 characters without spaces or \\ / \" ' [ ] : | < > + = ; , ? * @ &, not starting with '_' nor ending with '.' or '-'",
    source: `${RULES}#microsoftcompute`,
  },
  "azure-native:network:VirtualNetwork": {
    ...NETWORK_NAME,
    input: "virtualNetworkName",
    pattern: /^[a-zA-Z0-9](?:[\w.-]{0,62}\w)?$/,
    maxLength: 64,
    describe:
      "2-64 letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a letter, digit or '_'",
    what: "virtual network name",
  },
  "azure-native:network:Subnet": { ...NETWORK_NAME, input: "subnetName", what: "subnet name" },
  "azure-native:network:NetworkSecurityGroup": {
    ...NETWORK_NAME,
    input: "networkSecurityGroupName",
    what: "network security group name",
  },
  "azure-native:network:NatGateway": { ...NETWORK_NAME, input: "natGatewayName", what: "NAT gateway name" },
  "azure-native:network:PublicIPAddress": {
    ...NETWORK_NAME,
    input: "publicIpAddressName",
    what: "public IP address name",
  },
  "azure-native:network:NetworkInterface": {
    ...NETWORK_NAME,
    input: "networkInterfaceName",
    what: "network interface name",
  },
  "azure-native:network:PrivateEndpoint": {
    ...NETWORK_NAME,
    input: "privateEndpointName",
    pattern: /^[a-zA-Z0-9](?:[\w.-]{0,62}\w)?$/,
    maxLength: 64,
    describe:
      "2-64 letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a letter, digit or '_'",
    what: "private endpoint name",
  },
  "azure-native:network:FlowLog": { ...NETWORK_NAME, input: "flowLogName", what: "flow log name" },
  "azure-native:privatedns:VirtualNetworkLink": {
    ...NETWORK_NAME,
    input: "virtualNetworkLinkName",
    what: "private DNS zone link name",
  },
  "azure-native:operationalinsights:Workspace": {
    ...AUTONAME,
    input: "workspaceName",
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/,
    maxLength: 63,
    what: "Log Analytics workspace name",
    describe: "4-63 letters, digits or '-', starting and ending with a letter or digit",
    source: `${RULES}#microsoftoperationalinsights`,
  },
  "azure-native:monitor:DiagnosticSetting": {
    ...AUTONAME,
    input: "name",
    pattern: /^[^*<>%:&?/+#\\]{1,260}$/,
    maxLength: 260,
    what: "diagnostic setting name",
    describe: "1-260 characters without * < > % : & ? / + # \\",
    source: `${RULES}#microsoftinsights`,
  },
  "azure-native:containerservice:ManagedCluster": {
    ...AUTONAME,
    input: "resourceName",
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/,
    maxLength: 63,
    what: "AKS cluster name",
    describe: "1-63 letters, digits, '_' or '-', starting and ending with a letter or digit",
    source: `${RULES}#microsoftcontainerservice`,
  },
  "azure-native:containerservice:AgentPool": {
    ...AUTONAME,
    input: "agentPoolName",
    pattern: /^[a-z][a-z0-9]{0,11}$/,
    maxLength: 12,
    what: "AKS Linux node pool name",
    describe: "1-12 lowercase letters or digits, starting with a letter",
    source: "https://learn.microsoft.com/en-us/azure/aks/create-node-pools#limitations",
  },
  // SegmentedVnet: its NSGs' inline rules (named by the caller's allows) and the Network Watcher it names.
  "azure-native:network:SecurityRule": {
    ...NETWORK_NAME,
    input: "securityRuleName",
    what: "security rule name",
  },
  "azure-native:network:NetworkWatcher": {
    ...NETWORK_NAME,
    input: "networkWatcherName",
    what: "Network Watcher name",
  },
  // ConfidentialVm
  "azure-native:compute:Disk": {
    ...AUTONAME,
    input: "diskName",
    pattern: /^[a-zA-Z0-9_-]{1,80}$/,
    maxLength: 80,
    what: "managed disk name",
    describe: "1-80 letters, digits, '_' or '-'",
    source: `${RULES}#microsoftcompute`,
  },
};

/** Physical names and their checks for the Azure types above (`@palisade/core`'s `providerNames`). */
export const { physicalName, isValidPhysicalName, checkChildNames } = providerNames(AZURE_NAME_RULES);
export type NamedChild = CoreNamedChild<keyof typeof AZURE_NAME_RULES>;
