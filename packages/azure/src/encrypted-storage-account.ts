/**
 * A StorageV2 account for regulated data: encrypted with a customer key in Key Vault through its own
 * user-assigned identity (following the key's rotation), closed to the public network, Entra ID only, with
 * blob versioning, soft delete, change feed, lifecycle limits, optional account-level immutability (WORM),
 * and the blob service's read, write and delete log sent to Log Analytics.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RoleAssignment } from "@pulumi/azure-native/authorization";
import type { Key } from "@pulumi/azure-native/keyvault";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity";
import {
  BlobContainer,
  BlobServiceProperties,
  ManagementPolicy,
  StorageAccount,
} from "@pulumi/azure-native/storage";
import type * as inputs from "@pulumi/azure-native/types/input";
import {
  AZURE_GEO_REDUNDANT_SKUS,
  childName,
  isRegionAllowed,
  pairedRegion,
  REGION_PAIRS_SOURCE,
  resolveIrreversibleLock,
  satisfiesNameRule,
  shape,
  validateArgs,
  warnUnlocked,
  wormRetentionDays,
  type ArgsSchema,
  type ProblemCollector,
  type ResolvedLock,
  type SectorBaseline,
} from "@palisade/core";
import { AzureChildren } from "./children";
import {
  checkDiagnosticSettings,
  createDiagnosticSettings,
  DIAGNOSTIC_SETTINGS_SCHEMA,
  type DiagnosticSettingsArgs,
} from "./diagnostic-settings";
import { createVaultKey, KEY_VAULT_REFERENCE_SCHEMA, type KeyVaultReference } from "./key-vault";
import { AZURE_NAME_RULES, checkChildNames, type NamedChild } from "./names";
import {
  createPrivateEndpoints,
  PRIVATE_ENDPOINTS_SCHEMA,
  privateEndpointNames,
  type PrivateEndpointArgs,
} from "./private-endpoint";
import { grantRole } from "./roles";
import { AZURE_COMPONENT_SCHEMA, resolveAzureSettings, type AzureComponentArgs } from "./settings";

/** Storage redundancy: within a zone (LRS), across zones (ZRS), or also to the paired region (GRS, GZRS, RA-). */
export type StorageRedundancy =
  "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS" | "Standard_RAGRS" | "Standard_RAGZRS";
export const STORAGE_REDUNDANCIES: readonly StorageRedundancy[] = [
  "Standard_LRS",
  "Standard_ZRS",
  "Standard_GRS",
  "Standard_GZRS",
  "Standard_RAGRS",
  "Standard_RAGZRS",
];
/** The choices that copy every blob to the location's paired region. */
export const GEO_REDUNDANCIES: readonly StorageRedundancy[] = AZURE_GEO_REDUNDANT_SKUS;

export interface StorageLifecycleArgs {
  /** Delete current blobs this many days after their last modification. @default never */
  deleteAfterDays?: number;
  /** Move block blobs to the Cool tier this many days after their last modification. @default never */
  coolAfterDays?: number;
  /**
   * Delete a previous version this many days after it was created (versioning keeps one per overwrite).
   * @default 90, or longer when the baseline's record retention or the immutability period is longer
   */
  deletePreviousVersionsAfterDays?: number;
}

export interface StorageImmutabilityArgs {
  /**
   * Days every blob version stays immutable (cannot be overwritten or deleted) after it was written, 1-146000.
   * At least the baseline's record retention.
   */
  periodDays: number;
  /**
   * Allow appending blocks to append blobs while immutable (what Azure Monitor's log archives need).
   * @default false
   */
  allowProtectedAppendWrites?: boolean;
  /**
   * Lock the policy: it can then only be lengthened, never shortened or removed, and the account cannot be
   * deleted while it holds an immutable version. Needs `acknowledgeIrreversibleLock: true`. Azure creates
   * a policy unlocked and locks it only on an update, so deploy a new account with `lock` unset first,
   * then set it.
   * @default false; when the baseline requires compliance-mode WORM (FINRA), built unlocked with a warning
   * to set `lock: true` after the first deployment (the acknowledgement alone cannot lock: Azure would
   * refuse to create the account)
   */
  lock?: boolean;
}

