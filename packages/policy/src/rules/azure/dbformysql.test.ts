import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { mysqlConfigurationTls, mysqlServerCmk, mysqlServerPrivate } from "./dbformysql";

const server = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:dbformysql:Server",
  name: "db",
  props: {
    resourceGroupName: "rg",
    version: "8.0.21",
    network: { publicNetworkAccess: "Disabled" },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: UNKNOWN, primaryUserAssignedIdentityId: UNKNOWN },
    ...props,
  },
});
const parameter = (configurationName: unknown, value: unknown): KitResource => ({
  type: "azure-native:dbformysql:Configuration",
  name: "param",
  props: { resourceGroupName: "rg", serverName: UNKNOWN, configurationName, value, source: "user-override" },
});

describeRule(mysqlServerPrivate, {
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

describeRule(mysqlServerCmk, {
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

describeRule(mysqlConfigurationTls, {
  baseline: hipaa,
  compliant: [
    parameter("require_secure_transport", "ON"),
    parameter("tls_version", "TLSv1.2"),
    parameter("tls_version", "TLSv1.2,TLSv1.3"),
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
        parameter("tls_version", "TLSv1"),
        parameter("tls_version", "TLSv1.1"),
        parameter("tls_version", "TLSv1.2, TLSv1.1"),
      ],
      unknown: [parameter("tls_version", UNKNOWN)],
    },
  },
});
