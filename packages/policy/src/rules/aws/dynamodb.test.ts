import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { dynamodbTableEncrypted, dynamodbTableProtected, dynamodbTableReplicaRegion } from "./dynamodb";

const table = (props: Record<string, unknown>): KitResource => ({
  type: "aws:dynamodb/table:Table",
  name: "records",
  props: {
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
    serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k" },
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
    ...props,
  },
});

describeRule(dynamodbTableEncrypted, {
  baseline: hipaa,
  compliant: [table({}), table({ serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } })],
  requirements: {
    "customer-key": {
      violating: [
        // Omitted: an AWS-owned key.
        table({ serverSideEncryption: undefined }),
        // Enabled without a key: the AWS-managed aws/dynamodb key.
        table({ serverSideEncryption: { enabled: true } }),
        table({ serverSideEncryption: { enabled: false, kmsKeyArn: "k-1" } }),
      ],
      unknown: [
        table({ serverSideEncryption: UNKNOWN }),
        table({ serverSideEncryption: { enabled: UNKNOWN, kmsKeyArn: "k-1" } }),
      ],
      decidedWhenUnknown: [table({ serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } })],
    },
  },
});

describeRule(dynamodbTableProtected, {
  baseline: hipaa,
  compliant: [table({}), table({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 } })],
  requirements: {
    "point-in-time-recovery": {
      violating: [
        table({ pointInTimeRecovery: undefined }),
        table({ pointInTimeRecovery: { enabled: false } }),
      ],
      unknown: [table({ pointInTimeRecovery: { enabled: UNKNOWN } })],
    },
    "deletion-protection": {
      violating: [
        table({ deletionProtectionEnabled: false }),
        table({ deletionProtectionEnabled: undefined }),
      ],
      unknown: [table({ deletionProtectionEnabled: UNKNOWN })],
    },
  },
});

describeRule(dynamodbTableReplicaRegion, {
  baseline: gdpr,
  compliant: [
    table({}),
    table({ replicas: [{ regionName: "eu-central-1" }, { regionName: "eu-north-1", kmsKeyArn: UNKNOWN }] }),
    {
      type: "aws:dynamodb/globalTable:GlobalTable",
      name: "global",
      props: { replicas: [{ regionName: "eu-west-1" }] },
    },
  ],
  requirements: {
    "replica-region-allowed": {
      violating: [
        table({ replicas: [{ regionName: "eu-central-1" }, { regionName: "us-east-1" }] }),
        table({ replicas: [{ regionName: "eu-west-2" }] }),
        {
          type: "aws:dynamodb/globalTable:GlobalTable",
          name: "global",
          props: { replicas: [{ regionName: "ap-south-1" }] },
        },
        table({ replicas: [{}] }),
      ],
      compliant: [
        {
          resources: [table({ replicas: [{ regionName: "us-east-1" }] })],
          config: { allowedRegions: "any" },
        },
      ],
      unknown: [table({ replicas: [{ regionName: UNKNOWN }] }), table({ replicas: UNKNOWN })],
    },
  },
});
