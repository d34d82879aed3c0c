/**
 * The rule Amazon DocumentDB and Neptune clusters share (aws v7 docdb and neptune): both are RDS-family
 * clusters with the same storage, backup and deletion settings and the same provider defaults
 * (storageEncrypted false, backupRetentionPeriod 1, deletionProtection false). What differs (the module,
 * the engine's name and the name of the KMS key input) is the service's to say, in its own file.
 */
import { resourceRule, type ResourceRule } from "../../rule";
import { BACKUP_RETENTION_SETTING, databaseRequirements } from "./rds";

export interface DatabaseClusterService {
  /** The aws module, which names the type token and the rule id: `docdb`. */
  module: "docdb" | "neptune";
  /** The engine, as the description names it: `DocumentDB`. */
  engine: string;
  /** The cluster's KMS key input: `kmsKeyId` (DocumentDB) or `kmsKeyArn` (Neptune). */
  keyField: "kmsKeyId" | "kmsKeyArn";
}

/** `aws-<module>-cluster-protected`: customer-key encryption, automated backups, deletion protection. */
export function databaseClusterRule({ module, engine, keyField }: DatabaseClusterService): ResourceRule {
  return resourceRule({
    id: `aws-${module}-cluster-protected`,
    description: `${engine} clusters encrypt storage with a customer key, keep automated backups and have deletion protection`,
    target: "aws",
    types: [`aws:${module}/cluster:Cluster`],
    config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
    requirements: databaseRequirements({ subject: "cluster", keyField, defaultRetentionDays: 1 }),
  });
}