export interface EncryptedStorageAccountArgs extends AzureComponentArgs {
  /**
   * The Key Vault the account's customer key `<name>-key` is created in (a {@link KeyVault} or the ids of
   * an existing RBAC vault). The account reaches it as a trusted Azure service.
   */
  keyVault: KeyVaultReference;
  /**
   * Replication. Geo-redundant choices copy the data to the location's paired region, which must be in the
   * baseline's allowed regions. Changing between some choices needs a conversion Azure does not do in place.
   * @default "Standard_ZRS"
   */
  redundancy?: StorageRedundancy;
  /** Days a deleted blob or container stays restorable (soft delete), 7-365. @default 30 */
  softDeleteRetentionDays?: number;
  /**
   * Days the change feed (the log of every blob change) is kept, 1-146000.
   * @default kept indefinitely, or `lifecycle.deleteAfterDays` when the baseline requires finite retention (GDPR)
   */
  changeFeedRetentionDays?: number;
  /**
   * The lifecycle management policy. Required with `deleteAfterDays` when the baseline requires finite
   * retention (GDPR).
   * @default previous versions deleted after 90 days; current blobs are never deleted
   */
  lifecycle?: StorageLifecycleArgs;
  /** Private blob containers to create (`publicAccess: None`). @default none */
  containers?: string[];
  /**
   * Account-level version immutability (WORM): every blob version is immutable for `periodDays`. Set at
   * creation only: adding or removing it later replaces the account with a new, empty one (the old one is
   * retained with its data). Requires blob versioning, which is always on, and no hierarchical namespace,
   * which is never on.
   * @default none, or `{ periodDays: <the baseline's record retention> }` when the baseline requires WORM
   * (FINRA): built unlocked with a warning until `lock: true` with `acknowledgeIrreversibleLock`
   */
  immutability?: StorageImmutabilityArgs;
  /**
   * Confirms that `immutability.lock` is irreversible; it only applies with `immutability.lock: true`.
   * @default false
   */
  acknowledgeIrreversibleLock?: boolean;
  /**
   * Private endpoints (blob) the account is reached through; the public network is always disabled.
   * @default none: only trusted Azure services (Azure Monitor, backup) reach the account
   */
  privateEndpoints?: PrivateEndpointArgs[];
  /**
   * Where the blob service's StorageRead, StorageWrite and StorageDelete logs go: the audit trail of who
   * read or changed regulated data. At least one destination is required.
   */
  diagnosticSettings: DiagnosticSettingsArgs[];
}

/** Resource options, and how an owning component names the lock in its own arguments. */
export interface EncryptedStorageAccountOptions extends pulumi.ComponentResourceOptions {
  /**
   * The argument an owner's callers set for `immutability.lock` (ActivityLog: `archive.lock`), so the
   * problems and the unlocked warning name what they can change.
   * @default "immutability.lock"
   */
  lockArgument?: string;
}

const TYPE = "palisade:azure:EncryptedStorageAccount";
export const BLOB_SOFT_DELETE_DAYS = { min: 7, max: 365, default: 30 } as const;
/** Account-level immutability and change feed retention both stop at 146000 days (400 years). */
export const IMMUTABILITY_PERIOD_DAYS = { min: 1, max: 146_000 } as const;
const MAX_DAYS = 146_000;
/** Previous versions are deleted after this many days unless the baseline or immutability keeps them longer. */
export const PREVIOUS_VERSIONS_DAYS = 90;
/** The blob logs that record data access. */
export const BLOB_LOG_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"] as const;
/** Azure Storage takes TLS 1.2 as its highest minimum version (the API rejects TLS1_3 as a minimum). */
const STORAGE_MIN_TLS = "TLS1_2";

/** The suffix of a storage account's logical name (Cloud Adoption Framework's abbreviation). */
const ACCOUNT_SUFFIX = "st";

/**
 * The account's logical name: the component name without '-' plus "st". Storage account names allow only
 * lowercase letters and digits, and azure-native appends 8 random characters without lowercasing.
 */
export function storageAccountLogicalName(name: string): string {
  return `${name.replaceAll("-", "")}${ACCOUNT_SUFFIX}`;
}

