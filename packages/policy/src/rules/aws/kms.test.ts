import { finra, gdpr, hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { kmsKeyDeletionWindow, kmsKeyRecordsProtected, kmsKeyRotation, namesCustomerKey } from "./kms";

const key = (props: Record<string, unknown>): KitResource => ({
  type: "aws:kms/key:Key",
  name: "key",
  props: { enableKeyRotation: true, description: "phi key", ...props },
});

describeRule(kmsKeyRotation, {
  baseline: hipaa,
  compliant: [
    key({}),
    key({ rotationPeriodInDays: 365 }),
    key({ rotationPeriodInDays: 90, policy: UNKNOWN }),
  ],
  requirements: {
    "automatic-rotation": {
      violating: [key({ enableKeyRotation: false }), key({ enableKeyRotation: undefined })],
      unknown: [key({ enableKeyRotation: UNKNOWN })],
    },
    "rotation-period": {
      violating: [
        key({ rotationPeriodInDays: 366 }),
        key({ rotationPeriodInDays: 730 }),
        { resources: [key({ rotationPeriodInDays: 200 })], config: { maxKeyRotationDays: 180 } },
        // Unset means yearly, longer than a 180-day maximum.
        { resources: [key({})], config: { maxKeyRotationDays: 180 } },
      ],
      compliant: [{ resources: [key({ rotationPeriodInDays: 180 })], config: { maxKeyRotationDays: 180 } }],
      unknown: [key({ rotationPeriodInDays: UNKNOWN })],
    },
  },
});

describe("namesCustomerKey", () => {
  it("accepts a key id, key ARN or customer alias", () => {
    for (const k of ["k-123", "arn:aws:kms:us-east-1:123456789012:key/k", "alias/phi", "alias/awsome"])
      expect(namesCustomerKey({ kmsKeyId: k }, "kmsKeyId"), k).toBe(true);
  });

  it("rejects AWS-managed aliases, bare or as an ARN, and absent or empty keys", () => {
    for (const k of ["alias/aws/sns", "arn:aws:kms:us-east-1:123456789012:alias/aws/sqs", ""])
      expect(namesCustomerKey({ kmsKeyId: k }, "kmsKeyId"), k).toBe(false);
    expect(namesCustomerKey({}, "kmsKeyId")).toBe(false);
    expect(namesCustomerKey({ kmsKeyId: 12 }, "kmsKeyId")).toBe(false);
    expect(namesCustomerKey({ other: "k" }, "kmsKeyId")).toBe(false);
  });
});

describeRule(kmsKeyDeletionWindow, {
  baseline: gdpr,
  compliant: [
    key({}),
    key({ deletionWindowInDays: 30 }),
    { type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { primaryKeyArn: UNKNOWN } },
  ],
  requirements: {
    "deletion-window": {
      violating: [
        key({ deletionWindowInDays: 7 }),
        key({ deletionWindowInDays: 29 }),
        { type: "aws:kms/replicaKey:ReplicaKey", name: "replica", props: { deletionWindowInDays: 10 } },
        { type: "aws:kms/externalKey:ExternalKey", name: "external", props: { deletionWindowInDays: 10 } },
        {
          type: "aws:kms/replicaExternalKey:ReplicaExternalKey",
          name: "rx",
          props: { deletionWindowInDays: 10 },
        },
        { resources: [key({ deletionWindowInDays: 14 })], config: { minKeyDeletionWindowDays: 21 } },
      ],
      compliant: [{ resources: [key({ deletionWindowInDays: 7 })], config: { minKeyDeletionWindowDays: 7 } }],
      unknown: [key({ deletionWindowInDays: UNKNOWN })],
    },
  },
});

// FINRA: a key encrypting a records bucket, joined through the SSE config's kmsMasterKeyId (unknown at preview).
const RECORDS = { "data-classification": "finra-records" };
const recordsKey = (protect?: boolean): KitResource => ({
  type: "aws:kms/key:Key",
  name: "records-key",
  props: { enableKeyRotation: true, deletionWindowInDays: 30 },
  protect,
});
const encryptedBucket = (tags: unknown = RECORDS): KitResource => ({
  type: "aws:s3/bucket:Bucket",
  name: "records",
  props: { bucket: UNKNOWN, objectLockEnabled: true, tags },
});
const sseWith = (key = "records-key"): KitResource => ({
  type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  name: "records-sse",
  props: {
    bucket: UNKNOWN,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }],
  },
  propertyDependencies: { bucket: ["records"], rules: [key] },
});
const inlineEncrypted: KitResource = {
  ...encryptedBucket(),
  props: {
    ...encryptedBucket().props,
    serverSideEncryptionConfiguration: {
      rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } },
    },
  },
  propertyDependencies: { serverSideEncryptionConfiguration: ["records-key"] },
};

describeRule(kmsKeyRecordsProtected, {
  baseline: finra,
  compliant: [
    [recordsKey(true), encryptedBucket(), sseWith()],
    [recordsKey(true), inlineEncrypted],
    [recordsKey(true), { ...encryptedBucket(), type: "aws:s3/bucketV2:BucketV2" }, sseWith()],
  ],
  requirements: {
    protect: {
      violating: [
        [recordsKey(), encryptedBucket(), sseWith()],
        [recordsKey(false), inlineEncrypted],
      ],
      unknown: [[recordsKey(), encryptedBucket(UNKNOWN), sseWith()]],
      outOfScope: [
        [recordsKey(), encryptedBucket({ "data-classification": "pd" }), sseWith()],
        // Another key encrypts the records bucket.
        [recordsKey(), encryptedBucket(), sseWith("other-key")],
        [recordsKey()],
      ],
    },
  },
});
