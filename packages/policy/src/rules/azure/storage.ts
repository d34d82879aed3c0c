/** Azure Storage rules (azure-native v3 storage, API 2024-01-01). */
import type { PolicyResource } from "@pulumi/policy";
import type * as storage from "@pulumi/azure-native/storage";
import { AZURE_GEO_REDUNDANT_SKUS } from "@palisade/core";
import { stackRule, type Props, type RuleConfig, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting } from "../residency";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData } from "../scope";
import { azurePlacement, geoCopyFindings } from "./residency";

type Account = Props<storage.StorageAccountArgs>;

/** Key Vault resources: an input that depends on one holds a Key Vault key reference. */
const KEY_VAULT_TYPES = [
  "azure-native:keyvault:Key",
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:ManagedHsm",
];

/**
 * Judged on the stack: azure-native fills defaults into nested inputs, so `encryption` is wholly unknown at
 * preview when the key it names is created in the same update. The engine still knows what it depends on.
 */
export const storageAccountSecure = stackRule({
  id: "azure-storage-account-secure",
  description:
    "Storage accounts take HTTPS only at TLS 1.2+, allow no public blob access and encrypt with a customer key",
  target: "azure",
  types: ["azure-native:storage:StorageAccount"],
  requirements: [
    {
      id: "https-only",
      description: "The account accepts HTTPS only",
      remediation: "Leave enableHttpsTrafficOnly unset or true (true is the default since API 2019-04-01).",
      check: (props: Account) =>
        props.enableHttpsTrafficOnly === false ? ["enableHttpsTrafficOnly is false"] : [],
    },
    {
      id: "minimum-tls",
      description: "Requests need TLS 1.2 or newer",
      remediation: 'Set minimumTlsVersion "TLS1_2" (the API treats unset as TLS 1.0).',
      check: (props: Account) =>
        ["TLS1_2", "TLS1_3"].includes(props.minimumTlsVersion)
          ? []
          : ["minimumTlsVersion is not TLS 1.2 or newer (unset means TLS 1.0)"],
    },
    {
      id: "no-public-blob-access",
      description: "Blobs and containers cannot be made public",
      remediation: "Set allowBlobPublicAccess false, or leave it unset (the API's default is false).",
      check: (props: Account) =>
        props.allowBlobPublicAccess === true ? ["allowBlobPublicAccess is true"] : [],
    },
    {
      id: "customer-key",
      description: "Data is encrypted with a customer-managed Key Vault key",
      remediation:
        'Set encryption.keySource "Microsoft.Keyvault" with encryption.keyVaultProperties naming the key (and an identity that may use it).',
      afterDeployment:
        "When encryption is unknown at preview and depends on no Key Vault resource, it is judged after deployment.",
      check: (props: Account, context: StackContext) => {
        const source = known(() => props.encryption?.keySource as unknown);
        if (!source.known) {
          // What the engine does know: the encryption input references a Key Vault key or vault.
          if (context.stack.dependencies("encryption").some((d) => KEY_VAULT_TYPES.includes(d.type)))
            return [];
          throw source.error;
        }
        return String(source.value).toLowerCase() === "microsoft.keyvault"
          ? []
          : ["encryption.keySource is not a Key Vault (customer-managed) key"];
      },
    },
  ],
});

const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const blobServices = (context: StackContext) => context.stack.dependents(BLOB_SERVICE, "accountName");

/** Blob settings live in a BlobServiceProperties joined to the account through `accountName`. */
export const blobVersioningSoftDelete = stackRule({
  id: "azure-storage-blob-versioning-soft-delete",
  description: "Storage accounts keep blob versions and soft-deleted blobs so improper changes can be undone",
  target: "azure",
  types: ["azure-native:storage:StorageAccount"],
  requirements: [
    {
      id: "versioning",
      description: "Blob versioning is on",
      remediation:
        "Add a BlobServiceProperties for the account (accountName) with isVersioningEnabled: true.",
      check: (_account, context) =>
        blobServices(context).some((s) => s.props.isVersioningEnabled === true)
          ? []
          : ["no BlobServiceProperties (accountName) sets isVersioningEnabled true"],
    },
    {
      id: "soft-delete",
      description: "Deleted blobs are kept for a retention period (blob soft delete)",
      remediation:
        "Add a BlobServiceProperties for the account (accountName) with deleteRetentionPolicy.enabled: true and a days value.",
      check: (_account, context) =>
        blobServices(context).some((s) => s.props.deleteRetentionPolicy?.enabled === true)
          ? []
          : ["no BlobServiceProperties (accountName) sets deleteRetentionPolicy.enabled true"],
    },
  ],
});

const ACCOUNT = "azure-native:storage:StorageAccount";

/** Judged on the stack: the account's location may come from its resource group (see ./residency). */
export const storageGeoReplicaRegion = stackRule({
  id: "azure-storage-account-geo-replica-region",
  description: "Geo-redundant storage accounts replicate only to an allowed region",
  target: "azure",
  types: [ACCOUNT],
  config: { allowedRegions: allowedRegionsSetting("azure") },
  requirements: [
    {
      id: "paired-region-allowed",
      description:
        "A geo-redundant account (sku.name GRS, RA-GRS, GZRS, RA-GZRS) sits in a region whose paired region, where Azure keeps the copy, is in allowedRegions",
      remediation:
        "Use a locally or zone-redundant sku.name (Standard_LRS, Standard_ZRS), or a location whose paired region is allowed.",
      check: (props: Account, context) =>
        // The SKU first: a local copy needs no location read.
        (AZURE_GEO_REDUNDANT_SKUS as readonly string[]).includes(props.sku?.name)
          ? geoCopyFindings(azurePlacement(props, context), context.config)
          : [],
    },
  ],
});