const STORAGE_ACCOUNT_RULE = AZURE_NAME_RULES["azure-native:storage:StorageAccount"]!;
/** Letters and digits a component name may keep once its '-' are dropped. */
const ACCOUNT_NAME_BUDGET =
  STORAGE_ACCOUNT_RULE.maxLength - (STORAGE_ACCOUNT_RULE.autonameSuffix ?? "").length - ACCOUNT_SUFFIX.length;

export interface StorageAccountResolved {
  redundancy: StorageRedundancy;
  softDeleteRetentionDays: number;
  changeFeedRetentionDays?: number;
  lifecycle: Required<Pick<StorageLifecycleArgs, "deletePreviousVersionsAfterDays">> & StorageLifecycleArgs;
  immutability?: StorageImmutabilityArgs;
  /** Whether the immutability policy is locked, and the warning to log when a WORM baseline's is not. */
  lock: ResolvedLock;
  containers: string[];
}

/**
 * A StorageV2 account only a customer key encrypts: the key `<name>-key` in the given vault, the identity
 * `<name>-id` that uses it (granted Key Vault Crypto Service Encryption User on that key only, before the
 * account exists), infrastructure encryption on top, HTTPS and TLS 1.2 only, no shared keys or public
 * access, blobs versioned and soft-deleted, and blob access logged. The account, key and identity are
 * retained on delete; the grant, blob settings, lifecycle policy and diagnostic settings are their guards.
 */
