import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { sqlInstanceBackupLocation, sqlInstancePrivateTls, sqlInstanceProtected } from "./sql";

const backups = {
  enabled: true,
  pointInTimeRecoveryEnabled: true,
  backupRetentionSettings: { retainedBackups: 14 },
  transactionLogRetentionDays: 7,
};
const ip = { ipv4Enabled: false, privateNetwork: "projects/p/global/networks/n", sslMode: "ENCRYPTED_ONLY" };
const settings = {
  tier: "db-custom-2-7680",
  deletionProtectionEnabled: true,
  backupConfiguration: backups,
  ipConfiguration: ip,
};
const instance = (
  props: Record<string, unknown>,
  s: Record<string, unknown> = {},
  b: Record<string, unknown> = {},
): KitResource => ({
  type: "gcp:sql/databaseInstance:DatabaseInstance",
  name: "db",
  props: {
    databaseVersion: "POSTGRES_16",
    encryptionKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
    settings: { ...settings, ...s, backupConfiguration: { ...backups, ...b } },
    ...props,
  },
});
const mysql = (b: Record<string, unknown>) =>
  instance(
    { databaseVersion: "MYSQL_8_0" },
    {},
    { pointInTimeRecoveryEnabled: undefined, binaryLogEnabled: true, ...b },
  );
const replica = (s: Record<string, unknown>) =>
  instance({ masterInstanceName: UNKNOWN }, { backupConfiguration: undefined, ...s });

describeRule(sqlInstanceProtected, {
  baseline: hipaa,
  compliant: [
    instance({}),
    instance({ deletionProtection: true }),
    mysql({}),
    instance(
      {},
      {},
      {
        backupRetentionSettings: { retainedBackups: 7, retentionUnit: "COUNT" },
        transactionLogRetentionDays: undefined,
      },
    ),
    instance({}, {}, { backupRetentionSettings: undefined, transactionLogRetentionDays: 7 }),
    // Read replicas take no backups of their own.
    {
      ...replica({}),
      props: { ...replica({}).props, settings: { tier: "db-f1-micro", deletionProtectionEnabled: true } },
    },
    // A key created in the same preview: present is enough.
    instance({ encryptionKeyName: UNKNOWN }),
  ],
  requirements: {
    "customer-key": {
      violating: [instance({ encryptionKeyName: undefined })],
      unknown: [],
      decidedWhenUnknown: [instance({ encryptionKeyName: UNKNOWN })],
    },
    "deletion-protection": {
      violating: [instance({ deletionProtection: false })],
      unknown: [instance({ deletionProtection: UNKNOWN })],
    },
    "api-deletion-protection": {
      violating: [
        instance({}, { deletionProtectionEnabled: false }),
        instance({}, { deletionProtectionEnabled: undefined }),
      ],
      unknown: [instance({}, { deletionProtectionEnabled: UNKNOWN })],
    },
    "backups-enabled": {
      violating: [instance({}, {}, { enabled: false }), instance({}, {}, { enabled: undefined })],
      unknown: [instance({}, {}, { enabled: UNKNOWN })],
    },
    "point-in-time-recovery": {
      violating: [
        instance({}, {}, { pointInTimeRecoveryEnabled: false }),
        instance(
          { databaseVersion: "SQLSERVER_2022_STANDARD" },
          {},
          { pointInTimeRecoveryEnabled: undefined },
        ),
        mysql({ binaryLogEnabled: false }),
        // MySQL recovers to a point in time from binary logs, not the PostgreSQL flag.
        mysql({ binaryLogEnabled: undefined, pointInTimeRecoveryEnabled: true }),
      ],
      unknown: [
        instance({}, {}, { pointInTimeRecoveryEnabled: UNKNOWN }),
        instance({ databaseVersion: UNKNOWN }),
      ],
    },
    "backup-retention": {
      violating: [
        instance({}, {}, { backupRetentionSettings: { retainedBackups: 3 }, transactionLogRetentionDays: 6 }),
        // Absent settings are not assumed: the retention must be stated.
        instance({}, {}, { backupRetentionSettings: undefined, transactionLogRetentionDays: undefined }),
        instance({}, {}, { backupRetentionSettings: {}, transactionLogRetentionDays: undefined }),
        instance(
          {},
          {},
          {
            backupRetentionSettings: { retainedBackups: 30, retentionUnit: "DAYS" },
            transactionLogRetentionDays: undefined,
          },
        ),
        { resources: [instance({})], config: { minBackupRetentionDays: 30 } },
      ],
      compliant: [
        {
          resources: [instance({}, {}, { backupRetentionSettings: { retainedBackups: 30 } })],
          config: { minBackupRetentionDays: 30 },
        },
      ],
      unknown: [instance({}, {}, { backupRetentionSettings: UNKNOWN })],
    },
  },
});

describeRule(sqlInstancePrivateTls, {
  baseline: hipaa,
  compliant: [
    instance({}),
    instance({}, { ipConfiguration: { ...ip, sslMode: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" } }),
    // The private network is created in the same preview.
    instance({}, { ipConfiguration: { ...ip, privateNetwork: UNKNOWN } }),
  ],
  requirements: {
    "no-public-ip": {
      violating: [
        instance({}, { ipConfiguration: { ...ip, ipv4Enabled: true } }),
        // The d.ts documents no default for ipv4Enabled, so it must be stated.
        instance({}, { ipConfiguration: { ...ip, ipv4Enabled: undefined } }),
      ],
      unknown: [instance({}, { ipConfiguration: { ...ip, ipv4Enabled: UNKNOWN } })],
    },
    "tls-only": {
      violating: [
        instance({}, { ipConfiguration: { ...ip, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } }),
        instance({}, { ipConfiguration: { ...ip, sslMode: undefined } }),
      ],
      unknown: [instance({}, { ipConfiguration: { ...ip, sslMode: UNKNOWN } })],
    },
  },
});

describeRule(sqlInstanceBackupLocation, {
  baseline: gdpr,
  compliant: [
    instance({ region: "europe-west3" }, {}, { location: "europe-west3" }),
    instance({ region: "europe-west3" }, {}, { location: "EUROPE-NORTH2" }),
  ],
  requirements: {
    "backup-location": {
      violating: [
        instance({ region: "europe-west3" }, {}, { location: "us-central1" }),
        // Backups in the EU multi-region pass only when allowedRegions names it.
        {
          resources: [instance({ region: "europe-west3" }, {}, { location: "eu" })],
          config: { allowedRegions: ["europe-west3"] },
        },
        instance({ region: "europe-west3" }),
      ],
      compliant: [
        { resources: [instance({}, {}, { location: "EU" })], config: { allowedRegions: ["eu"] } },
        { resources: [instance({})], config: { allowedRegions: "any" } },
      ],
      unknown: [instance({}, {}, { location: UNKNOWN })],
      outOfScope: [instance({ masterInstanceName: "primary" })],
    },
  },
});
