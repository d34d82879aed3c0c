/** Azure Recovery Services vault rules (azure-native v3 recoveryservices, API 2024-10-01). */
import type * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import { resourceRule, type InputsContext, type Props } from "../../rule";
import { RECORDS_SCOPE_SETTINGS, outsideRecords } from "../scope";

type Vault = Props<recoveryservices.VaultArgs>;

const recordsScope = (props: Vault, context: InputsContext) => outsideRecords(props.tags, context.config);

const securitySettings = (props: Vault) => props.properties?.securitySettings;

/**
 * Backups of books and records (FINRA 4370(c)(1), an interpretation; SEC 17a-4(f)) sit in a vault no one
 * can make mutable again or empty early: locked immutability and soft delete that cannot be turned off.
 */
export const recoveryVaultRecordsLock = resourceRule({
  id: "azure-recoveryservices-vault-records-lock",
  description:
    "Recovery Services vaults holding backups of books and records have locked immutability and always-on soft delete",
  target: "azure",
  types: ["azure-native:recoveryservices:Vault"],
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
        securitySettings(props)?.immutabilitySettings?.state === "Locked"
          ? []
          : ["properties.securitySettings.immutabilitySettings.state is not Locked"],
    },
    {
      id: "soft-delete-always-on",
      description:
        "Soft delete is always on: deleted backups stay recoverable, and the setting cannot be turned off",
      remediation:
        'Set properties.securitySettings.softDeleteSettings.softDeleteState "AlwaysON" (the API\'s spelling; irreversible) with a softDeleteRetentionPeriodInDays.',
      outOfScope: recordsScope,
      check: (props: Vault) =>
        securitySettings(props)?.softDeleteSettings?.softDeleteState === "AlwaysON"
          ? []
          : ["properties.securitySettings.softDeleteSettings.softDeleteState is not AlwaysON"],
    },
  ],
});
