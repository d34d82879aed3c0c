/**
 * Azure Synapse rules (azure-native v3 synapse, API 2021-06-01): firewall exposure, public network access,
 * customer keys and Entra-only authentication. The SDK itself sends publicNetworkAccess "Enabled" when it is
 * omitted, and the API leaves Entra-only authentication off.
 */
import type * as synapse from "@pulumi/azure-native/synapse";
import { rangesAdmitWholeInternet } from "@palisade/core";
import { resourceRule, type Props } from "../../rule";

type Workspace = Props<synapse.WorkspaceArgs>;
type FirewallRule = Props<synapse.IpFirewallRuleArgs>;
const WORKSPACE = "azure-native:synapse:Workspace";
const FIREWALL_RULE = "azure-native:synapse:IpFirewallRule";

export const synapseWorkspacePrivate = resourceRule({
  id: "azure-synapse-workspace-private",
  description: "Synapse workspaces are not open to public networks, and no firewall rule admits the internet",
  target: "azure",
  types: [WORKSPACE, FIREWALL_RULE],
  requirements: [
    {
      id: "no-public-network",
      description: "The workspace's public network access is Disabled (it defaults to Enabled)",
      remediation:
        'Set publicNetworkAccess "Disabled" and reach the workspace through private endpoints (managed private endpoints for its compute).',
      types: [WORKSPACE],
      check: (props: Workspace) =>
        props.publicNetworkAccess === "Disabled" ? [] : ["publicNetworkAccess is not Disabled"],
    },
    {
      id: "firewall-not-open",
      description: "No IP firewall rule admits every IPv4 or IPv6 address (0.0.0.0 to 255.255.255.255)",
      remediation: "Narrow startIpAddress and endIpAddress to the client networks that need the workspace.",
      types: [FIREWALL_RULE],
      check: (props: FirewallRule) =>
        rangesAdmitWholeInternet([{ first: props.startIpAddress, last: props.endIpAddress }])
          ? ["startIpAddress to endIpAddress admits the whole internet"]
          : [],
    },
  ],
});

export const synapseWorkspaceCmk = resourceRule({
  id: "azure-synapse-workspace-cmk",
  description: "Synapse workspaces add a customer-managed key to their encryption",
  target: "azure",
  types: [WORKSPACE],
  requirements: [
    {
      id: "customer-key",
      description: "encryption.cmk.key names a Key Vault key (the default is service-managed keys only)",
      remediation: "Set encryption.cmk.key (keyVaultUrl, name) and encryption.cmk.kekIdentity.",
      check: (props: Workspace) =>
        "key" in (props.encryption?.cmk ?? {}) ? [] : ["encryption.cmk.key names no customer-managed key"],
    },
  ],
});

export const synapseWorkspaceIdentityAuth = resourceRule({
  id: "azure-synapse-workspace-identity-auth",
  description: "Synapse workspaces authenticate Microsoft Entra identities only, not SQL logins",
  target: "azure",
  types: [WORKSPACE],
  requirements: [
    {
      id: "entra-only",
      description: "azureADOnlyAuthentication is true (it defaults to false)",
      remediation: "Set azureADOnlyAuthentication: true and drop sqlAdministratorLoginPassword.",
      check: (props: Workspace) =>
        props.azureADOnlyAuthentication === true ? [] : ["azureADOnlyAuthentication is not true"],
    },
  ],
});
