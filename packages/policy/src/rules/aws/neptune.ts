/** AWS Neptune rules (aws v7). */
import { resourceRule } from "../../rule";
import { BACKUP_RETENTION_SETTING, databaseRequirements } from "./rds";

// Provider defaults (neptune.ClusterArgs): storageEncrypted false, backupRetentionPeriod 1, deletionProtection off.
export const neptuneClusterProtected = resourceRule({
  id: "aws-neptune-cluster-protected",
  description:
    "Neptune clusters encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:neptune/cluster:Cluster"],
  config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
  requirements: databaseRequirements({ subject: "cluster", keyField: "kmsKeyArn", defaultRetentionDays: 1 }),
});
