/**
 * Azure Database for PostgreSQL flexible server rules (azure-native v3 dbforpostgresql, API 2025-08-01): network exposure,
 * customer keys and TLS. That API version's defaults: public access on unless the server sits in a
 * delegated subnet, system-managed keys, and the server parameters require_secure_transport (ON) and ssl_min_protocol_version
 * (TLSv1.2), so only a Configuration that loosens them is a finding.
 */
import type * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import { resourceRule, type Props } from "../../rule";

type Server = Props<dbforpostgresql.ServerArgs>;
type Configuration = Props<dbforpostgresql.ConfigurationArgs>;
const SERVER = "azure-native:dbforpostgresql:Server";
const CONFIGURATION = "azure-native:dbforpostgresql:Configuration";

export const postgresServerPrivate = resourceRule({
  id: "azure-dbforpostgresql-server-private",
  description: "PostgreSQL flexible servers are reachable only from private networks",
  target: "azure",
  types: [SERVER],
  requirements: [
    {
      id: "no-public-network",
      description:
        "network.publicNetworkAccess is Disabled, or the server is injected into a delegated subnet (public access is on by default)",
      remediation:
        'Set network.publicNetworkAccess "Disabled" with a private endpoint, or network.delegatedSubnetResourceId.',
      check: (props: Server) => {
        const network = props.network ?? {};
        return network.publicNetworkAccess === "Disabled" || "delegatedSubnetResourceId" in network
          ? []
          : ["network.publicNetworkAccess is not Disabled and the server is in no delegated subnet"];
      },
    },
  ],
});

export const postgresServerCmk = resourceRule({
  id: "azure-dbforpostgresql-server-cmk",
  description: "PostgreSQL flexible servers encrypt data with a customer-managed key",
  target: "azure",
  types: [SERVER],
  requirements: [
    {
      id: "customer-key",
      description:
        'dataEncryption.type is "AzureKeyVault" with primaryKeyURI naming the key (the default is system-managed)',
      remediation:
        'Set dataEncryption.type "AzureKeyVault", primaryKeyURI and primaryUserAssignedIdentityId (and the user-assigned identity).',
      check: (props: Server) => {
        const encryption = props.dataEncryption ?? {};
        return encryption.type === "AzureKeyVault" && "primaryKeyURI" in encryption
          ? []
          : ["dataEncryption names no customer-managed key (type, primaryKeyURI)"];
      },
    },
  ],
});

const OLD_TLS = ["TLSv1", "TLSv1.1"];
const is = (props: Configuration, name: string) => String(props.configurationName).toLowerCase() === name;

export const postgresConfigurationTls = resourceRule({
  id: "azure-dbforpostgresql-configuration-tls",
  description: "PostgreSQL server parameters keep TLS required, at 1.2 or newer",
  target: "azure",
  types: [CONFIGURATION],
  requirements: [
    {
      id: "secure-transport",
      description: "require_secure_transport is not turned off",
      remediation: "Remove the Configuration that sets require_secure_transport OFF (it defaults to ON).",
      check: (props: Configuration) =>
        is(props, "require_secure_transport") && String(props.value).toLowerCase() === "off"
          ? ["this server parameter turns secure transport off (value)"]
          : [],
    },
    {
      id: "minimum-tls",
      description: "ssl_min_protocol_version admits no TLS older than 1.2",
      remediation: 'Set ssl_min_protocol_version "TLSv1.2" (or "TLSv1.3"), or remove the Configuration.',
      check: (props: Configuration) =>
        is(props, "ssl_min_protocol_version") &&
        String(props.value)
          .split(",")
          .some((v) => OLD_TLS.includes(v.trim()))
          ? ["this server parameter admits TLS older than 1.2 (value)"]
          : [],
    },
  ],
});
