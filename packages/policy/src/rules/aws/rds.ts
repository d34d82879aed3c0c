/** AWS RDS rules (aws v7). */
import type * as rds from "@pulumi/aws/rds";
import { baselineSetting, resourceRule, type Props, type Requirement, type RuleSetting } from "../../rule";

type Instance = Props<rds.InstanceArgs>;

/** The backup-period setting every RDS-family rule reads (RDS and its engines keep at most 35 days). */
export const BACKUP_RETENTION_SETTING: RuleSetting = baselineSetting("minBackupRetentionDays", {
  type: "integer",
  minimum: 1,
  maximum: 35,
});

/** RDS instances: encrypted with a customer key, backed up for the baseline's period, undeletable by IaC. */
export const rdsInstanceProtected = resourceRule({
  id: "aws-rds-instance-protected",
  description:
    "RDS instances encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:rds/instance:Instance"],
  config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
  // Provider defaults (rds.InstanceArgs): storageEncrypted false, backupRetentionPeriod 0, deletionProtection false.
  requirements: databaseRequirements({ subject: "instance", keyField: "kmsKeyId", defaultRetentionDays: 0 }),
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
  config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
  requirements: databaseRequirements({
    subject: "cluster",
    keyField: "kmsKeyId",
    defaultRetentionDays: 1,
    // Provider default: false for the provisioned engine mode (the default mode), true for serverless v1.
    encryptedByDefault: (props: Cluster) => props.engineMode === "serverless",
  }),
});

interface DatabaseShape {
  /** What the descriptions call the resource. */
  subject: "instance" | "cluster";
  /** The engine's name for its KMS key input. */
  keyField: string;
  /** backupRetentionPeriod when it is not set (the provider's default). */
  defaultRetentionDays: number;
  /** Whether storage is encrypted when storageEncrypted is not set; never, unless given. */
  encryptedByDefault?: (props: Record<string, unknown>) => boolean;
}

/**
 * What every RDS-family database is asked (RDS instances and clusters, DocumentDB, Neptune): encrypted
 * storage under a customer key, automated backups kept for the baseline's period, deletion protection.
 */
export function databaseRequirements(shape: DatabaseShape): Requirement[] {
  const { subject, keyField, defaultRetentionDays, encryptedByDefault = () => false } = shape;
  return [
    {
      id: "storage-encrypted",
      description: "Storage is encrypted",
      remediation: "Set storageEncrypted: true (the provider's default is false).",
      check: (props) =>
        props.storageEncrypted === true || (props.storageEncrypted === undefined && encryptedByDefault(props))
          ? []
          : ["storageEncrypted is not true"],
    },
    {
      id: "customer-key",
      description: "Storage is encrypted with a customer-managed KMS key",
      remediation: `Set ${keyField} to a customer-managed KMS key.`,
      // Present is enough: a key created in the same update is unknown at preview, and `in` does not read it.
      check: (props) => (keyField in props ? [] : [`${keyField} names no customer-managed key`]),
    },
    {
      id: "backup-retention",
      description: "Automated backups are kept at least minBackupRetentionDays",
      remediation: "Set backupRetentionPeriod to at least minBackupRetentionDays.",
      check: (props, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        return Number(props.backupRetentionPeriod ?? defaultRetentionDays) < min
          ? [`backupRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "deletion-protection",
      description: `The ${subject} cannot be deleted while deletion protection is on`,
      remediation: "Set deletionProtection: true (the provider's default is false).",
      check: (props) => (props.deletionProtection === true ? [] : ["deletionProtection is not true"]),
    },
  ];
}