export class EncryptedStorageAccount extends pulumi.ComponentResource {
  readonly account: StorageAccount;
  readonly identity: UserAssignedIdentity;
  readonly key: Key;
  readonly keyGrant: RoleAssignment;
  readonly blobService: BlobServiceProperties;
  readonly managementPolicy: ManagementPolicy;
  readonly containers: BlobContainer[];
  readonly accountId: pulumi.Output<string>;
  readonly accountName: pulumi.Output<string>;
  /** `https://<account>.blob.core.windows.net/` */
  readonly blobEndpoint: pulumi.Output<string>;
  /** The user-assigned identity's resource id. */
  readonly identityId: pulumi.Output<string>;
  /** The key's resource id. */
  readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: EncryptedStorageAccountArgs, options: EncryptedStorageAccountOptions = {}) {
    const { lockArgument, ...opts } = options;
    const { settings, resolved } = validateArgs(
      `${TYPE} "${name}"`,
      ENCRYPTED_STORAGE_ACCOUNT_SCHEMA,
      args,
      (problems, a: EncryptedStorageAccountArgs) =>
        checkEncryptedStorageAccountArgs(problems, name, a, lockArgument),
    );
    super(TYPE, name, {}, opts);
    warnUnlocked(this, resolved.lock);
    const children = new AzureChildren(this, settings);

    this.identity = children.create(
      UserAssignedIdentity,
      childName(name, "id"),
      { resourceGroupName: true, location: true, tags: true },
      {},
      { role: "data" },
    );
    this.key = createVaultKey(children, childName(name, "key"), args.keyVault);
    this.keyGrant = grantRole(children, childName(name, "key-user"), {
      role: "Key Vault Crypto Service Encryption User",
      principalId: this.identity.principalId,
      principalType: "ServicePrincipal",
      scope: this.key.id,
    });

    const immutability = resolved.immutability;
    const encrypted: inputs.storage.EncryptionServiceArgs = { enabled: true, keyType: "Account" };
    this.account = children.create(
      StorageAccount,
      storageAccountLogicalName(name),
      { resourceGroupName: true, location: true, tags: true },
      {
        kind: "StorageV2",
        sku: { name: resolved.redundancy },
        accessTier: "Hot",
        identity: { type: "UserAssigned", userAssignedIdentities: [this.identity.id] },
        encryption: {
          keySource: "Microsoft.Keyvault",
          // No keyVersion: the account follows the key's newest version as Key Vault rotates it.
          keyVaultProperties: { keyName: this.key.name, keyVaultUri: this.key.keyUri.apply(vaultUriOf) },
          encryptionIdentity: { encryptionUserAssignedIdentity: this.identity.id },
          requireInfrastructureEncryption: true,
          services: { blob: encrypted, file: encrypted, queue: encrypted, table: encrypted },
        },
        minimumTlsVersion: STORAGE_MIN_TLS,
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        networkRuleSet: {
          defaultAction: "Deny",
          bypass: "AzureServices",
          ipRules: [],
          virtualNetworkRules: [],
        },
        allowCrossTenantReplication: false,
        allowedCopyScope: "PrivateLink",
        isLocalUserEnabled: false,
        isSftpEnabled: false,
        ...(immutability
          ? {
              immutableStorageWithVersioning: {
                enabled: true,
                immutabilityPolicy: {
                  immutabilityPeriodSinceCreationInDays: immutability.periodDays,
                  state: resolved.lock.locked ? "Locked" : "Unlocked",
                  allowProtectedAppendWrites: immutability.allowProtectedAppendWrites ?? false,
                },
              },
            }
          : {}),
      },
      // The identity must hold the key before Azure Storage wraps anything with it.
      { role: "data", dependsOn: [this.keyGrant] },
    );

    const account = { resourceGroupName: true } as const;
    this.blobService = children.create(
      BlobServiceProperties,
      childName(name, "blob-service"),
      account,
      {
        accountName: this.account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: {
          enabled: true,
          days: resolved.softDeleteRetentionDays,
          allowPermanentDelete: false,
        },
        containerDeleteRetentionPolicy: { enabled: true, days: resolved.softDeleteRetentionDays },
        changeFeed: {
          enabled: true,
          ...(resolved.changeFeedRetentionDays === undefined
            ? {}
            : { retentionInDays: resolved.changeFeedRetentionDays }),
        },
      },
      { role: "guard" },
    );
    this.managementPolicy = children.create(
      ManagementPolicy,
      childName(name, "lifecycle"),
      account,
      {
        accountName: this.account.name,
        managementPolicyName: "default",
        policy: { rules: lifecycleRules(resolved.lifecycle) },
      },
      { role: "guard" },
    );
    this.containers = resolved.containers.map((container) =>
      children.create(
        BlobContainer,
        childName(name, "container", container),
        account,
        { accountName: this.account.name, containerName: container, publicAccess: "None" },
        { role: "data", dependsOn: [this.blobService] },
      ),
    );

    createDiagnosticSettings(
      children,
      childName(name, "blob"),
      pulumi.interpolate`${this.account.id}/blobServices/default`,
      args.diagnosticSettings,
      { categories: BLOB_LOG_CATEGORIES },
    );
    createPrivateEndpoints(
      children,
      childName(name, "blob"),
      this.account.id,
      "blob",
      args.privateEndpoints ?? [],
    );

    this.accountId = this.account.id;
    this.accountName = this.account.name;
    this.blobEndpoint = this.account.primaryEndpoints.apply((endpoints) => endpoints?.blob ?? "");
    this.identityId = this.identity.id;
    this.keyId = this.key.id;
    this.registerOutputs({
      accountId: this.accountId,
      accountName: this.accountName,
      blobEndpoint: this.blobEndpoint,
      identityId: this.identityId,
      keyId: this.keyId,
    });
  }
}

/** `https://<vault>.vault.azure.net/` from a key's URI, in whichever cloud the vault lives. */
export function vaultUriOf(keyUri: string): string {
  const match = /^(https:\/\/[^/]+\/)/.exec(keyUri ?? "");
  return match?.[1] ?? "";
}

/**
 * Lifecycle rules: one expiring blobs (block and append: Azure Monitor writes append blobs) and their
 * previous versions, and, when asked, one moving block blobs to Cool (the only blobs that tier).
 */
function lifecycleRules(
  lifecycle: StorageAccountResolved["lifecycle"],
): inputs.storage.ManagementPolicyRuleArgs[] {
  const rules: inputs.storage.ManagementPolicyRuleArgs[] = [
    {
      name: "palisadeExpiry",
      enabled: true,
      type: "Lifecycle",
      definition: {
        filters: { blobTypes: ["blockBlob", "appendBlob"] },
        actions: {
          ...(lifecycle.deleteAfterDays === undefined
            ? {}
            : { baseBlob: { delete: { daysAfterModificationGreaterThan: lifecycle.deleteAfterDays } } }),
          version: { delete: { daysAfterCreationGreaterThan: lifecycle.deletePreviousVersionsAfterDays } },
        },
      },
    },
  ];
  if (lifecycle.coolAfterDays !== undefined)
    rules.push({
      name: "palisadeTiering",
      enabled: true,
      type: "Lifecycle",
      definition: {
        filters: { blobTypes: ["blockBlob"] },
        actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: lifecycle.coolAfterDays } } },
      },
    });
  return rules;
}

