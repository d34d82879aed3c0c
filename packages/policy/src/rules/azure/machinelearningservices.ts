/**
 * Azure Machine Learning rules (azure-native v3 machinelearningservices, API 2025-12-01): workspaces and
 * their compute. That API version's defaults: workspace public network access Enabled, no managed network
 * (isolationMode Disabled), Microsoft-managed keys; compute with public node IPs (the SDK itself sends
 * enableNodePublicIp true) and local authentication on.
 */
import type * as ml from "@pulumi/azure-native/machinelearningservices";
import { resourceRule, type Props } from "../../rule";

type Workspace = Props<ml.WorkspaceArgs>;
type Compute = Props<ml.ComputeArgs>;
const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const COMPUTE = "azure-native:machinelearningservices:Compute";

export const mlWorkspacePrivate = resourceRule({
  id: "azure-machinelearningservices-workspace-private",
  description: "Machine Learning workspaces are reachable only through private endpoints",
  target: "azure",
  types: [WORKSPACE],
  requirements: [
    {
      id: "no-public-network",
      description:
        "publicNetworkAccess is Disabled (it defaults to Enabled) and allowPublicAccessWhenBehindVnet is not true",
      remediation:
        'Set publicNetworkAccess "Disabled", leave allowPublicAccessWhenBehindVnet unset, and add private endpoints.',
      check: (props: Workspace) => [
        ...(props.publicNetworkAccess === "Disabled" ? [] : ["publicNetworkAccess is not Disabled"]),
        ...(props.allowPublicAccessWhenBehindVnet === true
          ? ["allowPublicAccessWhenBehindVnet is true"]
          : []),
      ],
    },
  ],
});

export const mlWorkspaceCmk = resourceRule({
  id: "azure-machinelearningservices-workspace-cmk",
  description: "Machine Learning workspaces encrypt their data with a customer-managed key",
  target: "azure",
  types: [WORKSPACE],
  requirements: [
    {
      id: "customer-key",
      description: 'encryption.status is "Enabled" with keyVaultProperties naming the key',
      remediation:
        'Set encryption.status "Enabled" and encryption.keyVaultProperties (keyVaultArmId, keyIdentifier).',
      check: (props: Workspace) => {
        const encryption = props.encryption ?? {};
        return encryption.status === "Enabled" && "keyVaultProperties" in encryption
          ? []
          : ["encryption names no customer-managed key (status, keyVaultProperties)"];
      },
    },
  ],
});

const ISOLATED = ["AllowOnlyApprovedOutbound", "AllowInternetOutbound"];
const AML_COMPUTE = "AmlCompute";
const COMPUTE_INSTANCE = "ComputeInstance";

export const mlComputeIsolated = resourceRule({
  id: "azure-machinelearningservices-compute-isolated",
  description:
    "Machine Learning compute runs in a managed or private network, with no public IPs and no public SSH",
  target: "azure",
  types: [WORKSPACE, COMPUTE],
  requirements: [
    {
      id: "managed-network",
      description:
        "The workspace's managed network isolates its compute (isolationMode AllowOnlyApprovedOutbound or AllowInternetOutbound; the default is Disabled)",
      remediation: 'Set managedNetwork.isolationMode "AllowOnlyApprovedOutbound".',
      types: [WORKSPACE],
      check: (props: Workspace) =>
        ISOLATED.includes(props.managedNetwork?.isolationMode)
          ? []
          : ["managedNetwork.isolationMode is not set to isolate compute"],
    },
    {
      id: "no-public-ip",
      description:
        "Compute clusters and instances have no public node IPs (enableNodePublicIp defaults to true)",
      remediation:
        "Set properties.properties.enableNodePublicIp: false (with a subnet or the workspace's managed network).",
      types: [COMPUTE],
      check: (props: Compute) => {
        const compute = props.properties ?? {};
        if (![AML_COMPUTE, COMPUTE_INSTANCE].includes(compute.computeType)) return [];
        return compute.properties?.enableNodePublicIp === false
          ? []
          : ["properties.properties.enableNodePublicIp is not false"];
      },
    },
    {
      id: "no-public-ssh",
      description:
        "No public SSH port: clusters set remoteLoginPortPublicAccess Disabled (NotSpecified leaves it open outside a virtual network); instances leave sshSettings.sshPublicAccess Disabled",
      remediation:
        'Set properties.properties.remoteLoginPortPublicAccess "Disabled" on clusters, and sshSettings.sshPublicAccess "Disabled" on instances.',
      types: [COMPUTE],
      check: (props: Compute) => {
        const compute = props.properties ?? {};
        if (compute.computeType === AML_COMPUTE)
          return compute.properties?.remoteLoginPortPublicAccess === "Disabled"
            ? []
            : ["properties.properties.remoteLoginPortPublicAccess is not Disabled"];
        if (compute.computeType === COMPUTE_INSTANCE)
          return compute.properties?.sshSettings?.sshPublicAccess === "Enabled"
            ? ["properties.properties.sshSettings.sshPublicAccess is Enabled"]
            : [];
        return [];
      },
    },
  ],
});

export const mlComputeIdentityAuth = resourceRule({
  id: "azure-machinelearningservices-compute-identity-auth",
  description: "Machine Learning compute authenticates with managed identities and Microsoft Entra only",
  target: "azure",
  types: [COMPUTE],
  requirements: [
    {
      id: "local-auth-disabled",
      description: "properties.disableLocalAuth is true (local authentication is on by default)",
      remediation: "Set properties.disableLocalAuth: true.",
      check: (props: Compute) =>
        props.properties?.disableLocalAuth === true ? [] : ["properties.disableLocalAuth is not true"],
    },
    {
      id: "managed-identity",
      description: "The compute has a managed identity, so jobs reach data without stored credentials",
      remediation: 'Set identity.type "SystemAssigned" or "UserAssigned" (with userAssignedIdentities).',
      check: (props: Compute) =>
        String(props.identity?.type ?? "None").includes("Assigned")
          ? []
          : ["identity gives the compute no managed identity"],
    },
  ],
});
