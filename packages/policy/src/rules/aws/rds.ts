/** AWS RDS rules (aws v7). */
import type * as rds from "@pulumi/aws/rds";
import { baselineSetting, resourceRule, type Props, type Requirement, type RuleSetting } from "../../rule";

type Instance = Props<rds.InstanceArgs>;

/** RDS instances: encrypted with a customer key, backed up for the baseline's period, undeletable by IaC. */
export const rdsInstanceProtected = resourceRule({
  id: "aws-rds-instance-protected",
  description:
    "RDS instances encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:rds/instance:Instance"],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", {
      type: "integer",
      minimum: 1,
      maximum: 35,
    }),
  },
  requirements: [
    {
      id: "storage-encrypted",
      description: "Storage is encrypted",
      remediation: "Set storageEncrypted: true.",
      check: (props: Instance) => (props.storageEncrypted === true ? [] : ["storageEncrypted is not true"]),
    },
    {
      id: "customer-key",
      description: "Storage is encrypted with a customer-managed KMS key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      // Present is enough: a key created in the same update is unknown at preview, and `in` does not read it.
      check: (props: Instance) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
    {
      id: "backup-retention",
      description: "Automated backups are kept at least minBackupRetentionDays",
      remediation: "Set backupRetentionPeriod to at least minBackupRetentionDays.",
      check: (props: Instance, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        return Number(props.backupRetentionPeriod ?? 0) < min
          ? [`backupRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "deletion-protection",
      description: "The instance cannot be deleted while deletion protection is on",
      remediation: "Set deletionProtection: true.",
      check: (props: Instance) =>
        props.deletionProtection === true ? [] : ["deletionProtection is not true"],
    },
  ],
});

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** RDS and Aurora instances: no public endpoint. */
export const rdsInstanceNotPublic = resourceRule({
  id: "aws-rds-instance-not-public",
  description: "RDS instances and Aurora cluster instances get no publicly resolvable endpoint",
  target: "aws",
  types: [INSTANCE, CLUSTER_INSTANCE],
  requirements: [
    {
      id: "not-public",
      description: "The instance is not publicly accessible",
      remediation:
        "Remove publiclyAccessible: true (the provider's default is false) and reach the database from inside the VPC.",
      // Provider default: publiclyAccessible false on both Instance and ClusterInstance (aws v7 docs).
      check: (props: Instance) => (props.publiclyAccessible === true ? ["publiclyAccessible is true"] : []),
    },
  ],
});

/** RDS instances: database logs exported to CloudWatch Logs. */
export const rdsInstanceLogged = resourceRule({
  id: "aws-rds-instance-logged",
  description: "RDS instances export their database logs to CloudWatch Logs",
  target: "aws",
  types: [INSTANCE],
  requirements: [
    {
      id: "logs-exported",
      description: "At least one database log (audit, error, postgresql, ...) is exported",
      remediation:
        'Set enabledCloudwatchLogsExports to the engine\'s log types (e.g. ["postgresql"] or ["audit", "error"]).',
      // Provider default: no logs exported.
      check: (props: Instance) =>
        ((props.enabledCloudwatchLogsExports as unknown[] | undefined) ?? []).length > 0
          ? []
          : ["enabledCloudwatchLogsExports exports no log"],
    },
  ],
});

/** RDS instances: a synchronous standby in a second zone (cdk-nag RDSMultiAZSupport). */
export const rdsInstanceMultiAz = resourceRule({
  id: "aws-rds-instance-multi-az",
  description: "RDS instances keep a standby in another Availability Zone and fail over to it",
  target: "aws",
  types: [INSTANCE],
  requirements: [
    {
      id: "multi-az",
      description: "The instance is deployed Multi-AZ",
      remediation: "Set multiAz: true (the provider's default is false).",
      check: (props: Instance) => (props.multiAz === true ? [] : ["multiAz is not true"]),
    },
  ],
});

type Cluster = Props<rds.ClusterArgs>;

/** Aurora and Multi-AZ DB clusters: the cluster-level twin of rdsInstanceProtected. */
export const rdsClusterProtected = resourceRule({
  id: "aws-rds-cluster-protected",
  description:
    "RDS and Aurora clusters encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:rds/cluster:Cluster"],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", {
      type: "integer",
      minimum: 1,
      maximum: 35,
    }),
  },
  requirements: [
    {
      id: "storage-encrypted",
      description: "Storage is encrypted",
      remediation: "Set storageEncrypted: true.",
      // Provider default: false for the provisioned engine mode (the default mode), true for serverless v1.
      check: (props: Cluster) => {
        if (props.storageEncrypted === true) return [];
        if (props.storageEncrypted === undefined && props.engineMode === "serverless") return [];
        return ["storageEncrypted is not true"];
      },
    },
    {
      id: "customer-key",
      description: "Storage is encrypted with a customer-managed KMS key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: Cluster) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
    {
      id: "backup-retention",
      description: "Automated backups are kept at least minBackupRetentionDays",
      remediation: "Set backupRetentionPeriod to at least minBackupRetentionDays.",
      check: (props: Cluster, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        // Provider default: 1 day.
        return Number(props.backupRetentionPeriod ?? 1) < min
          ? [`backupRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "deletion-protection",
      description: "The cluster cannot be deleted while deletion protection is on",
      remediation: "Set deletionProtection: true.",
      // Provider default: false.
      check: (props: Cluster) =>
        props.deletionProtection === true ? [] : ["deletionProtection is not true"],
    },
  ],
});

/** The backup-period setting every database cluster rule reads. */
export const CLUSTER_BACKUP_SETTING: RuleSetting = baselineSetting("minBackupRetentionDays", {
  type: "integer",
  minimum: 1,
  maximum: 35,
});

/**
 * What rdsClusterProtected asks of a cluster, for the RDS-family engines whose provider defaults match it
 * (DocumentDB, Neptune): storageEncrypted false, backupRetentionPeriod 1 and deletionProtection false
 * unless set. `keyField` is the engine's name for its KMS key input.
 */
export function databaseClusterRequirements(keyField: string): Requirement[] {
  return [
    {
      id: "storage-encrypted",
      description: "Storage is encrypted",
      remediation: "Set storageEncrypted: true (the provider's default is false).",
      check: (props) => (props.storageEncrypted === true ? [] : ["storageEncrypted is not true"]),
    },
    {
      id: "customer-key",
      description: "Storage is encrypted with a customer-managed KMS key",
      remediation: `Set ${keyField} to a customer-managed KMS key.`,
      check: (props) => (keyField in props ? [] : [`${keyField} names no customer-managed key`]),
    },
    {
      id: "backup-retention",
      description: "Automated backups are kept at least minBackupRetentionDays",
      remediation: "Set backupRetentionPeriod to at least minBackupRetentionDays.",
      check: (props, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        return Number(props.backupRetentionPeriod ?? 1) < min
          ? [`backupRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "deletion-protection",
      description: "The cluster cannot be deleted while deletion protection is on",
      remediation: "Set deletionProtection: true (the provider's default is false).",
      check: (props) => (props.deletionProtection === true ? [] : ["deletionProtection is not true"]),
    },
  ];
}