const DAYS = shape.integer("must be a whole number of days");

export const ENCRYPTED_STORAGE_ACCOUNT_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    keyVault: KEY_VAULT_REFERENCE_SCHEMA,
    redundancy: shape.oneOf(STORAGE_REDUNDANCIES),
    softDeleteRetentionDays: DAYS,
    changeFeedRetentionDays: DAYS,
    lifecycle: shape.object(
      { deleteAfterDays: DAYS, coolAfterDays: DAYS, deletePreviousVersionsAfterDays: DAYS },
      { description: "must be { deleteAfterDays?, coolAfterDays?, deletePreviousVersionsAfterDays? }" },
    ),
    containers: shape.array(shape.string("must be a blob container name"), "must list blob container names"),
    immutability: shape.object(
      { periodDays: DAYS, allowProtectedAppendWrites: shape.boolean(), lock: shape.boolean() },
      { required: ["periodDays"], description: "must be { periodDays, allowProtectedAppendWrites?, lock? }" },
    ),
    acknowledgeIrreversibleLock: shape.boolean(),
    privateEndpoints: PRIVATE_ENDPOINTS_SCHEMA,
    diagnosticSettings: DIAGNOSTIC_SETTINGS_SCHEMA,
  },
  { required: ["resourceGroupName", "keyVault", "diagnosticSettings"] },
);

/** The names (other than the account's own) an EncryptedStorageAccount derives, for its owners' checks. */
export function encryptedStorageAccountNames(
  name: string,
  args: Pick<EncryptedStorageAccountArgs, "privateEndpoints" | "diagnosticSettings" | "containers">,
): NamedChild[] {
  const endpoints = privateEndpointNames(childName(name, "blob"), args.privateEndpoints?.length ?? 0);
  const diagnostics = args.diagnosticSettings?.length ?? 0;
  return [
    { type: "azure-native:managedidentity:UserAssignedIdentity", name: childName(name, "id") },
    { type: "azure-native:keyvault:Key", name: childName(name, "key") },
    ...Array.from({ length: diagnostics }, (_, i) => ({
      type: "azure-native:monitor:DiagnosticSetting" as const,
      name: childName(name, "blob", diagnostics === 1 ? "diagnostics" : `diagnostics-${i}`),
    })),
    ...endpoints.map((pe) => ({ type: "azure-native:network:PrivateEndpoint" as const, name: pe })),
  ];
}

/**
 * Checks that the component `name` (derived from the argument `value`, e.g. an owner's `<name>-arc`)
 * names a storage account Azure accepts, explaining how the account's name is derived. `what` names the
 * account in the message.
 */
export function checkStorageAccountName(
  problems: ProblemCollector,
  path: string,
  value: string,
  name: string,
  what = "the storage account",
): boolean {
  const physical = `${storageAccountLogicalName(name)}${STORAGE_ACCOUNT_RULE.autonameSuffix ?? ""}`;
  const added = name.replaceAll("-", "").length - value.replaceAll("-", "").length;
  return problems.require(
    satisfiesNameRule(physical, STORAGE_ACCOUNT_RULE),
    path,
    value,
    `must give ${what} a valid name (here ${JSON.stringify(physical)}): the account is named ${JSON.stringify(name)} without '-', plus "${ACCOUNT_SUFFIX}" and azure-native's 8 random characters, which it does not lowercase, and Azure takes only 3-24 lowercase letters or digits; so ${JSON.stringify(value)} must be lowercase letters, digits and '-', with at most ${ACCOUNT_NAME_BUDGET - added} letters or digits`,
  );
}

