/** Cloud SQL rules. */
import type * as sql from "@pulumi/gcp/sql";
import { resourceRule } from "../../rule";
import type { Props } from "./props";

/**
 * Cloud SQL instances: automated backups with point-in-time recovery kept for the baseline's period,
 * deletion protection in Pulumi and in the API, and a customer-managed key. Read replicas take no
 * backups of their own, so only the key and deletion protection apply to them.
 */
export const sqlInstanceProtected = (minBackupRetentionDays: number) =>
  resourceRule({
    id: "gcp-sql-instance-protected",
    description:
      "Cloud SQL instances keep automated backups with point-in-time recovery, have deletion protection and encrypt with a customer key",
    target: "gcp",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    config: { minBackupRetentionDays: { type: "integer", minimum: 1, default: minBackupRetentionDays } },
    check: (props: Props<sql.DatabaseInstanceArgs>, _args, config) => {
      const problems: string[] = [];
      if (!("encryptionKeyName" in props))
        problems.push("encryptionKeyName must name a Cloud KMS key (CMEK)");
      // The provider's own flag defaults to true; only an explicit false turns it off.
      if (props.deletionProtection === false) problems.push("deletionProtection must not be false");
      const settings = props.settings ?? {};
      if (settings.deletionProtectionEnabled !== true)
        problems.push(
          "settings.deletionProtectionEnabled must be true (protects the instance outside Pulumi too)",
        );
      if ("masterInstanceName" in props) return problems;
      const backup = settings.backupConfiguration ?? {};
      if (backup.enabled !== true) problems.push("settings.backupConfiguration.enabled must be true");
      // MySQL recovers to a point in time from binary logs; PostgreSQL and SQL Server have their own flag.
      if (String(props.databaseVersion).startsWith("MYSQL")) {
        if (backup.binaryLogEnabled !== true)
          problems.push(
            "settings.backupConfiguration.binaryLogEnabled must be true (MySQL point-in-time recovery)",
          );
      } else if (backup.pointInTimeRecoveryEnabled !== true) {
        problems.push("settings.backupConfiguration.pointInTimeRecoveryEnabled must be true");
      }
      const retention = backup.backupRetentionSettings;
      // Automated backups are daily, so a count of retained backups is a number of days.
      const retained =
        retention !== undefined && String(retention.retentionUnit ?? "COUNT") === "COUNT"
          ? Number(retention.retainedBackups)
          : 0;
      const logs =
        backup.transactionLogRetentionDays === undefined ? 0 : Number(backup.transactionLogRetentionDays);
      const min = Number(config.minBackupRetentionDays);
      if (Math.max(retained, logs) < min)
        problems.push(
          `settings.backupConfiguration keeps ${Math.max(retained, logs)} days (backupRetentionSettings.retainedBackups, transactionLogRetentionDays), below ${min}`,
        );
      return problems;
    },
  });

const TLS_ONLY = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

export const sqlInstancePrivateTls = resourceRule({
  id: "gcp-sql-instance-private-tls",
  description: "Cloud SQL instances have no public IPv4 address and accept only TLS connections",
  target: "gcp",
  types: ["gcp:sql/databaseInstance:DatabaseInstance"],
  check: (props: Props<sql.DatabaseInstanceArgs>) => {
    const ip = props.settings?.ipConfiguration ?? {};
    return [
      // Stated explicitly: the d.ts gives no default for ipv4Enabled, so absent is not taken as off.
      ...(ip.ipv4Enabled === false ? [] : ["settings.ipConfiguration.ipv4Enabled must be false"]),
      ...(TLS_ONLY.includes(String(ip.sslMode))
        ? []
        : [`settings.ipConfiguration.sslMode must be one of ${TLS_ONLY.join(", ")}`]),
    ];
  },
});
