/** AWS KMS rules (aws v7). */
import type * as kms from "@pulumi/aws/kms";
import type { PolicyResource } from "@pulumi/policy";
import {
  baselineSetting,
  matchesType,
  resourceRule,
  stackRule,
  type Props,
  type StackContext,
} from "../../rule";
import { known } from "../../unknowns";
import { RECORDS_SCOPE_SETTINGS, outsideRecords } from "../scope";
import { BUCKETS, SSE_CONFIGS } from "./s3";

/** KMS rotates a key yearly unless rotationPeriodInDays says otherwise (90 to 2560 days). */
const DEFAULT_ROTATION_DAYS = 365;

export const kmsKeyRotation = resourceRule({
  id: "aws-kms-key-rotation",
  description: "KMS customer keys rotate automatically, at least as often as the baseline requires",
  target: "aws",
  types: ["aws:kms/key:Key"],
  config: {
    maxKeyRotationDays: baselineSetting("maxKeyRotationDays", {
      type: "integer",
      minimum: 90,
      maximum: 2560,
    }),
  },
  requirements: [
    {
      id: "automatic-rotation",
      description: "Automatic key rotation is on",
      remediation: "Set enableKeyRotation: true on the key.",
      check: (props: Props<kms.KeyArgs>) =>
        props.enableKeyRotation === true ? [] : ["enableKeyRotation is not true"],
    },
    {
      id: "rotation-period",
      description: "The rotation period is no longer than maxKeyRotationDays",
      remediation:
        "Set rotationPeriodInDays to at most maxKeyRotationDays (KMS rotates yearly when it is unset).",
      check: (props: Props<kms.KeyArgs>, { config }) => {
        const period = props.rotationPeriodInDays ?? DEFAULT_ROTATION_DAYS;
        const max = Number(config.maxKeyRotationDays);
        // The period is never quoted: it may be a secret.
        return Number(period) > max ? [`rotationPeriodInDays exceeds maxKeyRotationDays ${max}`] : [];
      },
    },
  ],
});

/** KMS waits 30 days before deleting a key when deletionWindowInDays is unset (7 to 30 allowed). */
const DEFAULT_DELETION_WINDOW_DAYS = 30;

export const kmsKeyDeletionWindow = resourceRule({
  id: "aws-kms-key-deletion-window",
  description: "KMS keys scheduled for deletion stay recoverable at least the baseline's window",
  target: "aws",
  types: [
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
  ],
  config: {
    minKeyDeletionWindowDays: baselineSetting("minKeyDeletionWindowDays", {
      type: "integer",
      minimum: 7,
      maximum: 30,
    }),
  },
  requirements: [
    {
      id: "deletion-window",
      description: "deletionWindowInDays is at least minKeyDeletionWindowDays (unset means 30)",
      remediation:
        "Set deletionWindowInDays to at least minKeyDeletionWindowDays (at most 30), or leave it unset.",
      check: (props: Props<kms.KeyArgs>, { config }) => {
        const window = Number(props.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS);
        const min = Number(config.minKeyDeletionWindowDays);
        return window < min ? [`deletionWindowInDays is below minKeyDeletionWindowDays ${min}`] : [];
      },
    },
  ],
});

/** An AWS-managed key's alias (`alias/aws/<service>`, bare or in an alias ARN): AWS, not the customer, controls it. */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/**
 * Whether `props[key]` names a customer-managed KMS key: present and, when known, not an AWS-managed
 * alias. Decided at preview: a key created in the same update is unknown, and present is enough.
 */
export function namesCustomerKey(props: Record<string, unknown>, key: string): boolean {
  if (!(key in props)) return false;
  const value = known(() => props[key]);
  if (!value.known) return true;
  return typeof value.value === "string" && value.value !== "" && !AWS_MANAGED_ALIAS.test(value.value);
}

/**
 * The records buckets of the stack the subject key encrypts: buckets joined to a default-encryption config
 * whose `rules` depend on the key (its kmsMasterKeyId), or whose deprecated inline
 * serverSideEncryptionConfiguration does. A bucket whose tags are unknown at preview throws.
 */
function recordsBucketsEncryptedBy(context: StackContext): PolicyResource[] {
  const viaConfigs = context.stack
    .dependents(SSE_CONFIGS, "rules")
    .flatMap((c) => c.propertyDependencies.bucket ?? [])
    .filter((b) => matchesType(BUCKETS, b.type));
  const inline = context.stack.dependents(BUCKETS, "serverSideEncryptionConfiguration");
  return [...viaConfigs, ...inline].filter((b) => outsideRecords(b.props.tags, context.config) === undefined);
}

export const kmsKeyRecordsProtected = stackRule({
  id: "aws-kms-key-records-protected",
  description:
    "KMS keys encrypting records S3 buckets cannot be deleted by the program: deleting the key makes the records unreadable",
  target: "aws",
  types: ["aws:kms/key:Key"],
  config: RECORDS_SCOPE_SETTINGS,
  requirements: [
    {
      id: "protect",
      description:
        "A key encrypting a records bucket has Pulumi's protect option, so Pulumi refuses to delete it",
      remediation:
        "Create the Key with the resource option protect: true; keep deletionWindowInDays at 30 for a deletion scheduled outside Pulumi.",
      outOfScope: (_key, context) =>
        recordsBucketsEncryptedBy(context).length > 0
          ? undefined
          : "the key encrypts no records bucket in this stack (through a BucketServerSideEncryptionConfiguration's kmsMasterKeyId)",
      check: (_key, { protect }) =>
        protect === true
          ? []
          : ["the protect resource option is not set on a key encrypting a records bucket"],
    },
  ],
});
