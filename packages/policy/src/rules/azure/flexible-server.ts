/**
 * The rules Azure Database for MySQL and for PostgreSQL flexible servers share (azure-native v3 dbformysql and
 * dbforpostgresql): network exposure, customer keys, TLS and where geo-redundant backups go. Both services'
 * Server has the same network, dataEncryption and backup shape, and both defaults are the same: public access
 * on unless the server sits in a delegated subnet, system-managed keys, backups kept in the server's region
 * (geoRedundantBackup Disabled), and server parameters that require secure transport at TLS 1.2, so only a
 * Configuration that loosens them is a finding. What differs (the type tokens, the engine's name and the
 * parameter that sets the minimum TLS version) is the service's to say, in its own file.
 */
import type * as dbformysql from "@pulumi/azure-native/dbformysql";
import type * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import { resourceRule, stackRule, type Props } from "../../rule";
import { allowedRegionsSetting } from "../residency";
import { azurePlacement, geoCopyFindings } from "./residency";

// A union, so a check reads only the properties both services' SDK types have.
type Server = Props<dbformysql.ServerArgs> | Props<dbforpostgresql.ServerArgs>;
type Configuration = Props<dbformysql.ConfigurationArgs> | Props<dbforpostgresql.ConfigurationArgs>;

export interface FlexibleServerService {
  /** The azure-native module, which names the type tokens and the rule ids: `dbformysql`. */
  module: "dbformysql" | "dbforpostgresql";
  /** The engine, as descriptions name it: `MySQL`. */
  engine: string;
  /** The server parameter that sets the oldest TLS version admitted: `tls_version`. */
  tlsParameter: string;
}

// Lower case: both engines take protocol names in any case (PostgreSQL's enum parameters, MySQL's tls_version).
const OLD_TLS = ["tlsv1", "tlsv1.1"];
const is = (props: Configuration, name: string) => String(props.configurationName).toLowerCase() === name;

/** The three rules of one flexible server service, their ids `azure-<module>-server-private` and so on. */
export function flexibleServerRules({ module, engine, tlsParameter }: FlexibleServerService) {
  const SERVER = `azure-native:${module}:Server`;
  const CONFIGURATION = `azure-native:${module}:Configuration`;

  const serverPrivate = resourceRule({
    id: `azure-${module}-server-private`,
    description: `${engine} flexible servers are reachable only from private networks`,
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

  const serverCmk = resourceRule({
    id: `azure-${module}-server-cmk`,
    description: `${engine} flexible servers encrypt data with a customer-managed key`,
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

  const configurationTls = resourceRule({
    id: `azure-${module}-configuration-tls`,
    description: `${engine} server parameters keep TLS required, at 1.2 or newer`,
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
        description: `${tlsParameter} admits no TLS older than 1.2`,
        remediation: `Set ${tlsParameter} "TLSv1.2" (or "TLSv1.3"), or remove the Configuration.`,
        check: (props: Configuration) =>
          is(props, tlsParameter) &&
          String(props.value)
            .split(",")
            .some((v) => OLD_TLS.includes(v.trim().toLowerCase()))
            ? ["this server parameter admits TLS older than 1.2 (value)"]
            : [],
      },
    ],
  });

  // A stack rule: the server's location may come from its resource group (see ./residency).
  const serverGeoBackupRegion = stackRule({
    id: `azure-${module}-server-geo-backup-region`,
    description: `${engine} flexible servers keep geo-redundant backups in an allowed region`,
    target: "azure",
    types: [SERVER],
    config: { allowedRegions: allowedRegionsSetting("azure") },
    requirements: [
      {
        id: "paired-region-allowed",
        description:
          "With backup.geoRedundantBackup Enabled (it defaults to Disabled), the server's location has a paired region, where Azure keeps the backup copy, in allowedRegions",
        remediation:
          'Set backup.geoRedundantBackup "Disabled", or place the server where the paired region is allowed.',
        check: (props: Server, context) =>
          props.backup?.geoRedundantBackup === "Enabled"
            ? geoCopyFindings(azurePlacement(props, context), context.config)
            : [],
      },
    ],
  });

  return { serverPrivate, serverCmk, configurationTls, serverGeoBackupRegion };
}