/** Every rule an EncryptedStorageAccount's args must meet; owners that create one call it on the args they give. */
export function checkEncryptedStorageAccountArgs(
  problems: ProblemCollector,
  name: string,
  args: EncryptedStorageAccountArgs,
  lockArgument = "immutability.lock",
) {
  const settings = resolveAzureSettings(problems, name, args);
  const baseline = args.baseline;
  if (baseline?.minTlsVersion.value === "1.3")
    problems.add(
      "baseline",
      "minTlsVersion 1.3",
      `requires TLS 1.3 as the minimum (${baseline.minTlsVersion.citation}), but Azure Storage takes at most TLS1_2 as its minimum version`,
    );
  // One problem for `name`: the account's rule is the strictest, so it speaks first.
  if (typeof name === "string" && name.length > 0 && checkStorageAccountName(problems, "name", name, name))
    checkChildNames(problems, "name", name, encryptedStorageAccountNames(name, args));
  const redundancy = args.redundancy ?? "Standard_ZRS";
  checkRedundancy(problems, redundancy, settings.location, baseline);

  const softDeleteRetentionDays = args.softDeleteRetentionDays ?? BLOB_SOFT_DELETE_DAYS.default;
  problems.require(
    softDeleteRetentionDays >= BLOB_SOFT_DELETE_DAYS.min &&
      softDeleteRetentionDays <= BLOB_SOFT_DELETE_DAYS.max,
    "softDeleteRetentionDays",
    args.softDeleteRetentionDays,
    `must be a whole number of days from ${BLOB_SOFT_DELETE_DAYS.min} to ${BLOB_SOFT_DELETE_DAYS.max}`,
  );
  checkDiagnosticSettings(
    problems,
    "diagnosticSettings",
    args.diagnosticSettings,
    "the blob service's read, write and delete log is the audit trail of access to regulated data",
  );
  const containers = checkContainers(problems, args.containers);
  const { immutability, lock } = checkImmutability(problems, args, baseline, lockArgument);
  const lifecycle = checkLifecycle(problems, args.lifecycle, baseline, immutability?.periodDays);

  const changeFeedRetentionDays =
    args.changeFeedRetentionDays ??
    (baseline?.finiteRetentionRequired.value ? lifecycle.deleteAfterDays : undefined);
  if (args.changeFeedRetentionDays !== undefined)
    problems.require(
      args.changeFeedRetentionDays >= 1 && args.changeFeedRetentionDays <= MAX_DAYS,
      "changeFeedRetentionDays",
      args.changeFeedRetentionDays,
      `must be a whole number of days from 1 to ${MAX_DAYS}`,
    );
  const resolved: StorageAccountResolved = {
    redundancy,
    softDeleteRetentionDays,
    changeFeedRetentionDays,
    lifecycle,
    immutability,
    lock,
    containers,
  };
  return { settings, resolved };
}

function checkRedundancy(
  problems: ProblemCollector,
  redundancy: StorageRedundancy,
  location: string,
  baseline: SectorBaseline | undefined,
): void {
  if (!GEO_REDUNDANCIES.includes(redundancy) || location === "") return;
  const pair = pairedRegion(location);
  if (pair === undefined) {
    problems.add(
      "redundancy",
      redundancy,
      `replicates to the location's paired region, and ${location} has none (${REGION_PAIRS_SOURCE}): choose Standard_LRS or Standard_ZRS`,
    );
    return;
  }
  if (baseline && !isRegionAllowed(baseline, "azure", pair))
    problems.add(
      "redundancy",
      redundancy,
      `replicates to ${location}'s paired region ${pair}, outside the baseline's allowed regions ${JSON.stringify(baseline.allowedRegions.azure.value)} (${baseline.allowedRegions.azure.citation}): choose Standard_LRS or Standard_ZRS`,
    );
}

function checkContainers(problems: ProblemCollector, containers: string[] | undefined): string[] {
  const rule = AZURE_NAME_RULES["azure-native:storage:BlobContainer"]!;
  (containers ?? []).forEach((container, i) => {
    if (
      problems.require(
        satisfiesNameRule(container, rule),
        `containers[${i}]`,
        container,
        `must be a blob container name: ${rule.describe}`,
      )
    )
      problems.require(
        containers!.indexOf(container) === i,
        `containers[${i}]`,
        container,
        "must not repeat an earlier container",
      );
  });
  return containers ?? [];
}

