import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  sqlBackupGeoCopyRegion,
  sqlCmk,
  sqlIdentityAuth,
  sqlManagedInstanceSecure,
  sqlServerSecure,
} from "./sql";

const server = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:sql:Server",
  name: "sql",
  props: { resourceGroupName: "rg", publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2", ...props },
});

describeRule(sqlServerSecure, {
  baseline: hipaa,
  compliant: [server({}), server({ minimalTlsVersion: "1.3", keyId: UNKNOWN, resourceGroupName: UNKNOWN })],
  requirements: {
    "no-public-network": {
      violating: [server({ publicNetworkAccess: "Enabled" }), server({ publicNetworkAccess: undefined })],
      unknown: [server({ publicNetworkAccess: UNKNOWN })],
    },
    "minimum-tls": {
      violating: [
        server({ minimalTlsVersion: "1.0" }),
        server({ minimalTlsVersion: "1.1" }),
        server({ minimalTlsVersion: undefined }),
      ],
      unknown: [server({ minimalTlsVersion: UNKNOWN })],
    },
  },
});

const instance = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:sql:ManagedInstance",
  name: "mi",
  props: { resourceGroupName: "rg", subnetId: UNKNOWN, minimalTlsVersion: "1.2", ...props },
});

describeRule(sqlManagedInstanceSecure, {
  baseline: hipaa,
  compliant: [instance({}), instance({ publicDataEndpointEnabled: false, minimalTlsVersion: "1.3" })],
  requirements: {
    "no-public-endpoint": {
      violating: [instance({ publicDataEndpointEnabled: true })],
      unknown: [instance({ publicDataEndpointEnabled: UNKNOWN })],
    },
    "minimum-tls": {
      violating: [
        instance({ minimalTlsVersion: "None" }),
        instance({ minimalTlsVersion: "1.1" }),
        instance({ minimalTlsVersion: undefined }),
      ],
      unknown: [instance({ minimalTlsVersion: UNKNOWN })],
    },
  },
});

const KEY = "https://kv.vault.azure.net/keys/tde/0123";
const entra = { administrators: { login: "dba-group", sid: UNKNOWN, azureADOnlyAuthentication: true } };

describeRule(sqlCmk, {
  baseline: hipaa,
  compliant: [server({ keyId: KEY }), instance({ keyId: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [server({}), instance({})],
      unknown: [],
      decidedWhenUnknown: [server({ keyId: UNKNOWN })],
    },
  },
});

describeRule(sqlIdentityAuth, {
  baseline: hipaa,
  compliant: [server(entra), instance(entra)],
  requirements: {
    "entra-only": {
      violating: [
        server({ administratorLogin: "sa", administratorLoginPassword: "pw" }),
        instance({ administrators: { login: "dba-group", azureADOnlyAuthentication: false } }),
      ],
      unknown: [server({ administrators: { login: "dba-group", azureADOnlyAuthentication: UNKNOWN } })],
    },
  },
});

const database = (
  requestedBackupStorageRedundancy: unknown,
  location: unknown = "westeurope",
): KitResource => ({
  type: "azure-native:sql:Database",
  name: "db",
  props: { resourceGroupName: UNKNOWN, serverName: UNKNOWN, location, requestedBackupStorageRedundancy },
});

describeRule(sqlBackupGeoCopyRegion, {
  baseline: gdpr,
  compliant: [
    [database("Geo")],
    [database(undefined, "francecentral")],
    [database("Local", "polandcentral")],
    [{ ...database("Zone", "uksouth"), type: "azure-native:sql:ManagedInstance" }],
  ],
  requirements: {
    "paired-region-allowed": {
      violating: [
        // Unset means Geo.
        [database(undefined, "uksouth")],
        [database("GeoZone", "italynorth")],
        [{ ...database("Geo", "uksouth"), type: "azure-native:sql:ManagedInstance" }],
      ],
      unknown: [[database(UNKNOWN)], [database("Geo", UNKNOWN)]],
      decidedWhenUnknown: [[database("Local", UNKNOWN)]],
    },
  },
});
