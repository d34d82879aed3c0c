/** Azure Storage rules (azure-native v3 storage, API 2024-01-01). */
import type { PolicyResource } from "@pulumi/policy";
import type * as storage from "@pulumi/azure-native/storage";
import { AZURE_GEO_REDUNDANT_SKUS } from "@palisade/core";
import {
  fixedSetting,
  resourceRule,
  stackRule,
  type InputsContext,
  type Props,
  type RuleConfig,
  type StackContext,
} from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting } from "../residency";
import {
  DATA_SCOPE_SETTINGS,
  MAX_RETENTION_SETTING,
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  outsidePersonalData,
  outsideRecords,
  requiredRecordRetention,
} from "../scope";
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

/** Whether a records store: the account's data class is one of recordsClasses (../scope). */
const recordsScope = (props: Account, context: InputsContext) => outsideRecords(props.tags, context.config);

/** The account's default version-level immutability policy. */
const immutabilityPolicy = (props: Account) => props.immutableStorageWithVersioning?.immutabilityPolicy;

/** The path of the account's default immutability period, as a message names it. */
export const IMMUTABILITY_PERIOD_PATH =
  "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays";

/**
 * Where a required retention comes from, as a message says it: requiredRecordRetention's source names
 * the record class, a tag value, which a message must not quote.
 */
export const retentionSource = (required: { days: number; source: string }): string =>
  required.source.startsWith("recordClassRetentionDays")
    ? `the recordClassRetentionDays of the record-class tag (${required.days} days)`
    : required.source;

/**
 * The findings for an immutability period of `days` read from `path`, which must be at least `required`
 * (requiredRecordRetention's answer). Its own messages, not recordRetentionFindings': that one quotes the
 * period, and requiredRecordRetention's source the record class, both resource values.
 */
export function immutabilityPeriodFindings(
  path: string,
  days: unknown,
  required: { days: number; source: string },
): string[] {
  if (days === undefined || days === null) return [`${path} is not set`];
  if (typeof days !== "number" || !Number.isFinite(days)) return [`${path} is not a number of days`];
  return days < required.days ? [`${path} is shorter than ${retentionSource(required)}`] : [];
}

/**
 * FINRA 4511(c) and SEC 17a-4(f): books and records on non-rewriteable, non-erasable storage. On Azure,
 * version-level WORM set on the account: a locked default policy every blob version inherits, in every
 * container, present and future.
 *
 * Container-level WORM (BlobContainerImmutabilityPolicy) is not accepted: its lock is an output no program
 * input sets (it is locked out of band), so a preview can never show it, and it covers only the containers
 * that carry one.
 */
