/** AKS rules (azure-native v3 containerservice, API 2025-09-01). */
import type * as containerservice from "@pulumi/azure-native/containerservice";
import { admitsWholeInternet } from "@palisade/core";
import { stackRule, type Props } from "../../rule";
import { known } from "../../unknowns";

type Cluster = Props<containerservice.ManagedClusterArgs>;

/**
 * Judged on the stack: azure-native fills defaults into nested inputs, so `securityProfile` is wholly
 * unknown at preview when the key it names is created in the same update; the engine still knows that it
 * depends on a Key Vault key.
 */
export const aksClusterHardened = stackRule({
  id: "azure-aks-managed-cluster-hardened",
  description:
    "AKS clusters keep the API server private or IP-restricted, encrypt secrets with a Key Vault key, disable local accounts, use Entra ID with Azure RBAC and enforce network policy",
  target: "azure",
  types: ["azure-native:containerservice:ManagedCluster"],
  requirements: [
    {
      id: "private-api-server",
      description: "The API server is private, or its authorized IP ranges do not cover the internet",
      remediation:
        "Set apiServerAccessProfile.enablePrivateCluster true, or authorizedIPRanges that together do not cover the internet.",
      check: (props: Cluster) => {
        const api = props.apiServerAccessProfile ?? {};
        if (api.enablePrivateCluster === true) return [];
        const ranges = (api.authorizedIPRanges as unknown[] | undefined) ?? [];
        return ranges.length === 0 || admitsWholeInternet(ranges)
          ? [
              "the API server admits the whole internet (apiServerAccessProfile.enablePrivateCluster, authorizedIPRanges)",
            ]
          : [];
      },
    },
    {
      id: "secrets-encryption",
      description: "Kubernetes secrets are encrypted with a Key Vault key (KMS)",
      remediation:
        "Set securityProfile.azureKeyVaultKms with enabled: true and keyId the key's versioned URI.",
      afterDeployment:
        "When securityProfile is unknown at preview and depends on no Key Vault key, it is judged after deployment.",
      check: (props: Cluster, context) => {
        const kms = known(
          () => props.securityProfile?.azureKeyVaultKms as Record<string, unknown> | undefined,
        );
        if (!kms.known) {
          // What the engine does know: the security profile references a Key Vault key.
          const deps = context.stack.dependencies("securityProfile");
          if (deps.some((d) => d.type === "azure-native:keyvault:Key")) return [];
          throw kms.error;
        }
        const value = kms.value ?? {};
        return value.enabled === true && "keyId" in value
          ? []
          : ["securityProfile.azureKeyVaultKms is not enabled with a keyId"];
      },
    },
    {
      id: "no-local-accounts",
      description: "Local (certificate) accounts are disabled, so every identity goes through Entra ID",
      remediation: "Set disableLocalAccounts: true.",
      check: (props: Cluster) =>
        props.disableLocalAccounts === true ? [] : ["disableLocalAccounts is not true"],
    },
    {
      id: "rbac-enabled",
      description: "Kubernetes RBAC is on",
      remediation: "Leave enableRBAC unset or true.",
      check: (props: Cluster) => (props.enableRBAC === false ? ["enableRBAC is false"] : []),
    },
    {
      id: "entra-azure-rbac",
      description: "Authentication is Entra ID with authorization by Azure RBAC",
      remediation: "Set aadProfile.managed and aadProfile.enableAzureRBAC true.",
      check: (props: Cluster) => {
        const aad = props.aadProfile ?? {};
        return aad.managed === true && aad.enableAzureRBAC === true
          ? []
          : ["aadProfile.managed and aadProfile.enableAzureRBAC are not both true"];
      },
    },
    {
      id: "network-policy",
      description: "A network policy engine enforces NetworkPolicy",
      remediation: 'Set networkProfile.networkPolicy "cilium" (or "azure" or "calico").',
      check: (props: Cluster) => {
        const policy = props.networkProfile?.networkPolicy;
        return policy === undefined || String(policy).toLowerCase() === "none"
          ? ["networkProfile.networkPolicy is unset or none"]
          : [];
      },
    },
  ],
});
