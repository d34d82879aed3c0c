/**
 * A Key Vault that holds customer keys for regulated data, and the one way a component creates a key in
 * one ({@link createVaultKey}). The vault is Premium (HSM-backed keys), purge-protected, RBAC-authorized,
 * closed to the public network (reached through private endpoints), and sends its audit log to Log
 * Analytics. Keys are RSA-HSM with a rotation policy no longer than the baseline's.
 *
 * azure-native's Key resource is create-only (ARM's `createIfNotExist`): a key's rotation and release
 * policies must be right at creation and are never updated from Pulumi. Change them with the data plane
 * (`az keyvault key rotation-policy update`) or by creating a new key.
 */
import * as pulumi from "@pulumi/pulumi";
import { Key, Vault } from "@pulumi/azure-native/keyvault";
import { childName, shape, validateArgs, type ArgsSchema, type ProblemCollector } from "@palisade/core";
import { AzureChildren } from "./children";
import {
  checkDiagnosticSettings,
  createDiagnosticSettings,
  DIAGNOSTIC_SETTINGS_SCHEMA,
  type DiagnosticSettingsArgs,
} from "./diagnostic-settings";
import { checkChildNames, type NamedChild } from "./names";
import {
  createPrivateEndpoints,
  PRIVATE_ENDPOINTS_SCHEMA,
  type PrivateEndpointArgs,
} from "./private-endpoint";
import {
  AZURE_COMPONENT_SCHEMA,
  resolveAzureSettings,
  SECURE_DEFAULTS,
  type AzureComponentArgs,
} from "./settings";

export interface KeyVaultArgs extends AzureComponentArgs {
  /**
   * Days a deleted vault or key stays recoverable. Fixed at creation. Purge protection is always on, so
   * nothing deleted is purged before this.
   * @default 90, the Key Vault maximum
   */
  softDeleteRetentionDays?: number;
  /**
   * Where the vault's audit log (every key operation) goes. At least one destination is required: the
   * audit trail of who used a key on regulated data.
   */
  diagnosticSettings: DiagnosticSettingsArgs[];
  /**
   * Private endpoints the vault is reached through; the public network is always disabled.
   * @default none: only trusted Azure services (disk encryption sets, storage, AKS) reach the vault
   */
  privateEndpoints?: PrivateEndpointArgs[];
}

/** A Key Vault another component creates keys in: a {@link KeyVault}, or the same ids of an existing one. */
export interface KeyVaultReference {
  readonly vaultId: pulumi.Input<string>;
  readonly vaultName: pulumi.Input<string>;
  readonly vaultResourceGroupName: pulumi.Input<string>;
}

/** A {@link KeyVaultReference}: a KeyVault component (its other properties allowed) or the three ids. */
export const KEY_VAULT_REFERENCE_SCHEMA: ArgsSchema = {
  type: "object",
  not: { deferred: true },
  required: ["vaultId", "vaultName", "vaultResourceGroupName"],
  properties: {
    vaultId: shape.input(
      shape.string("must be a Key Vault resource id"),
      "must be a Key Vault resource id or an Output of one",
    ),
    vaultName: shape.input(
      shape.string("must be a Key Vault name"),
      "must be a Key Vault name or an Output of one",
    ),
    vaultResourceGroupName: shape.input(
      shape.string("must be the vault's resource group name"),
      "must be the vault's resource group name or an Output of one",
    ),
  },
  description:
    "must be a KeyVault, or { vaultId, vaultName, vaultResourceGroupName } naming an existing RBAC vault",
};

const TYPE = "palisade:azure:KeyVault";
/** Key Vault keeps deleted objects recoverable for 7 to 90 days. */
export const SOFT_DELETE_DAYS = { min: 7, max: SECURE_DEFAULTS.softDeleteRetentionDays } as const;

export class KeyVault extends pulumi.ComponentResource implements KeyVaultReference {
  readonly vault: Vault;
  readonly vaultId: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  readonly vaultResourceGroupName: pulumi.Input<string>;
  /** `https://<name>.vault.azure.net/` */
  readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: KeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    const { settings, resolved } = validateArgs(
      `${TYPE} "${name}"`,
      KEY_VAULT_SCHEMA,
      args,
      (problems, a: KeyVaultArgs) => checkKeyVaultArgs(problems, name, a),
    );
    super(TYPE, name, {}, opts);
    const children = new AzureChildren(this, settings);
    this.vault = children.create(
      Vault,
      childName(name, "kv"),
      { resourceGroupName: true, location: true, tags: true },
      {
        properties: {
          tenantId: children.clientConfig.tenantId,
          sku: { family: "A", name: "premium" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          enablePurgeProtection: true,
          softDeleteRetentionInDays: resolved.softDeleteRetentionDays,
          // A confidential VM's disk encryption set and AKS's KMS plugin reach the vault as trusted services.
          enabledForDiskEncryption: true,
          enabledForDeployment: false,
          enabledForTemplateDeployment: false,
          publicNetworkAccess: "Disabled",
          networkAcls: {
            defaultAction: "Deny",
            bypass: "AzureServices",
            ipRules: [],
            virtualNetworkRules: [],
          },
        },
      },
      { role: "data" },
    );
    this.vaultId = this.vault.id;
    this.vaultName = this.vault.name;
    this.vaultResourceGroupName = settings.resourceGroupName;
    this.vaultUri = this.vault.properties.apply((p) => p.vaultUri ?? "");
    createDiagnosticSettings(children, childName(name, "kv"), this.vault.id, args.diagnosticSettings, {
      categoryGroups: ["audit"],
    });
    createPrivateEndpoints(
      children,
      childName(name, "kv"),
      this.vault.id,
      "vault",
      args.privateEndpoints ?? [],
    );
    this.registerOutputs({ vaultId: this.vaultId, vaultName: this.vaultName, vaultUri: this.vaultUri });
  }
}