export const storageRecordsWorm = stackRule({
  id: "azure-storage-account-records-worm",
  description:
    "Storage accounts holding books and records keep every blob version immutable (locked version-level WORM) for at least the records' retention",
  target: "azure",
  types: [ACCOUNT],
  config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
  requirements: [
    {
      id: "immutability-enabled",
      description:
        "Version-level immutability is enabled on the account (immutableStorageWithVersioning.enabled)",
      remediation:
        "Set immutableStorageWithVersioning.enabled: true when the account is created (Azure accepts it only at creation: an existing account is replaced by a new one). Container-level WORM (BlobContainerImmutabilityPolicy) is not accepted: its Locked state is an output no input sets, so no preview can show it, and it covers only the containers that carry one.",
      outOfScope: recordsScope,
      check: (props: Account) =>
        props.immutableStorageWithVersioning?.enabled === true
          ? []
          : ["immutableStorageWithVersioning.enabled is not true"],
    },
    {
      id: "locked",
      description:
        "The account's default immutability policy is Locked: records are non-erasable only once it is (Microsoft: a time-based policy must be locked for SEC 17a-4(f))",
      remediation:
        'Azure creates the policy Disabled or Unlocked and locks it only on an update, so it takes two deployments: first create the account with immutableStorageWithVersioning.immutabilityPolicy.state "Unlocked" (EncryptedStorageAccount: immutability without lock), covering that deployment with an exemption naming requirement azure-storage-account-records-worm/locked whose expires is the next day (Microsoft recommends locking within 24 hours); then set state "Locked" (EncryptedStorageAccount: immutability.lock with acknowledgeIrreversibleLock: true) and deploy again. A lock cannot be undone.',
      outOfScope: recordsScope,
      check: (props: Account) =>
        immutabilityPolicy(props)?.state === "Locked"
          ? []
          : ["immutableStorageWithVersioning.immutabilityPolicy.state is not Locked"],
    },
    {
      id: "retention",
      description:
        "The default policy keeps each blob version at least the records' retention (recordRetentionDays, or recordClassRetentionDays for the account's record-class tag)",
      remediation: `Set ${IMMUTABILITY_PERIOD_PATH} to at least the required retention (2192 days for six years). A locked policy can be lengthened, never shortened.`,
      outOfScope: recordsScope,
      check: (props: Account, context) =>
        immutabilityPeriodFindings(
          IMMUTABILITY_PERIOD_PATH,
          immutabilityPolicy(props)?.immutabilityPeriodSinceCreationInDays,
          requiredRecordRetention(props.tags, context.config),
        ),
    },
    {
      id: "versioning",
      description: "Blob versioning is on: version-level WORM protects blob versions",
      remediation:
        "Add a BlobServiceProperties for the account (accountName) with isVersioningEnabled: true.",
      outOfScope: recordsScope,
      check: (_account, context) =>
        blobServices(context).some((s) => s.props.isVersioningEnabled === true)
          ? []
          : ["no BlobServiceProperties (accountName) sets isVersioningEnabled true"],
    },
    {
      id: "no-hierarchical-namespace",
      description:
        "The account has no hierarchical namespace (Microsoft Learn: version-level WORM is not supported on hierarchical namespace accounts)",
      remediation:
        "Leave isHnsEnabled unset or false; keep records in a flat-namespace account (isHnsEnabled is set at creation only).",
      outOfScope: recordsScope,
      check: (props: Account) => (props.isHnsEnabled === true ? ["isHnsEnabled is true"] : []),
    },
  ],
});

/** SEC 17a-4(f); FINRA 4511: infrastructure code cannot delete a records store. */
export const storageRecordsProtected = resourceRule({
  id: "azure-storage-account-records-protected",
  description:
    "Storage accounts holding books and records carry Pulumi's protect option, so no update deletes them",
  target: "azure",
  types: [ACCOUNT],
  config: { ...RECORDS_SCOPE_SETTINGS },
  requirements: [
    {
      id: "protect",
      description: "The account has the protect resource option: Pulumi refuses to delete or replace it",
      remediation:
        "Give the StorageAccount the resource option protect: true (EncryptedStorageAccount sets it under a baseline that requires deletion protection). retainOnDelete alone leaves a destroy path that removes the account from the stack.",
      outOfScope: recordsScope,
      check: (_props, context) =>
        context.protect === true ? [] : ["the account does not have the protect resource option"],
    },
  ],
});

/**
 * A second copy of records (FINRA 4370(c)(1) back-up, an interpretation; SEC 17a-4(f) duplicate copy):
 * geo-redundant storage keeps one in the paired region. Microsoft Learn (immutable storage overview)
 * states that all redundancy configurations support immutable storage, and that policy changes made after
 * the last sync time (a lock, an extension) are missing from the secondary after an unplanned failover: so
 * the secondary holds the policies as of the last sync; no page we read says so in more words. Where the
 * copy may go is azure-storage-account-geo-replica-region's.
 */
export const storageRecordsRedundant = resourceRule({
  id: "azure-storage-account-records-redundant",
  description:
    "Storage accounts holding books and records keep a second copy in the paired region (geo-redundant), which carries the same immutability policies",
  target: "azure",
  types: [ACCOUNT],
  config: { ...RECORDS_SCOPE_SETTINGS },
  requirements: [
    {
      id: "geo-redundant",
      description: `sku.name is geo-redundant (${AZURE_GEO_REDUNDANT_SKUS.join(", ")}): Azure keeps a copy of every blob in the paired region, and Microsoft Learn states every redundancy configuration supports immutable storage`,
      remediation:
        'Set sku.name "Standard_GZRS" (or Standard_GRS, Standard_RAGRS, Standard_RAGZRS). Lock the immutability policy before relying on the copy: changes after the last sync time are not on the secondary after an unplanned failover.',
      outOfScope: recordsScope,
      check: (props: Account) =>
        (AZURE_GEO_REDUNDANT_SKUS as readonly string[]).includes(props.sku?.name)
          ? []
          : ["sku.name is not a geo-redundant SKU"],
    },
  ],
});

const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";

