import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { kinesisFirehoseDeliveryStreamEncrypted, kinesisStreamEncrypted } from "./kinesis";

const stream = (props: Record<string, unknown>): KitResource => ({
  type: "aws:kinesis/stream:Stream",
  name: "events",
  props: {
    shardCount: 1,
    encryptionType: "KMS",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    ...props,
  },
});

describeRule(kinesisStreamEncrypted, {
  baseline: hipaa,
  compliant: [stream({}), stream({ kmsKeyId: "alias/phi-stream" })],
  requirements: {
    encrypted: {
      // The provider's default is "NONE".
      violating: [stream({ encryptionType: "NONE" }), stream({ encryptionType: undefined })],
      unknown: [stream({ encryptionType: UNKNOWN })],
    },
    "customer-key": {
      violating: [
        stream({ kmsKeyId: undefined }),
        stream({ kmsKeyId: "alias/aws/kinesis" }),
        stream({ kmsKeyId: "arn:aws:kms:us-east-1:123456789012:alias/aws/kinesis" }),
      ],
      unknown: [],
      // A key created in the same update: named, though unknown.
      decidedWhenUnknown: [stream({ kmsKeyId: UNKNOWN })],
    },
  },
});

const firehose = (props: Record<string, unknown>): KitResource => ({
  type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  name: "delivery",
  props: {
    destination: "extended_s3",
    serverSideEncryption: {
      enabled: true,
      keyType: "CUSTOMER_MANAGED_CMK",
      keyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    },
    ...props,
  },
});

describeRule(kinesisFirehoseDeliveryStreamEncrypted, {
  baseline: hipaa,
  compliant: [
    firehose({}),
    // Fed by a Kinesis stream: encryption is the source stream's.
    firehose({
      serverSideEncryption: undefined,
      kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s" },
    }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        firehose({ serverSideEncryption: undefined }),
        firehose({
          serverSideEncryption: { enabled: false, keyType: "CUSTOMER_MANAGED_CMK", keyArn: "k-1" },
        }),
        firehose({ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" } }),
        // The default key type is AWS-owned.
        firehose({ serverSideEncryption: { enabled: true, keyArn: "k-1" } }),
        firehose({ serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK", keyArn: "k-1" } }),
      ],
      unknown: [
        firehose({ serverSideEncryption: UNKNOWN }),
        firehose({
          serverSideEncryption: { enabled: UNKNOWN, keyType: "CUSTOMER_MANAGED_CMK", keyArn: "k-1" },
        }),
      ],
      decidedWhenUnknown: [
        firehose({
          serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: UNKNOWN },
        }),
      ],
    },
  },
});
