/**
 * Azure Database for MySQL flexible server rules (azure-native v3 dbformysql, API 2024-02-01-preview): network exposure,
 * customer keys and TLS. That API version's defaults: public access on unless the server sits in a
 * delegated subnet, system-managed keys, and the server parameters require_secure_transport (ON) and tls_version
 * (TLSv1.2), so only a Configuration that loosens them is a finding.
 */
import type * as dbformysql from "@pulumi/azure-native/dbformysql";
import { resourceRule, type Props } from "../../rule";

type Server = Props<dbformysql.ServerArgs>;
type Configuration = Props<dbformysql.ConfigurationArgs>;
const SERVER = "azure-native:dbformysql:Server";
const CONFIGURATION = "azure-native:dbformysql:Configuration";

export const mysqlServerPrivate = resourceRule({
  id: "azure-dbformysql-server-private",
  description: "MySQL flexible servers are reachable only from private networks",
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

export const mysqlServerCmk = resourceRule({
  id: "azure-dbformysql-server-cmk",
  description: "MySQL flexible servers encrypt data with a customer-managed key",
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

export const mysqlConfigurationTls = resourceRule({
  id: "azure-dbformysql-configuration-tls",
  description: "MySQL server parameters keep TLS required, at 1.2 or newer",
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
      description: "tls_version admits no TLS older than 1.2",
      remediation: 'Set tls_version "TLSv1.2" (or "TLSv1.3"), or remove the Configuration.',
      check: (props: Configuration) =>
        is(props, "tls_version") &&
        String(props.value)
          .split(",")
          .some((v) => OLD_TLS.includes(v.trim()))
          ? ["this server parameter admits TLS older than 1.2 (value)"]
          : [],
    },
  ],
});
