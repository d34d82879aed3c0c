/**
 * Azure SQL rules (azure-native v3 sql, API 2023-08-01): logical servers, managed instances and where their
 * backups are copied. That API version documents no default minimal TLS version, so an omitted one is a
 * finding; the managed instance's public data endpoint is off by default, platform keys and SQL logins are
 * the defaults.
 */
import type * as sql from "@pulumi/azure-native/sql";
import { resourceRule, stackRule, type Props } from "../../rule";
import { allowedRegionsSetting } from "../residency";
import { azurePlacement, geoCopyFindings } from "./residency";

type Server = Props<sql.ServerArgs>;
type ManagedInstance = Props<sql.ManagedInstanceArgs>;
const SERVER = "azure-native:sql:Server";
const MANAGED_INSTANCE = "azure-native:sql:ManagedInstance";

export const sqlServerSecure = resourceRule({
  id: "azure-sql-server-secure",
  description: "Azure SQL servers refuse public network access and take TLS 1.2 or later only",
  target: "azure",
  types: [SERVER],
  requirements: [
    {
      id: "no-public-network",
      description: "The server refuses connections from public networks",
      remediation: 'Set publicNetworkAccess "Disabled" and reach the server through a private endpoint.',
      check: (props: Server) =>
        props.publicNetworkAccess === "Disabled" ? [] : ["publicNetworkAccess is not Disabled"],
    },
    {
      id: "minimum-tls",
      description: "Connections need TLS 1.2 or newer",
      remediation: 'Set minimalTlsVersion "1.2" (or "1.3").',
      check: (props: Server) =>
        ["1.2", "1.3"].includes(props.minimalTlsVersion) ? [] : ["minimalTlsVersion is not 1.2 or newer"],
    },
  ],
});

export const sqlManagedInstanceSecure = resourceRule({
  id: "azure-sql-managed-instance-secure",
  description: "SQL managed instances keep the public data endpoint closed and take TLS 1.2 or later only",
  target: "azure",
  types: [MANAGED_INSTANCE],
  requirements: [
    {
      id: "no-public-endpoint",
      description: "The public data endpoint is off (publicDataEndpointEnabled defaults to false)",
      remediation:
        "Remove publicDataEndpointEnabled: true; reach the instance from its virtual network or a private endpoint.",
      check: (props: ManagedInstance) =>
        props.publicDataEndpointEnabled === true ? ["publicDataEndpointEnabled is true"] : [],
    },
    {
      id: "minimum-tls",
      description: "Connections need TLS 1.2 or newer",
      remediation: 'Set minimalTlsVersion "1.2".',
      check: (props: ManagedInstance) =>
        ["1.2", "1.3"].includes(props.minimalTlsVersion) ? [] : ["minimalTlsVersion is not 1.2 or newer"],
    },
  ],
});

export const sqlCmk = resourceRule({
  id: "azure-sql-server-cmk",
  description: "Azure SQL servers and managed instances encrypt data (TDE) with a customer-managed key",
  target: "azure",
  types: [SERVER, MANAGED_INSTANCE],
  requirements: [
    {
      id: "customer-key",
      description:
        "keyId names a Key Vault key for transparent data encryption (the default is a service-managed key)",
      remediation:
        "Set keyId to a Key Vault key and primaryUserAssignedIdentityId to an identity that may use it.",
      check: (props: Server | ManagedInstance) =>
        "keyId" in props ? [] : ["keyId names no customer-managed key"],
    },
  ],
});

export const sqlIdentityAuth = resourceRule({
  id: "azure-sql-server-identity-auth",
  description:
    "Azure SQL servers and managed instances accept Microsoft Entra identities only, not SQL logins",
  target: "azure",
  types: [SERVER, MANAGED_INSTANCE],
  requirements: [
    {
      id: "entra-only",
      description: "administrators.azureADOnlyAuthentication is true (SQL authentication is on by default)",
      remediation:
        "Set administrators (an Entra group as login) with azureADOnlyAuthentication: true, and drop administratorLoginPassword.",
      check: (props: Server | ManagedInstance) =>
        props.administrators?.azureADOnlyAuthentication === true
          ? []
          : ["administrators.azureADOnlyAuthentication is not true"],
    },
  ],
});

/** Backup redundancies that keep no copy outside the database's own region. */
const LOCAL_BACKUPS = ["Local", "Zone"];

/**
 * Judged on the stack: a database's location usually comes from its resource group (see ./residency).
 * Azure SQL keeps backups geo-redundant, in the paired region, unless told otherwise (Microsoft, "Configuring
 * backup storage redundancy in Azure SQL": "By default, storage is geo-replicated to a paired region").
 */
export const sqlBackupGeoCopyRegion = stackRule({
  id: "azure-sql-backup-geo-copy-region",
  description: "Azure SQL databases and managed instances keep backup copies in allowed regions",
  target: "azure",
  types: ["azure-native:sql:Database", MANAGED_INSTANCE],
  config: { allowedRegions: allowedRegionsSetting("azure") },
  requirements: [
    {
      id: "paired-region-allowed",
      description:
        "Unless requestedBackupStorageRedundancy is Local or Zone (it defaults to Geo), the location's paired region, where Azure copies the backups, is in allowedRegions",
      remediation:
        'Set requestedBackupStorageRedundancy "Local" or "Zone", or place the database where the paired region is allowed.',
      check: (props: Props<sql.DatabaseArgs> | ManagedInstance, context) =>
        LOCAL_BACKUPS.includes(props.requestedBackupStorageRedundancy)
          ? []
          : geoCopyFindings(azurePlacement(props, context), context.config),
    },
  ],
});
