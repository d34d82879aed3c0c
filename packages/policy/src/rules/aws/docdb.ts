/** AWS DocumentDB rules (aws v7). */
import { resourceRule } from "../../rule";
import { CLUSTER_BACKUP_SETTING, databaseClusterRequirements } from "./rds";

// Provider defaults (docdb.ClusterArgs): storageEncrypted false, backupRetentionPeriod 1, deletionProtection false.
export const docdbClusterProtected = resourceRule({
  id: "aws-docdb-cluster-protected",
  description:
    "DocumentDB clusters encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:docdb/cluster:Cluster"],
  config: { minBackupRetentionDays: CLUSTER_BACKUP_SETTING },
  requirements: databaseClusterRequirements("kmsKeyId"),
});
