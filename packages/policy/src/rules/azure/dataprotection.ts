/**
 * Azure Backup vault rules (azure-native v3 dataprotection, API 2025-01-01): where a vault keeps copies of
 * the backups it holds. A GeoRedundant storage setting copies them to the vault location's paired region
 * (cross-region restore then restores there); replicatedRegions names further regions the vault
 * replicates to. Both must be allowed.
 */
import type * as dataprotection from "@pulumi/azure-native/dataprotection";
import { resourceRule, stackRule, type InputsContext, type Props } from "../../rule";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import { RECORDS_SCOPE_SETTINGS, outsideRecords } from "../scope";
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

const recordsScope = (props: Vault, context: InputsContext) => outsideRecords(props.tags, context.config);

/**
 * Backups of books and records (FINRA 4370(c)(1), an interpretation; SEC 17a-4(f)) sit in a vault no one
 * can make mutable again or empty early: locked immutability and soft delete that cannot be turned off.
 */
export const backupVaultRecordsLock = resourceRule({
  id: "azure-dataprotection-backup-vault-records-lock",
  description:
    "Backup vaults holding backups of books and records have locked immutability and always-on soft delete",
  target: "azure",
  types: ["azure-native:dataprotection:BackupVault"],
  config: { ...RECORDS_SCOPE_SETTINGS },
  requirements: [
    {
      id: "immutability-locked",
      description:
        "The vault's immutability is Locked: recovery points cannot be deleted before they expire, and the setting cannot be turned off",
      remediation:
        'Set properties.securitySettings.immutabilitySettings.state "Locked" (irreversible; "Unlocked" can still be disabled).',
      outOfScope: recordsScope,
      check: (props: Vault) =>
        props.properties?.securitySettings?.immutabilitySettings?.state === "Locked"
          ? []
          : ["properties.securitySettings.immutabilitySettings.state is not Locked"],
    },
    {
      id: "soft-delete-always-on",
      description:
        "Soft delete is AlwaysOn: deleted backups stay recoverable, and the setting cannot be turned off",
      remediation:
        'Set properties.securitySettings.softDeleteSettings.state "AlwaysOn" (irreversible) with a retentionDurationInDays.',
      outOfScope: recordsScope,
      check: (props: Vault) =>
        props.properties?.securitySettings?.softDeleteSettings?.state === "AlwaysOn"
          ? []
          : ["properties.securitySettings.softDeleteSettings.state is not AlwaysOn"],
    },
  ],
});
