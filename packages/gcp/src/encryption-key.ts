import * as pulumi from "@pulumi/pulumi";
import { CryptoKey, CryptoKeyIAMMember, KeyRing } from "@pulumi/gcp/kms";
import {
  childName,
  shape,
  validate,
  validateArgs,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { GcpChildren } from "./children";
import { checkChildNames, type NamedChild } from "./names";
import { IAM_MEMBER } from "./service-agents";
import {
  durationSeconds,
  GCP_COMPONENT_SCHEMA,
  inheritedArgs,
  KMS_ROTATION_DAYS,
  resolveGcpSettings,
  SECURE_DEFAULTS,
  type GcpComponentArgs,
  type GcpSettings,
} from "./settings";

export type ProtectionLevel = "HSM" | "SOFTWARE";

export interface EncryptionKeyArgs extends GcpComponentArgs {
  /**
   * Days between automatic rotations (a new primary version; old versions still decrypt).
   * @default 365, or the baseline's maximum when shorter
   */
  rotationPeriodDays?: number;
  /**
   * Where key material lives. `HSM`: FIPS 140-2 Level 3 Cloud HSM, never exported; `SOFTWARE` loosens
   * that to FIPS 140-2 Level 1. Forces replacement when changed (it is fixed per key).
   * @default "HSM"
   */
  protectionLevel?: ProtectionLevel;
  /**
   * Days a destroyed key version stays recoverable (`DESTROY_SCHEDULED`) before its material is gone.
   * Fixed at creation: forces replacement when changed.
   * @default 120, the Cloud KMS maximum
   */
  destroyScheduledDays?: number;
}

const TYPE = "palisade:gcp:EncryptionKey";
export const ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
const MAX_DESTROY_SCHEDULED_DAYS = SECURE_DEFAULTS.keyDestroyScheduledDays;

/**
 * A Cloud KMS key ring and a symmetric ENCRYPT_DECRYPT key in the component's region, HSM-backed by
 * default, rotating as the baseline requires, with the longest recovery window for destroyed versions.
 *
 * Neither can be deleted from GCP: a provider delete only drops the ring from state, and for the key
 * destroys every version (scheduled, recoverable for `destroyScheduledDays`), which makes all data it
 * encrypted unreadable. Both are therefore retained on delete, and the key also carries
 * `deletionPolicy: "PREVENT"` while retained, so no path through the provider destroys its versions.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  readonly keyRing: KeyRing;
  readonly cryptoKey: CryptoKey;
  /** `projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`: what `defaultKmsKeyName` and `kmsKeyName` take. */
  readonly keyId: pulumi.Output<string>;
  readonly keyRingId: pulumi.Output<string>;
  private readonly children: GcpChildren;

  constructor(name: string, args: EncryptionKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const { settings, resolved } = validateEncryptionKeyArgs(name, args);
    super(TYPE, name, {}, opts);
    this.children = new GcpChildren(this, settings);
    this.keyRing = this.children.create(
      KeyRing,
      childName(name, "ring"),
      { project: true, location: true },
      {},
      { role: "data" },
    );
    this.cryptoKey = this.children.create(
      CryptoKey,
      childName(name, "key"),
      { labels: true },
      {
        keyRing: this.keyRing.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: durationSeconds(resolved.rotationPeriodDays),
        destroyScheduledDuration: durationSeconds(resolved.destroyScheduledDays),
        versionTemplate: {
          algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION",
          protectionLevel: resolved.protectionLevel,
        },
        deletionPolicy: settings.protection.retainOnDelete ? "PREVENT" : "DELETE",
      },
      { role: "data" },
    );
    this.keyId = this.cryptoKey.id;
    this.keyRingId = this.keyRing.id;
    this.registerOutputs({ keyId: this.keyId, keyRingId: this.keyRingId });
  }

  /**
   * Grants `member` (a service agent, e.g. {@link serviceAgentMember}) `roles/cloudkms.cryptoKeyEncrypterDecrypter`
   * on this key only. Returns the IAM member so the resource that encrypts with the key can `dependsOn`
   * it. The grant is a guard: retained whenever the key is.
   */
  grantEncrypterDecrypter(name: string, member: pulumi.Input<string>): CryptoKeyIAMMember {
    return grantEncrypterDecrypter(this.children, name, this.keyId, member);
  }
}

/** The grant behind {@link EncryptionKey.grantEncrypterDecrypter}, for components given a key id. */
export function grantEncrypterDecrypter(
  children: GcpChildren,
  name: string,
  cryptoKeyId: pulumi.Input<string>,
  member: pulumi.Input<string>,
): CryptoKeyIAMMember {
  validate(`${ENCRYPTER_DECRYPTER} grant "${name}"`, (problems) => checkMember(problems, "member", member));
  return children.create(
    CryptoKeyIAMMember,
    name,
    {},
    { cryptoKeyId, role: ENCRYPTER_DECRYPTER, member },
    { role: "guard" },
  );
}

/** A plain member must name one identity; an Output is judged by IAM itself. */
export function checkMember(problems: ProblemCollector, path: string, member: unknown): void {
  if (typeof member === "string")
    problems.require(
      IAM_MEMBER.test(member),
      path,
      member,
      'must be one IAM member such as "serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com" (never allUsers or allAuthenticatedUsers)',
    );
  else if (!pulumi.Output.isInstance(member))
    problems.add(path, member, "must be an IAM member string or an Output of one");
}

const KEY_ID = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/**
 * A plain key id must name a crypto key in `region`: Cloud Storage and Cloud Logging only use a key in
 * the same location as the bucket. An Output is judged by the service itself.
 */
