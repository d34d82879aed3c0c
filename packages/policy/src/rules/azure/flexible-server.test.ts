import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  mysqlConfigurationTls,
  mysqlServerCmk,
  mysqlServerGeoBackupRegion,
  mysqlServerPrivate,
} from "./dbformysql";
import {
  postgresConfigurationTls,
  postgresServerCmk,
  postgresServerGeoBackupRegion,
  postgresServerPrivate,
} from "./dbforpostgresql";

// The same cases for both services: only the type tokens, the server version and the TLS parameter differ.
const services = [
  {
    module: "dbformysql",
    version: "8.0.21",
    tlsParameter: "tls_version",
    rules: {
      serverPrivate: mysqlServerPrivate,
      serverCmk: mysqlServerCmk,
      configurationTls: mysqlConfigurationTls,
      serverGeoBackupRegion: mysqlServerGeoBackupRegion,
    },
  },
  {
    module: "dbforpostgresql",
    version: "16",
    tlsParameter: "ssl_min_protocol_version",
    rules: {
      serverPrivate: postgresServerPrivate,
      serverCmk: postgresServerCmk,
      configurationTls: postgresConfigurationTls,
      serverGeoBackupRegion: postgresServerGeoBackupRegion,
    },
  },
];

for (const { module, version, tlsParameter, rules } of services) {
  const server = (props: Record<string, unknown>): KitResource => ({
    type: `azure-native:${module}:Server`,
    name: "db",
    props: {
      resourceGroupName: "rg",
      version,
      network: { publicNetworkAccess: "Disabled" },
      dataEncryption: {
        type: "AzureKeyVault",
        primaryKeyURI: UNKNOWN,
        primaryUserAssignedIdentityId: UNKNOWN,
      },
      ...props,
    },
  });
  const parameter = (configurationName: unknown, value: unknown): KitResource => ({
    type: `azure-native:${module}:Configuration`,
    name: "param",
    props: {
      resourceGroupName: "rg",
      serverName: UNKNOWN,
      configurationName,
      value,
      source: "user-override",
    },
  });

  describeRule(rules.serverPrivate, {
    baseline: hipaa,
    compliant: [
      server({}),
      server({ network: { delegatedSubnetResourceId: UNKNOWN, privateDnsZone: UNKNOWN } }),
    ],
    requirements: {
      "no-public-network": {
        violating: [server({ network: { publicNetworkAccess: "Enabled" } }), server({ network: undefined })],
        unknown: [server({ network: { publicNetworkAccess: UNKNOWN } })],
      },
    },
  });

  describeRule(rules.serverCmk, {
    baseline: hipaa,
    compliant: [server({})],
    requirements: {
      "customer-key": {
        violating: [
          server({ dataEncryption: undefined }),
          server({ dataEncryption: { type: "SystemManaged" } }),
          server({
            dataEncryption: { type: "SystemManaged", primaryKeyURI: "https://kv.vault.azure.net/keys/k" },
          }),
          server({ dataEncryption: { type: "AzureKeyVault" } }),
        ],
        unknown: [server({ dataEncryption: { type: UNKNOWN, primaryKeyURI: "u" } })],
      },
    },
  });

  describeRule(rules.configurationTls, {
    baseline: hipaa,
    compliant: [
      parameter("require_secure_transport", "ON"),
      parameter(tlsParameter, "TLSv1.2"),
      parameter(tlsParameter, "TLSv1.2,TLSv1.3"),
      parameter("max_connections", "off"),
      parameter("log_connections", "TLSv1"),
    ],
    requirements: {
      "secure-transport": {
        violating: [
          parameter("require_secure_transport", "OFF"),
          parameter("REQUIRE_SECURE_TRANSPORT", "off"),
        ],
        unknown: [parameter("require_secure_transport", UNKNOWN)],
      },
      "minimum-tls": {
        violating: [
          parameter(tlsParameter, "TLSv1"),
          parameter(tlsParameter, "TLSv1.1"),
          parameter(tlsParameter, "TLSv1.2, TLSv1.1"),
          parameter(tlsParameter, "tlsv1.1"),
        ],
        unknown: [parameter(tlsParameter, UNKNOWN)],
      },
    },
  });

  const geoBackup = (geoRedundantBackup: unknown, location: unknown = "westeurope") =>
    server({ location, backup: { backupRetentionDays: 7, geoRedundantBackup } });

  describeRule(rules.serverGeoBackupRegion, {
    baseline: gdpr,
    compliant: [geoBackup("Enabled"), geoBackup("Disabled", "eastus"), server({ location: "italynorth" })],
    requirements: {
      "paired-region-allowed": {
        violating: [
          geoBackup("Enabled", "uksouth"),
          // No pair to hold the copy.
          geoBackup("Enabled", "polandcentral"),
          { resources: [geoBackup("Enabled", "northeurope")], config: { allowedRegions: ["northeurope"] } },
        ],
        unknown: [geoBackup("Enabled", UNKNOWN), geoBackup(UNKNOWN)],
        decidedWhenUnknown: [geoBackup("Disabled", UNKNOWN)],
      },
    },
  });
}
