/** Cloud SQL rules (gcp v9 sql). */
import type * as sql from "@pulumi/gcp/sql";
import { baselineSetting, resourceRule, type Props } from "../../rule";
import { allowedRegionsSetting } from "../residency";
import { locationFindings } from "./residency";

type DatabaseInstance = Props<sql.DatabaseInstanceArgs>;

/** Read replicas take no backups of their own. */
const replica = (props: DatabaseInstance) => "masterInstanceName" in props;
const backup = (props: DatabaseInstance): Record<string, any> => props.settings?.backupConfiguration ?? {};

/**
 * Cloud SQL instances: automated backups with point-in-time recovery kept for the baseline's period,
 * deletion protection in Pulumi and in the API, and a customer-managed key. Read replicas take no backups
 * of their own, so only the key and deletion protection apply to them.
 */
export const sqlInstanceProtected = resourceRule({
  id: "gcp-sql-instance-protected",
  description:
    "Cloud SQL instances keep automated backups with point-in-time recovery, have deletion protection and encrypt with a customer key",
  target: "gcp",
  types: ["gcp:sql/databaseInstance:DatabaseInstance"],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", { type: "integer", minimum: 1 }),
  },
  requirements: [
    {
      id: "customer-key",
      description: "The instance is encrypted with a Cloud KMS key (CMEK)",
      remediation: "Set encryptionKeyName to a Cloud KMS key (it can only be set at creation).",
      check: (props: DatabaseInstance) =>
        "encryptionKeyName" in props ? [] : ["encryptionKeyName names no Cloud KMS key"],
    },
    {
      id: "deletion-protection",
      description: "Pulumi refuses to delete the instance (the provider's flag, true by default)",
      remediation: "Leave deletionProtection unset or true.",
      check: (props: DatabaseInstance) =>
        props.deletionProtection === false ? ["deletionProtection is false"] : [],
    },
    {
      id: "api-deletion-protection",
      description: "The Cloud SQL API refuses to delete the instance, whoever asks",
      remediation: "Set settings.deletionProtectionEnabled: true.",
      check: (props: DatabaseInstance) =>
        props.settings?.deletionProtectionEnabled === true
          ? []
          : ["settings.deletionProtectionEnabled is not true"],
    },
    {
      id: "backups-enabled",
      description: "Automated backups are on (primary instances)",
      remediation: "Set settings.backupConfiguration.enabled: true.",
      check: (props: DatabaseInstance) =>
        replica(props) || backup(props).enabled === true
          ? []
          : ["settings.backupConfiguration.enabled is not true"],
    },
    {
      id: "point-in-time-recovery",
      description:
        "Point-in-time recovery is on (primary instances): binary logs on MySQL, pointInTimeRecoveryEnabled on PostgreSQL and SQL Server",
      remediation:
        "Set settings.backupConfiguration.binaryLogEnabled (MySQL) or pointInTimeRecoveryEnabled (PostgreSQL, SQL Server) true.",
      check: (props: DatabaseInstance) => {
        if (replica(props)) return [];
        if (String(props.databaseVersion).startsWith("MYSQL"))
          return backup(props).binaryLogEnabled === true
            ? []
            : ["settings.backupConfiguration.binaryLogEnabled is not true"];
        return backup(props).pointInTimeRecoveryEnabled === true
          ? []
          : ["settings.backupConfiguration.pointInTimeRecoveryEnabled is not true"];
      },
    },
    {
      id: "backup-retention",
      description:
        "Backups (retainedBackups, daily) or transaction logs are kept at least minBackupRetentionDays (primary instances; absent settings are not assumed)",
      remediation:
        "Set settings.backupConfiguration.backupRetentionSettings.retainedBackups (or transactionLogRetentionDays) to at least minBackupRetentionDays.",
      check: (props: DatabaseInstance, { config }) => {
        if (replica(props)) return [];
        const b = backup(props);
        const retention = b.backupRetentionSettings;
        // Automated backups are daily, so a count of retained backups is a number of days.
        const retained =
          retention !== undefined && String(retention.retentionUnit ?? "COUNT") === "COUNT"
            ? Number(retention.retainedBackups ?? 0)
            : 0;
        const logs = Number(b.transactionLogRetentionDays ?? 0);
        const min = Number(config.minBackupRetentionDays);
        return Math.max(retained, logs) < min
          ? [
              `settings.backupConfiguration keeps backups (backupRetentionSettings.retainedBackups, transactionLogRetentionDays) fewer days than minBackupRetentionDays ${min}`,
            ]
          : [];
      },
    },
  ],
});

const TLS_ONLY = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];
const ipConfiguration = (props: DatabaseInstance): Record<string, any> =>
  props.settings?.ipConfiguration ?? {};

export const sqlInstancePrivateTls = resourceRule({
  id: "gcp-sql-instance-private-tls",
  description: "Cloud SQL instances have no public IPv4 address and accept only TLS connections",
  target: "gcp",
  types: ["gcp:sql/databaseInstance:DatabaseInstance"],
  requirements: [
    {
      id: "no-public-ip",
      description: "The instance has no public IPv4 address (stated as ipv4Enabled false)",
      remediation: "Set settings.ipConfiguration.ipv4Enabled: false with a privateNetwork.",
      // Stated explicitly: the d.ts gives no default for ipv4Enabled, so absent is not taken as off.
      check: (props: DatabaseInstance) =>
        ipConfiguration(props).ipv4Enabled === false
          ? []
          : ["settings.ipConfiguration.ipv4Enabled is not false"],
    },
    {
      id: "tls-only",
      description: "Only TLS connections are accepted",
      remediation:
        'Set settings.ipConfiguration.sslMode "ENCRYPTED_ONLY" (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED").',
      check: (props: DatabaseInstance) =>
        TLS_ONLY.includes(String(ipConfiguration(props).sslMode))
          ? []
          : ["settings.ipConfiguration.sslMode does not require TLS"],
    },
  ],
});

/**
 * Where Cloud SQL keeps backups: `settings.backupConfiguration.location`. Unset, Cloud SQL stores them
 * in the multi-region closest to the instance (gcloud sql backups create --location), which an input
 * cannot name, so an unset location passes only when every region is allowed.
 */
export const sqlInstanceBackupLocation = resourceRule({
  id: "gcp-sql-instance-backup-location",
  description: "Cloud SQL instances keep their backups in an allowed region",
  target: "gcp",
  types: ["gcp:sql/databaseInstance:DatabaseInstance"],
  config: { allowedRegions: allowedRegionsSetting("gcp") },
  requirements: [
    {
      id: "backup-location",
      description:
        "settings.backupConfiguration.location names an allowed region or multi-region (unset, Cloud SQL picks the multi-region closest to the instance)",
      remediation: "Set settings.backupConfiguration.location to a region in allowedRegions.",
      outOfScope: (props: DatabaseInstance) =>
        replica(props) ? "a read replica takes no backups of its own" : undefined,
      check: (props: DatabaseInstance, { config }) => {
        if ("location" in backup(props))
          return locationFindings("settings.backupConfiguration.location", backup(props).location, config);
        return config.allowedRegions === "any"
          ? []
          : [
              "settings.backupConfiguration.location is not set, so Cloud SQL picks the multi-region closest to the instance",
            ];
      },
    },
  ],
});
