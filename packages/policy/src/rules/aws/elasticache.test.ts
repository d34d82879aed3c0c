import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  elasticacheReplicationGroupEncrypted,
  elasticacheReplicationGroupProtected,
  elasticacheReplicationGroupTls,
} from "./elasticache";

const group = (props: Record<string, unknown>): KitResource => ({
  type: "aws:elasticache/replicationGroup:ReplicationGroup",
  name: "cache",
  props: {
    description: "session cache",
    engine: "redis",
    atRestEncryptionEnabled: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: 7,
    automaticFailoverEnabled: true,
    ...props,
  },
});

describeRule(elasticacheReplicationGroupEncrypted, {
  baseline: hipaa,
  compliant: [group({}), group({ kmsKeyId: UNKNOWN })],
  requirements: {
    "at-rest": {
      violating: [
        group({ atRestEncryptionEnabled: false }),
        // Redis, the default engine, is unencrypted unless told.
        group({ atRestEncryptionEnabled: undefined }),
        group({ atRestEncryptionEnabled: undefined, engine: undefined }),
        group({ atRestEncryptionEnabled: false, engine: "valkey" }),
      ],
      // Valkey is encrypted by default.
      compliant: [group({ atRestEncryptionEnabled: undefined, engine: "valkey" })],
      unknown: [
        group({ atRestEncryptionEnabled: UNKNOWN }),
        group({ atRestEncryptionEnabled: undefined, engine: UNKNOWN }),
      ],
      decidedWhenUnknown: [group({ engine: UNKNOWN })],
    },
    "customer-key": {
      violating: [group({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [group({ kmsKeyId: UNKNOWN })],
    },
  },
});

describeRule(elasticacheReplicationGroupTls, {
  baseline: hipaa,
  compliant: [group({}), group({ transitEncryptionMode: "required" })],
  requirements: {
    "transit-encryption": {
      violating: [
        group({ transitEncryptionEnabled: false }),
        group({ transitEncryptionEnabled: undefined }),
        group({ transitEncryptionMode: "preferred" }),
      ],
      unknown: [group({ transitEncryptionEnabled: UNKNOWN }), group({ transitEncryptionMode: UNKNOWN })],
    },
  },
});

describeRule(elasticacheReplicationGroupProtected, {
  baseline: hipaa,
  compliant: [group({}), group({ snapshotRetentionLimit: 35 })],
  requirements: {
    "snapshot-retention": {
      violating: [
        group({ snapshotRetentionLimit: 6 }),
        group({ snapshotRetentionLimit: undefined }),
        { resources: [group({ snapshotRetentionLimit: 13 })], config: { minBackupRetentionDays: 14 } },
      ],
      compliant: [
        { resources: [group({ snapshotRetentionLimit: 14 })], config: { minBackupRetentionDays: 14 } },
      ],
      unknown: [group({ snapshotRetentionLimit: UNKNOWN })],
    },
    "automatic-failover": {
      violating: [group({ automaticFailoverEnabled: false }), group({ automaticFailoverEnabled: undefined })],
      unknown: [group({ automaticFailoverEnabled: UNKNOWN })],
    },
  },
});
