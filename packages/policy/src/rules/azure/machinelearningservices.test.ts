import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  mlComputeIdentityAuth,
  mlComputeIsolated,
  mlWorkspaceCmk,
  mlWorkspacePrivate,
} from "./machinelearningservices";

const workspace = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:machinelearningservices:Workspace",
  name: "ws",
  props: {
    resourceGroupName: "rg",
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
    encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: UNKNOWN, keyIdentifier: UNKNOWN } },
    ...props,
  },
});
const cluster = (properties: Record<string, unknown>, props: Record<string, unknown> = {}): KitResource => ({
  type: "azure-native:machinelearningservices:Compute",
  name: "cluster",
  props: {
    resourceGroupName: "rg",
    workspaceName: UNKNOWN,
    identity: { type: "SystemAssigned" },
    properties: {
      computeType: "AmlCompute",
      disableLocalAuth: true,
      properties: {
        vmSize: "Standard_NC6s_v3",
        enableNodePublicIp: false,
        remoteLoginPortPublicAccess: "Disabled",
        ...properties,
      },
    },
    ...props,
  },
});
const instance = (properties: Record<string, unknown>): KitResource => ({
  ...cluster({}),
  name: "instance",
  props: {
    resourceGroupName: "rg",
    workspaceName: UNKNOWN,
    identity: { type: "UserAssigned", userAssignedIdentities: { id: {} } },
    properties: {
      computeType: "ComputeInstance",
      disableLocalAuth: true,
      properties: { vmSize: "Standard_DS3_v2", enableNodePublicIp: false, ...properties },
    },
  },
});
const attached: KitResource = {
  ...cluster({}),
  props: {
    resourceGroupName: "rg",
    workspaceName: UNKNOWN,
    identity: { type: "SystemAssigned,UserAssigned" },
    properties: { computeType: "Kubernetes", disableLocalAuth: true, resourceId: UNKNOWN },
  },
};

describeRule(mlWorkspacePrivate, {
  baseline: hipaa,
  compliant: [workspace({}), workspace({ allowPublicAccessWhenBehindVnet: false })],
  requirements: {
    "no-public-network": {
      violating: [
        workspace({ publicNetworkAccess: "Enabled" }),
        workspace({ publicNetworkAccess: undefined }),
        workspace({ allowPublicAccessWhenBehindVnet: true }),
      ],
      unknown: [
        workspace({ publicNetworkAccess: UNKNOWN }),
        workspace({ allowPublicAccessWhenBehindVnet: UNKNOWN }),
      ],
    },
  },
});

describeRule(mlWorkspaceCmk, {
  baseline: hipaa,
  compliant: [workspace({})],
  requirements: {
    "customer-key": {
      violating: [
        workspace({ encryption: undefined }),
        workspace({ encryption: { status: "Disabled", keyVaultProperties: { keyIdentifier: "k" } } }),
        workspace({ encryption: { status: "Enabled" } }),
      ],
      unknown: [workspace({ encryption: { status: UNKNOWN, keyVaultProperties: {} } })],
    },
  },
});

describeRule(mlComputeIsolated, {
  baseline: hipaa,
  compliant: [
    [workspace({})],
    [workspace({ managedNetwork: { isolationMode: "AllowInternetOutbound" } })],
    [cluster({})],
    [instance({})],
    [instance({ sshSettings: { sshPublicAccess: "Disabled" } })],
    [attached],
  ],
  requirements: {
    "managed-network": {
      violating: [
        [workspace({ managedNetwork: { isolationMode: "Disabled" } })],
        [workspace({ managedNetwork: undefined })],
      ],
      unknown: [[workspace({ managedNetwork: { isolationMode: UNKNOWN } })]],
    },
    "no-public-ip": {
      violating: [
        [cluster({ enableNodePublicIp: true })],
        [cluster({ enableNodePublicIp: undefined })],
        [instance({ enableNodePublicIp: undefined })],
      ],
      unknown: [[cluster({ enableNodePublicIp: UNKNOWN })]],
    },
    "no-public-ssh": {
      violating: [
        [cluster({ remoteLoginPortPublicAccess: "NotSpecified" })],
        [cluster({ remoteLoginPortPublicAccess: undefined })],
        [cluster({ remoteLoginPortPublicAccess: "Enabled" })],
        [instance({ sshSettings: { sshPublicAccess: "Enabled" } })],
      ],
      unknown: [[cluster({ remoteLoginPortPublicAccess: UNKNOWN })], [instance({ sshSettings: UNKNOWN })]],
    },
  },
});

describeRule(mlComputeIdentityAuth, {
  baseline: hipaa,
  compliant: [cluster({}), instance({}), attached],
  requirements: {
    "local-auth-disabled": {
      violating: [
        {
          ...cluster({}),
          props: { ...cluster({}).props, properties: { computeType: "AmlCompute", disableLocalAuth: false } },
        },
        { ...cluster({}), props: { ...cluster({}).props, properties: { computeType: "AmlCompute" } } },
      ],
      unknown: [
        {
          ...cluster({}),
          props: {
            ...cluster({}).props,
            properties: { computeType: "AmlCompute", disableLocalAuth: UNKNOWN },
          },
        },
      ],
    },
    "managed-identity": {
      violating: [cluster({}, { identity: undefined }), cluster({}, { identity: { type: "None" } })],
      unknown: [cluster({}, { identity: { type: UNKNOWN } })],
    },
  },
});
