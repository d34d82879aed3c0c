/** Azure SQL rules (azure-native v3 sql). */
import type * as sql from "@pulumi/azure-native/sql";
import { resourceRule, type Props } from "../../rule";

export const sqlServerSecure = resourceRule({
  id: "azure-sql-server-secure",
  description: "Azure SQL servers refuse public network access and take TLS 1.2 or later only",
  target: "azure",
  types: ["azure-native:sql:Server"],
  check: (props: Props<sql.ServerArgs>) => [
    ...(props.publicNetworkAccess === "Disabled" ? [] : ['publicNetworkAccess must be "Disabled"']),
    ...(["1.2", "1.3"].includes(props.minimalTlsVersion) ? [] : ['minimalTlsVersion must be "1.2" or "1.3"']),
  ],
});
