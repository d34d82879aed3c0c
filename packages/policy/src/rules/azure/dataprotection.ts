/**
 * Azure Backup vault rules (azure-native v3 dataprotection, API 2025-01-01): where a vault keeps copies of
 * the backups it holds. A GeoRedundant storage setting copies them to the vault location's paired region
 * (cross-region restore then restores there); replicatedRegions names further regions the vault
 * replicates to. Both must be allowed.
 */
import type * as dataprotection from "@pulumi/azure-native/dataprotection";
import { stackRule, type Props } from "../../rule";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import { azurePlacement, geoCopyFindings } from "./residency";

type Vault = Props<dataprotection.BackupVaultArgs>;

/** A stack rule: the vault's location may come from its resource group (see ./residency). */
export const backupVaultCopyRegions = stackRule({
  id: "azure-dataprotection-backup-vault-copy-regions",
  description: "Backup vaults keep backup copies only in allowed regions",
  target: "azure",
  types: ["azure-native:dataprotection:BackupVault"],
  config: { allowedRegions: allowedRegionsSetting("azure") },
  requirements: [
    {
      id: "geo-copy-region",
      description:
        "With a GeoRedundant properties.storageSettings entry, the vault location's paired region, where Azure copies the backups, is in allowedRegions",
      remediation:
        'Set every properties.storageSettings[*].type "LocallyRedundant" or "ZoneRedundant", or place the vault where the paired region is allowed.',
      check: (props: Vault, context) => {
        const settings = (props.properties?.storageSettings as { type?: unknown }[] | undefined) ?? [];
        return settings.some((s) => s?.type === "GeoRedundant")
          ? geoCopyFindings(azurePlacement(props, context), context.config)
          : [];
      },
    },
    {
      id: "replicated-regions",
      description: "Every properties.replicatedRegions entry is in allowedRegions",
      remediation: "List only regions in allowedRegions under properties.replicatedRegions.",
      check: (props: Vault, context) =>
        ((props.properties?.replicatedRegions as unknown[] | undefined) ?? []).flatMap((region, i) =>
          residencyFindings("azure", `properties.replicatedRegions[${i}]`, region, context.config),
        ),
    },
  ],
});
