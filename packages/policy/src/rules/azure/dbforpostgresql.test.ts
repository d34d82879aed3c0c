import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { postgresConfigurationTls, postgresServerCmk, postgresServerPrivate } from "./dbforpostgresql";

const server = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:dbforpostgresql:Server",
  name: "db",
  props: {
    resourceGroupName: "rg",
    version: "16",
    network: { publicNetworkAccess: "Disabled" },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: UNKNOWN, primaryUserAssignedIdentityId: UNKNOWN },
    ...props,
  },
});
const parameter = (configurationName: unknown, value: unknown): KitResource => ({
  type: "azure-native:dbforpostgresql:Configuration",
  name: "param",
  props: { resourceGroupName: "rg", serverName: UNKNOWN, configurationName, value, source: "user-override" },
});

describeRule(postgresServerPrivate, {
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

describeRule(postgresServerCmk, {
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

describeRule(postgresConfigurationTls, {
  baseline: hipaa,
  compliant: [
    parameter("require_secure_transport", "ON"),
    parameter("ssl_min_protocol_version", "TLSv1.2"),
    parameter("ssl_min_protocol_version", "TLSv1.2,TLSv1.3"),
    parameter("max_connections", "off"),
    parameter("log_connections", "TLSv1"),
  ],
  requirements: {
    "secure-transport": {
      violating: [parameter("require_secure_transport", "OFF"), parameter("REQUIRE_SECURE_TRANSPORT", "off")],
      unknown: [parameter("require_secure_transport", UNKNOWN)],
    },
    "minimum-tls": {
      violating: [
        parameter("ssl_min_protocol_version", "TLSv1"),
        parameter("ssl_min_protocol_version", "TLSv1.1"),
        parameter("ssl_min_protocol_version", "TLSv1.2, TLSv1.1"),
      ],
      unknown: [parameter("ssl_min_protocol_version", UNKNOWN)],
    },
  },
});
