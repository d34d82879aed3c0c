import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { synapseWorkspaceCmk, synapseWorkspaceIdentityAuth, synapseWorkspacePrivate } from "./synapse";

const workspace = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:synapse:Workspace",
  name: "syn",
  props: {
    resourceGroupName: "rg",
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    managedVirtualNetwork: "default",
    azureADOnlyAuthentication: true,
    encryption: { cmk: { key: { name: "k", keyVaultUrl: UNKNOWN } } },
    ...props,
  },
});
const firewall = (startIpAddress: unknown, endIpAddress: unknown): KitResource => ({
  type: "azure-native:synapse:IpFirewallRule",
  name: "fw",
  props: { resourceGroupName: "rg", workspaceName: UNKNOWN, startIpAddress, endIpAddress },
});

describeRule(synapseWorkspacePrivate, {
  baseline: hipaa,
  compliant: [
    workspace({}),
    firewall("203.0.113.0", "203.0.113.255"),
    // "Allow Azure services": 0.0.0.0 to 0.0.0.0.
    firewall("0.0.0.0", "0.0.0.0"),
  ],
  requirements: {
    "no-public-network": {
      violating: [
        workspace({ publicNetworkAccess: "Enabled" }),
        workspace({ publicNetworkAccess: undefined }),
      ],
      unknown: [workspace({ publicNetworkAccess: UNKNOWN })],
    },
    "firewall-not-open": {
      violating: [firewall("0.0.0.0", "255.255.255.255")],
      compliant: [firewall("0.0.0.1", "255.255.255.255"), firewall("0.0.0.0", "255.255.255.254")],
      unknown: [firewall(UNKNOWN, "255.255.255.255"), firewall("0.0.0.0", UNKNOWN)],
    },
  },
});

describeRule(synapseWorkspaceCmk, {
  baseline: hipaa,
  compliant: [workspace({})],
  requirements: {
    "customer-key": {
      violating: [
        workspace({ encryption: undefined }),
        workspace({ encryption: { cmk: { kekIdentity: {} } } }),
      ],
      unknown: [workspace({ encryption: UNKNOWN })],
      decidedWhenUnknown: [workspace({ encryption: { cmk: { key: UNKNOWN } } })],
    },
  },
});

describeRule(synapseWorkspaceIdentityAuth, {
  baseline: hipaa,
  compliant: [workspace({})],
  requirements: {
    "entra-only": {
      violating: [
        workspace({ azureADOnlyAuthentication: false, sqlAdministratorLoginPassword: "pw" }),
        workspace({ azureADOnlyAuthentication: undefined }),
      ],
      unknown: [workspace({ azureADOnlyAuthentication: UNKNOWN })],
    },
  },
});