const MANAGEMENT_POLICY = "azure-native:storage:ManagementPolicy";
/** The blob types a lifecycle rule can delete (page blobs are out of lifecycle management's reach). */
const DELETABLE_BLOB_TYPES = ["blockBlob", "appendBlob"];

type LifecycleRule = Props<storage.ManagementPolicyArgs>["policy"]["rules"][number];

/**
 * Whether a lifecycle rule is enabled (the default) and covers whole blob types: no prefix or blob-index
 * filter narrows it to some blobs.
 */
const coversEveryBlob = (rule: LifecycleRule) =>
  rule?.enabled !== false &&
  (rule.definition?.filters?.prefixMatch ?? []).length === 0 &&
  (rule.definition?.filters?.blobIndexMatch ?? []).length === 0;

/** The account's lifecycle rules, from the ManagementPolicy joined through `accountName`. */
const lifecycleRules = (context: StackContext): LifecycleRule[] =>
  context.stack
    .dependents(MANAGEMENT_POLICY, "accountName")
    .flatMap((policy: PolicyResource) => (policy.props.policy?.rules as LifecycleRule[] | undefined) ?? []);

const within = (days: unknown, config: RuleConfig) =>
  typeof days === "number" && days >= 0 && days <= Number(config.maxRetentionDays);

/** Whether whole-blob rules that `deletes` within maxRetentionDays cover every deletable blob type. */
function deletesEveryBlob(
  context: StackContext,
  deletes: (rule: LifecycleRule, config: RuleConfig) => boolean,
): boolean {
  const covered = lifecycleRules(context)
    .filter((rule) => coversEveryBlob(rule) && deletes(rule, context.config))
    .flatMap((rule) => (rule.definition.filters?.blobTypes as string[] | undefined) ?? []);
  return DELETABLE_BLOB_TYPES.every((type) => covered.includes(type));
}

const personalDataScope = (props: Account, context: StackContext) =>
  outsidePersonalData(props.tags, context.config);

/**
 * GDPR Art. 5(1)(e) on blob data: a personal-data account deletes what it holds within maxRetentionDays,
 * through a lifecycle ManagementPolicy joined to it through `accountName`.
 */
export const storageLifecycleDeletion = stackRule({
  id: "azure-storage-account-lifecycle-deletion",
  description:
    "Personal-data storage accounts delete blobs, and their previous versions, within the longest retention allowed",
  target: "azure",
  types: [ACCOUNT],
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "base-blob-deletion",
      description:
        "An enabled lifecycle rule with no prefix or blob-index filter deletes every block and append blob within maxRetentionDays of its last modification or creation",
      remediation:
        "Add a ManagementPolicy for the account (accountName) whose rule, filtered only by blobTypes [blockBlob, appendBlob], sets actions.baseBlob.delete.daysAfterModificationGreaterThan (or daysAfterCreationGreaterThan) to at most maxRetentionDays.",
      outOfScope: personalDataScope,
      check: (_account, context) => {
        const deletesBase = (rule: LifecycleRule, config: RuleConfig) => {
          const del = rule.definition?.actions?.baseBlob?.delete;
          return (
            within(del?.daysAfterModificationGreaterThan, config) ||
            within(del?.daysAfterCreationGreaterThan, config)
          );
        };
        return deletesEveryBlob(context, deletesBase)
          ? []
          : [
              "no enabled whole-account rule of a ManagementPolicy (accountName) deletes every block and append blob (actions.baseBlob.delete) within maxRetentionDays",
            ];
      },
    },
    {
      id: "version-deletion",
      description:
        "When blob versioning is on, an enabled lifecycle rule with no prefix or blob-index filter deletes previous versions within maxRetentionDays of their creation",
      remediation:
        "In the account's ManagementPolicy rule, set actions.version.delete.daysAfterCreationGreaterThan to at most maxRetentionDays.",
      outOfScope: (props: Account, context) => {
        const scope = personalDataScope(props, context);
        if (scope) return scope;
        // Read without throwing: an unknown setting may keep versions, so the check judges it.
        const versioning = blobServices(context).map((s) =>
          known(() => s.props.isVersioningEnabled as unknown),
        );
        return versioning.some((v) => !v.known || v.value === true)
          ? undefined
          : "blob versioning is off (no BlobServiceProperties sets isVersioningEnabled), so no previous versions are kept";
      },
      check: (_account, context) =>
        deletesEveryBlob(context, (rule, config) =>
          within(rule.definition?.actions?.version?.delete?.daysAfterCreationGreaterThan, config),
        )
          ? []
          : [
              "no enabled whole-account rule of a ManagementPolicy (accountName) deletes previous versions of every block and append blob (actions.version.delete) within maxRetentionDays",
            ],
    },
  ],
});
