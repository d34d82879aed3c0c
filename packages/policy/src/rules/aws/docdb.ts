/** AWS DocumentDB rules (aws v7). */
import { resourceRule } from "../../rule";
import { BACKUP_RETENTION_SETTING, databaseRequirements } from "./rds";

// Provider defaults (docdb.ClusterArgs): storageEncrypted false, backupRetentionPeriod 1, deletionProtection false.
export const docdbClusterProtected = resourceRule({
  id: "aws-docdb-cluster-protected",
  description:
    "DocumentDB clusters encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:docdb/cluster:Cluster"],
  config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
  requirements: databaseRequirements({ subject: "cluster", keyField: "kmsKeyId", defaultRetentionDays: 1 }),
});