/** A blob service's resource id: diagnostic settings for blob logs sit on it, not on the account. */
const BLOB_SERVICE_URI = /\/blobServices\/default$/i;

/**
 * The diagnostic settings on the account's blob service: those whose resourceUri depends on the account
 * (`${account.id}/blobServices/default`) or on one of its BlobServiceProperties. A resourceUri known to
 * name something else (the account itself, its file service) is left out; one unknown at preview, while
 * the account's id is, is taken for the blob service's and checked once known.
 */
export function blobDiagnosticSettings(context: StackContext): PolicyResource[] {
  const settings = [
    ...context.stack.dependents(DIAGNOSTIC_SETTING, "resourceUri"),
    ...blobServices(context).flatMap((service) =>
      context.stack.resources.filter(
        (r) =>
          r.type === DIAGNOSTIC_SETTING &&
          (r.propertyDependencies.resourceUri ?? []).some((d) => d.urn === service.urn),
      ),
    ),
  ];
  return settings.filter((setting) => {
    const uri = known(() => setting.props.resourceUri as unknown);
    return !uri.known || BLOB_SERVICE_URI.test(String(uri.value));
  });
}

/**
 * Whether an enabled log of the settings covers `category`: the category itself (in any case), or the
 * allLogs group. The audit group is not counted: which blob categories it holds is not documented where
 * we could read it. An entry's enabled flag is read only when its category or group matches, so a value
 * unknown at preview leaves only the requirement that needs it undetermined.
 */
const logs = (settings: readonly PolicyResource[], category: string) =>
  settings.some((setting) =>
    ((setting.props.logs as any[] | undefined) ?? []).some(
      (log) =>
        (String(log?.categoryGroup).toLowerCase() === "alllogs" ||
          String(log?.category).toLowerCase() === category.toLowerCase()) &&
        log.enabled === true,
    ),
  );

const missingLogs = (context: StackContext, categories: readonly string[]) => {
  const settings = blobDiagnosticSettings(context);
  return categories
    .filter((c) => !logs(settings, c))
    .map((c) => `no DiagnosticSetting on the blob service (resourceUri) enables ${c} (or allLogs)`);
};

const auditTrailScope = (props: Account, context: InputsContext) =>
  recordsScope(props, context) ??
  (context.config.recordAuditTrailManagedCentrally === true
    ? "recordAuditTrailManagedCentrally is true: the blob service's diagnostic settings are deployed outside this stack"
    : undefined);

/** SEC 17a-4(f) audit trail: who wrote, deleted and read records, from the blob service's resource logs. */
export const storageRecordsAuditLogs = stackRule({
  id: "azure-storage-account-records-audit-logs",
  description:
    "Storage accounts holding books and records log every blob write, delete and read through a diagnostic setting on the blob service",
  target: "azure",
  types: [ACCOUNT],
  config: {
    ...RECORDS_SCOPE_SETTINGS,
    recordAuditTrailManagedCentrally: fixedSetting(false, {
      type: "boolean",
      description:
        "The blob service's diagnostic settings of records accounts are deployed outside this stack (an Azure Policy deployIfNotExists assignment): the pack does not look for them",
    }),
  },
  requirements: [
    {
      id: "blob-write-delete-logged",
      description:
        "A DiagnosticSetting on the account's blob service enables the StorageWrite and StorageDelete logs (or the allLogs category group)",
      remediation:
        'Add a monitor DiagnosticSetting whose resourceUri is the account\'s id followed by "/blobServices/default", with logs [{ category: "StorageWrite", enabled: true }, { category: "StorageDelete", enabled: true }] (or { categoryGroup: "allLogs", enabled: true }) and a destination (EncryptedStorageAccount\'s diagnosticSettings do).',
      outOfScope: auditTrailScope,
      check: (_account, context) => missingLogs(context, ["StorageWrite", "StorageDelete"]),
    },
    {
      id: "blob-read-logged",
      description:
        "A DiagnosticSetting on the account's blob service enables the StorageRead log (or the allLogs category group)",
      remediation:
        'In the blob service\'s DiagnosticSetting (resourceUri: the account\'s id followed by "/blobServices/default"), add logs { category: "StorageRead", enabled: true } (or { categoryGroup: "allLogs", enabled: true }).',
      outOfScope: auditTrailScope,
      check: (_account, context) => missingLogs(context, ["StorageRead"]),
    },
  ],
});
