/** AWS ElastiCache rules (aws v7): replication groups (Redis OSS and Valkey). */
import type * as elasticache from "@pulumi/aws/elasticache";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type ReplicationGroup = Props<elasticache.ReplicationGroupArgs>;
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

export const elasticacheReplicationGroupEncrypted = resourceRule({
  id: "aws-elasticache-replication-group-encrypted",
  description: "ElastiCache replication groups encrypt data at rest with a customer-managed KMS key",
  target: "aws",
  types: [REPLICATION_GROUP],
  requirements: [
    {
      id: "at-rest",
      description: "Data on disk (swap, snapshots) is encrypted",
      remediation: "Set atRestEncryptionEnabled: true.",
      check: (props: ReplicationGroup) => {
        if (props.atRestEncryptionEnabled === true) return [];
        // Provider defaults: false for engine redis (the default engine), true for valkey.
        if (props.atRestEncryptionEnabled === undefined && props.engine === "valkey") return [];
        return ["atRestEncryptionEnabled is not true"];
      },
    },
    {
      id: "customer-key",
      description: "It is encrypted with a customer-managed key (unset, a service-managed key)",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: ReplicationGroup) =>
        "kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"],
    },
  ],
});

export const elasticacheReplicationGroupTls = resourceRule({
  id: "aws-elasticache-replication-group-tls",
  description: "ElastiCache replication groups accept only TLS connections",
  target: "aws",
  types: [REPLICATION_GROUP],
  requirements: [
    {
      id: "transit-encryption",
      description: "Connections are encrypted, and plaintext is refused",
      remediation: 'Set transitEncryptionEnabled: true and leave transitEncryptionMode unset or "required".',
      check: (props: ReplicationGroup) => {
        // Provider default: off. Mode "preferred" still accepts plaintext clients.
        if (props.transitEncryptionEnabled !== true) return ["transitEncryptionEnabled is not true"];
        return props.transitEncryptionMode === "preferred" ? ["transitEncryptionMode accepts plaintext"] : [];
      },
    },
  ],
});

export const elasticacheReplicationGroupProtected = resourceRule({
  id: "aws-elasticache-replication-group-protected",
  description: "ElastiCache replication groups keep automatic snapshots and fail over automatically",
  target: "aws",
  types: [REPLICATION_GROUP],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", { type: "integer", minimum: 1 }),
  },
  requirements: [
    {
      id: "snapshot-retention",
      description: "Automatic snapshots are kept at least minBackupRetentionDays",
      remediation: "Set snapshotRetentionLimit to at least minBackupRetentionDays.",
      check: (props: ReplicationGroup, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        // Unset or 0: no automatic snapshots.
        return Number(props.snapshotRetentionLimit ?? 0) < min
          ? [`snapshotRetentionLimit is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "automatic-failover",
      description: "A replica takes over when the primary fails",
      remediation: "Set automaticFailoverEnabled: true (and multiAzEnabled: true) with at least two nodes.",
      // Provider default: false.
      check: (props: ReplicationGroup) =>
        props.automaticFailoverEnabled === true ? [] : ["automaticFailoverEnabled is not true"],
    },
  ],
});
