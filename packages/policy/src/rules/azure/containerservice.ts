/** AKS rules (azure-native v3 containerservice, API 2025-09-01). */
import type * as containerservice from "@pulumi/azure-native/containerservice";
import { resourceRule, type Props } from "../../rule";
import { isInternetCidr } from "../exposure";

export const aksClusterHardened = resourceRule({
  id: "azure-aks-managed-cluster-hardened",
  description:
    "AKS clusters keep the API server private or IP-restricted, encrypt secrets with a Key Vault key, disable local accounts, use Entra ID with Azure RBAC and enforce network policy",
  target: "azure",
  types: ["azure-native:containerservice:ManagedCluster"],
  check: (props: Props<containerservice.ManagedClusterArgs>) => {
    const findings: string[] = [];
    const api = props.apiServerAccessProfile ?? {};
    if (api.enablePrivateCluster !== true) {
      const ranges = ((api.authorizedIPRanges as unknown[] | undefined) ?? []).map(String);
      if (ranges.length === 0 || ranges.some(isInternetCidr))
        findings.push(
          "the API server is open to the internet: set apiServerAccessProfile.enablePrivateCluster true or restrict apiServerAccessProfile.authorizedIPRanges (not 0.0.0.0/0 or ::/0)",
        );
    }
    const kms = props.securityProfile?.azureKeyVaultKms ?? {};
    if (kms.enabled !== true || !("keyId" in kms))
      findings.push(
        "securityProfile.azureKeyVaultKms must be enabled with a keyId to encrypt secrets with a Key Vault key",
      );
    if (props.disableLocalAccounts !== true) findings.push("disableLocalAccounts must be true");
    if (props.enableRBAC === false) findings.push("enableRBAC must not be false");
    const aad = props.aadProfile ?? {};
    if (aad.managed !== true || aad.enableAzureRBAC !== true)
      findings.push(
        "aadProfile.managed and aadProfile.enableAzureRBAC must be true (Entra ID with Azure RBAC)",
      );
    const policy = props.networkProfile?.networkPolicy;
    if (policy === undefined || String(policy).toLowerCase() === "none")
      findings.push("networkProfile.networkPolicy must be set (azure, calico or cilium), not none");
    return findings;
  },
});