export function checkKeyId(problems: ProblemCollector, path: string, keyId: unknown, region: string): void {
  if (typeof keyId !== "string") return;
  const location = KEY_ID.exec(keyId)?.[1];
  problems.require(
    location !== undefined && (region === "" || location === region),
    path,
    keyId,
    `must be a Cloud KMS key id "projects/<project>/locations/${region || "<region>"}/keyRings/<ring>/cryptoKeys/<key>" in the component's region (CMEK keys must share the data's location)`,
  );
}

export const ENCRYPTION_KEY_SCHEMA: ArgsSchema = shape.object({
  ...GCP_COMPONENT_SCHEMA,
  rotationPeriodDays: shape.integer("must be a whole number of days"),
  protectionLevel: shape.oneOf(["HSM", "SOFTWARE"]),
  destroyScheduledDays: shape.integer("must be a whole number of days"),
});

/** The names a key created as `keyName` derives, for its owner to check up front. */
export function encryptionKeyNames(keyName: string): NamedChild[] {
  return [
    { type: "gcp:kms/keyRing:KeyRing", name: childName(keyName, "ring") },
    { type: "gcp:kms/cryptoKey:CryptoKey", name: childName(keyName, "key") },
  ];
}

/** Everything a key needs checked; parents that create one call it on the args they give. */
export function checkEncryptionKeyArgs(problems: ProblemCollector, name: string, args: EncryptionKeyArgs) {
  const settings = resolveGcpSettings(problems, name, args);
  const baseline = args.baseline;
  const maxRotation = Math.min(KMS_ROTATION_DAYS.max, baseline?.maxKeyRotationDays.value ?? Infinity);
  const rotationPeriodDays = args.rotationPeriodDays ?? settings.keyRotationDays;
  problems.require(
    Number.isInteger(rotationPeriodDays) &&
      rotationPeriodDays > KMS_ROTATION_DAYS.min &&
      rotationPeriodDays <= maxRotation,
    "rotationPeriodDays",
    args.rotationPeriodDays,
    `must be a whole number of days from 2 to ${maxRotation} (Cloud KMS needs more than a day)${baseline ? ` (${baseline.maxKeyRotationDays.citation})` : ""}`,
  );
  const minDestroy = Math.max(1, baseline?.minKeyDeletionWindowDays.value ?? 1);
  const destroyScheduledDays = args.destroyScheduledDays ?? MAX_DESTROY_SCHEDULED_DAYS;
  problems.require(
    Number.isInteger(destroyScheduledDays) &&
      destroyScheduledDays >= minDestroy &&
      destroyScheduledDays <= MAX_DESTROY_SCHEDULED_DAYS,
    "destroyScheduledDays",
    args.destroyScheduledDays,
    `must be a whole number of days from ${minDestroy} to ${MAX_DESTROY_SCHEDULED_DAYS}${baseline && minDestroy > 1 ? ` (${baseline.minKeyDeletionWindowDays.citation})` : ""}`,
  );
  checkChildNames(problems, "name", name, encryptionKeyNames(name));
  return {
    settings,
    resolved: {
      rotationPeriodDays,
      destroyScheduledDays,
      protectionLevel: args.protectionLevel ?? "HSM",
    },
  };
}

function validateEncryptionKeyArgs(name: string, args: EncryptionKeyArgs) {
  return validateArgs(`${TYPE} "${name}"`, ENCRYPTION_KEY_SCHEMA, args, (problems, a: EncryptionKeyArgs) =>
    checkEncryptionKeyArgs(problems, name, a),
  );
}

/** The args of a key another component creates: its settings are the owner's, so it is never weaker. */
export function ownedKeyArgs(owner: GcpSettings, key: EncryptionKeyArgs = {}): EncryptionKeyArgs {
  return { ...key, ...inheritedArgs(owner) };
}

/** A key owned by another component, created with the owner's settings. */
export function ownedKey(children: GcpChildren, name: string, key: EncryptionKeyArgs = {}): EncryptionKey {
  return new EncryptionKey(name, ownedKeyArgs(children.settings, key), { parent: children.parent });
}

/** A component's customer key: the one it was given, or its own, with a service agent granted it. */
export interface ServiceKey {
  /** The key's id, for CMEK settings. */
  keyId: pulumi.Output<string>;
  /** The key the component created (`<name>-kms`), when none was given. */
  encryptionKey?: EncryptionKey;
  /** The grant to the service agent; whatever the agent encrypts must `dependsOn` it. */
  keyGrant: CryptoKeyIAMMember;
}

/**
 * The key a component encrypts with: `kmsKeyId` when given, else a new key `<name>-kms` owned by the
 * component; either way `agent` (the service agent that encrypts, e.g. Cloud Storage's) is granted it as
 * `<name>-<grantName>`.
 */
export function serviceKey(
  children: GcpChildren,
  name: string,
  grantName: string,
  agent: pulumi.Input<string>,
  kmsKeyId: pulumi.Input<string> | undefined,
): ServiceKey {
  const grant = childName(name, grantName);
  if (kmsKeyId !== undefined)
    return {
      keyId: pulumi.output(kmsKeyId),
      keyGrant: grantEncrypterDecrypter(children, grant, kmsKeyId, agent),
    };
  const encryptionKey = ownedKey(children, childName(name, "kms"));
  return {
    keyId: encryptionKey.keyId,
    encryptionKey,
    keyGrant: encryptionKey.grantEncrypterDecrypter(grant, agent),
  };
}
