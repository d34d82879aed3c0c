/** AWS Neptune rules (aws v7). */
import { resourceRule } from "../../rule";
import { CLUSTER_BACKUP_SETTING, databaseClusterRequirements } from "./rds";

// Provider defaults (neptune.ClusterArgs): storageEncrypted false, backupRetentionPeriod 1, deletionProtection off.
export const neptuneClusterProtected = resourceRule({
  id: "aws-neptune-cluster-protected",
  description:
    "Neptune clusters encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:neptune/cluster:Cluster"],
  config: { minBackupRetentionDays: CLUSTER_BACKUP_SETTING },
  requirements: databaseClusterRequirements("kmsKeyArn"),
});
