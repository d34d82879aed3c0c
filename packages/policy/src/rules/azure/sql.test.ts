import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { sqlServerSecure } from "./sql";

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