/**
 * The immutability policy: the one given, or under a WORM baseline one for the baseline's record retention;
 * and whether it is locked. Azure creates a policy Unlocked and locks it only on an update, so the
 * acknowledgement alone never locks it (core's lock decision, with `lockableAtCreation: false`).
 */
function checkImmutability(
  problems: ProblemCollector,
  args: EncryptedStorageAccountArgs,
  baseline: SectorBaseline | undefined,
  lockArgument: string,
): { immutability?: StorageImmutabilityArgs; lock: ResolvedLock } {
  const wormDays = wormRetentionDays(baseline);
  const policy = args.immutability ?? (wormDays === undefined ? undefined : { periodDays: wormDays });
  const lock = resolveIrreversibleLock(problems, {
    path: lockArgument,
    lock: policy?.lock,
    acknowledged: args.acknowledgeIrreversibleLock,
    consequence:
      "a locked immutability policy can only be lengthened, never shortened or removed, and the account cannot be deleted while it holds an immutable blob version",
    worm: baseline?.recordWorm,
    lockableAtCreation: false,
  });
  if (policy === undefined) return { lock };
  const minDays = Math.max(IMMUTABILITY_PERIOD_DAYS.min, baseline?.recordRetentionDays.value ?? 0);
  problems.require(
    policy.periodDays >= minDays && policy.periodDays <= IMMUTABILITY_PERIOD_DAYS.max,
    "immutability.periodDays",
    policy.periodDays,
    `must be a whole number of days from ${minDays} to ${IMMUTABILITY_PERIOD_DAYS.max}${minDays > 1 && baseline ? ` (${baseline.recordRetentionDays.citation})` : ""}`,
  );
  return { immutability: policy, lock };
}

function checkLifecycle(
  problems: ProblemCollector,
  lifecycle: StorageLifecycleArgs | undefined,
  baseline: SectorBaseline | undefined,
  immutableDays: number | undefined,
): StorageAccountResolved["lifecycle"] {
  const recordDays = baseline?.recordRetentionDays.value ?? 0;
  const keptDays = Math.max(recordDays, immutableDays ?? 0);
  const resolved = {
    ...lifecycle,
    deletePreviousVersionsAfterDays:
      lifecycle?.deletePreviousVersionsAfterDays ?? Math.max(PREVIOUS_VERSIONS_DAYS, keptDays),
  };
  for (const key of ["deleteAfterDays", "coolAfterDays", "deletePreviousVersionsAfterDays"] as const) {
    const days = lifecycle?.[key];
    if (days === undefined) continue;
    if (
      !problems.require(
        days >= 1 && days <= MAX_DAYS,
        `lifecycle.${key}`,
        days,
        `must be a whole number of days from 1 to ${MAX_DAYS}`,
      ) ||
      key === "coolAfterDays"
    )
      continue;
    if (immutableDays !== undefined && days < immutableDays)
      problems.add(
        `lifecycle.${key}`,
        days,
        `must not be shorter than immutability.periodDays (${immutableDays}): immutable blobs cannot be deleted sooner`,
      );
    else if (baseline && days < recordDays)
      problems.add(
        `lifecycle.${key}`,
        days,
        `must be at least ${recordDays} days (${baseline.recordRetentionDays.citation})`,
      );
  }
  const { coolAfterDays, deleteAfterDays } = lifecycle ?? {};
  if (coolAfterDays !== undefined && deleteAfterDays !== undefined)
    problems.require(
      coolAfterDays < deleteAfterDays,
      "lifecycle.coolAfterDays",
      coolAfterDays,
      `must be fewer days than lifecycle.deleteAfterDays (${deleteAfterDays}): a blob is moved to Cool before it is deleted`,
    );
  if (baseline?.finiteRetentionRequired.value)
    problems.require(
      deleteAfterDays !== undefined,
      "lifecycle.deleteAfterDays",
      deleteAfterDays,
      `must be set: ${baseline.finiteRetentionRequired.citation}`,
    );
  return resolved;
}
