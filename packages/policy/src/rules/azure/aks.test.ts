import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import {
  UNKNOWN,
  analyzeRule,
  describeRule,
  requirementsOf,
  undeterminedOf,
  type KitResource,
} from "../../test-support";
import { aksClusterHardened } from "./aks";

const hardened = {
  resourceGroupName: "rg",
  apiServerAccessProfile: { enablePrivateCluster: true },
  securityProfile: { azureKeyVaultKms: { enabled: true, keyId: "https://kv.vault.azure.net/keys/k/v1" } },
  disableLocalAccounts: true,
  enableRBAC: true,
  aadProfile: { managed: true, enableAzureRBAC: true },
  networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium" },
};
const cluster = (props: Record<string, unknown>, deps?: Record<string, string[]>): KitResource => ({
  type: "azure-native:containerservice:ManagedCluster",
  name: "aks",
  props: { ...hardened, ...props },
  ...(deps ? { propertyDependencies: deps } : {}),
});
const key: KitResource = {
  type: "azure-native:keyvault:Key",
  name: "key",
  props: { keyName: "k", vaultName: UNKNOWN },
};
const vault: KitResource = { type: "azure-native:keyvault:Vault", name: "kv", props: { vaultName: "kv" } };

describeRule(aksClusterHardened, {
  baseline: hipaa,
  compliant: [
    [cluster({})],
    [cluster({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] }, enableRBAC: undefined })],
    [cluster({ networkProfile: { networkPolicy: "azure" } })],
    // The key is created in the same preview: azure-native leaves the whole securityProfile unknown.
    [key, cluster({ securityProfile: UNKNOWN }, { securityProfile: ["key"] })],
  ],
  requirements: {
    "private-api-server": {
      violating: [
        [
          cluster({
            apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ["0.0.0.0/0"] },
          }),
        ],
        [cluster({ apiServerAccessProfile: {} })],
        [cluster({ apiServerAccessProfile: undefined })],
        [cluster({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", "::/0"] } })],
        [cluster({ apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/1", "128.0.0.0/1"] } })],
        [cluster({ apiServerAccessProfile: { authorizedIPRanges: [] } })],
      ],
      unknown: [
        [cluster({ apiServerAccessProfile: UNKNOWN })],
        [cluster({ apiServerAccessProfile: { authorizedIPRanges: [UNKNOWN] } })],
      ],
      // The subnet comes from a resource in the same preview.
      decidedWhenUnknown: [
        [
          cluster({
            apiServerAccessProfile: {
              enablePrivateCluster: true,
              enableVnetIntegration: true,
              subnetId: UNKNOWN,
            },
          }),
        ],
      ],
    },
    "secrets-encryption": {
      violating: [
        [
          cluster({
            securityProfile: { azureKeyVaultKms: { enabled: false, keyId: "https://kv/keys/k/v1" } },
          }),
        ],
        [cluster({ securityProfile: { azureKeyVaultKms: { enabled: true } } })],
        [cluster({ securityProfile: {} })],
        [cluster({ securityProfile: undefined })],
      ],
      unknown: [
        [cluster({ securityProfile: UNKNOWN })],
        // A vault alone is no key.
        [vault, cluster({ securityProfile: UNKNOWN }, { securityProfile: ["kv"] })],
        [cluster({ securityProfile: { azureKeyVaultKms: UNKNOWN } })],
      ],
      decidedWhenUnknown: [
        [
          cluster({
            securityProfile: {
              azureKeyVaultKms: { enabled: true, keyId: UNKNOWN, keyVaultResourceId: UNKNOWN },
            },
          }),
        ],
        [key, cluster({ securityProfile: UNKNOWN }, { securityProfile: ["key"] })],
      ],
    },
    "no-local-accounts": {
      violating: [[cluster({ disableLocalAccounts: false })], [cluster({ disableLocalAccounts: undefined })]],
      unknown: [[cluster({ disableLocalAccounts: UNKNOWN })]],
    },
    "rbac-enabled": {
      violating: [[cluster({ enableRBAC: false })]],
      unknown: [[cluster({ enableRBAC: UNKNOWN })]],
    },
    "entra-azure-rbac": {
      violating: [
        [cluster({ aadProfile: { managed: true } })],
        [cluster({ aadProfile: { enableAzureRBAC: true } })],
        [cluster({ aadProfile: undefined })],
      ],
      unknown: [[cluster({ aadProfile: { managed: true, enableAzureRBAC: UNKNOWN } })]],
    },
    "network-policy": {
      violating: [
        [cluster({ networkProfile: { networkPlugin: "azure", networkPolicy: "none" } })],
        [cluster({ networkProfile: { networkPlugin: "azure", networkPolicy: "None" } })],
        [cluster({ networkProfile: { networkPlugin: "kubenet" } })],
        [cluster({ networkProfile: undefined })],
      ],
      unknown: [[cluster({ networkProfile: { networkPolicy: UNKNOWN } })]],
    },
  },
});

describe("azure-aks-managed-cluster-hardened at preview", () => {
  it("reports a public API server while the Key Vault key is undetermined, instead of only undetermined", async () => {
    const result = await analyzeRule(
      aksClusterHardened,
      [cluster({ apiServerAccessProfile: { enablePrivateCluster: false }, securityProfile: UNKNOWN })],
      { baseline: hipaa },
    );
    expect(requirementsOf(result)).toEqual(["azure-aks-managed-cluster-hardened/private-api-server"]);
    expect(undeterminedOf(result)).toEqual(["azure-aks-managed-cluster-hardened/secrets-encryption"]);
  });
});