export const KEY_VAULT_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    softDeleteRetentionDays: shape.integer("must be a whole number of days"),
    diagnosticSettings: DIAGNOSTIC_SETTINGS_SCHEMA,
    privateEndpoints: PRIVATE_ENDPOINTS_SCHEMA,
  },
  { required: ["resourceGroupName", "diagnosticSettings"] },
);

/**
 * The names a vault created as `name` derives, for its owner to check up front. Only the vault's: its
 * endpoints' and diagnostic setting's names extend it, and their rules (64 and 260 characters) always
 * hold when the vault's (24) does.
 */
export function keyVaultNames(name: string): NamedChild[] {
  return [{ type: "azure-native:keyvault:Vault", name: childName(name, "kv") }];
}

function checkKeyVaultArgs(problems: ProblemCollector, name: string, args: KeyVaultArgs) {
  const settings = resolveAzureSettings(problems, name, args);
  const softDeleteRetentionDays = args.softDeleteRetentionDays ?? SOFT_DELETE_DAYS.max;
  problems.require(
    softDeleteRetentionDays >= SOFT_DELETE_DAYS.min && softDeleteRetentionDays <= SOFT_DELETE_DAYS.max,
    "softDeleteRetentionDays",
    args.softDeleteRetentionDays,
    `must be a whole number of days from ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max} (Key Vault's range)`,
  );
  checkDiagnosticSettings(
    problems,
    "diagnosticSettings",
    args.diagnosticSettings,
    "the vault's audit log is the record of every use of a customer key",
  );
  checkChildNames(problems, "name", name, keyVaultNames(name));
  return { settings, resolved: { softDeleteRetentionDays } };
}

/** A key's size in bits; 3072 is NIST's recommendation past 2030 (SP 800-57 Part 1, table 4). */
export type KeySize = 2048 | 3072 | 4096;
export const KEY_SIZES: readonly KeySize[] = [2048, 3072, 4096];

/** What a component's key needs beyond the vault. */
export interface VaultKeySpec {
  /** @default 3072 */
  keySize?: KeySize;
  /**
   * An exportable key released only to a TEE whose attestation satisfies this policy (Secure Key
   * Release): the JSON policy document, see {@link confidentialReleasePolicy}.
   * @default none: the key is not exportable
   */
  releasePolicy?: pulumi.Input<string>;
  /** Operations the key allows. @default wrapKey and unwrapKey (plus release when exportable) */
  keyOps?: string[];
  /**
   * The consumer names one key version and never follows rotation by itself (a confidential disk
   * encryption set, AKS's KMS plugin). Its versions then get no expiry: a pinned version that expired
   * would stop the VM from booting or the cluster from writing secrets. Rotation still creates new
   * versions; moving the consumer to one is the operator's step.
   * @default false: the consumer follows the newest version, so versions expire a month after rotating
   */
  pinnedVersion?: boolean;
}

/** Wrap and unwrap: all that disk encryption sets, storage accounts and AKS KMS do with a key. */
const WRAP_OPS = ["wrapKey", "unwrapKey"];
/** A confidential disk key also encrypts and decrypts (what `az keyvault key create --default-cvm-policy` sets). */
export const CONFIDENTIAL_DISK_KEY_OPS = ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify"];

/** An ISO 8601 duration in days (`P90D`), the form Key Vault rotation policies take. */
export function isoDays(days: number): string {
  return `P${days}D`;
}

/** Days between a key version's creation and its expiry: a month past its rotation, so a missed rotation alerts first. */
const EXPIRY_MARGIN_DAYS = 30;

/**
 * An RSA-HSM key in `vault`, created by `children`'s component, rotating every `rotationDays` (checked by
 * the caller against the baseline), notifying 30 days before a version expires. A data-bearing child:
 * retained on delete, since deleting it makes everything it wraps unreadable.
 */
export function createVaultKey(
  children: AzureChildren,
  name: string,
  vault: KeyVaultReference,
  spec: VaultKeySpec = {},
): Key {
  const rotationDays = children.settings.keyRotationDays;
  const exportable = spec.releasePolicy !== undefined;
  const rotate = { trigger: { timeAfterCreate: isoDays(rotationDays) }, action: { type: "rotate" as const } };
  return children.create(
    Key,
    name,
    { resourceGroupName: { elsewhere: vault.vaultResourceGroupName }, tags: true },
    {
      vaultName: vault.vaultName,
      properties: {
        kty: "RSA-HSM",
        keySize: spec.keySize ?? 3072,
        keyOps: spec.keyOps ?? WRAP_OPS,
        attributes: { enabled: true, exportable },
        ...(exportable
          ? {
              releasePolicy: {
                contentType: "application/json; charset=utf-8",
                data: pulumi
                  .output(spec.releasePolicy)
                  .apply((p) => Buffer.from(p ?? "").toString("base64url")),
              },
            }
          : {}),
        rotationPolicy: spec.pinnedVersion
          ? { lifetimeActions: [rotate] }
          : {
              attributes: { expiryTime: isoDays(rotationDays + EXPIRY_MARGIN_DAYS) },
              lifetimeActions: [
                rotate,
                { trigger: { timeBeforeExpiry: isoDays(EXPIRY_MARGIN_DAYS) }, action: { type: "notify" } },
              ],
            },
      },
    },
    { role: "data" },
  );
}
