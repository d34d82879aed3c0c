/** Azure SQL rules (azure-native v3 sql). */
import type * as sql from "@pulumi/azure-native/sql";
import { resourceRule, type Props } from "../../rule";

type Server = Props<sql.ServerArgs>;

export const sqlServerSecure = resourceRule({
  id: "azure-sql-server-secure",
  description: "Azure SQL servers refuse public network access and take TLS 1.2 or later only",
  target: "azure",
  types: ["azure-native:sql:Server"],
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
