import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { redisCacheIdentityAuth, redisCachePrivate, redisCacheTls } from "./redis";

const cache = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:redis:Redis",
  name: "cache",
  props: {
    resourceGroupName: "rg",
    sku: { name: "Premium", family: "P", capacity: 1 },
    minimumTlsVersion: "1.2",
    publicNetworkAccess: "Disabled",
    disableAccessKeyAuthentication: true,
    ...props,
  },
});

describeRule(redisCacheTls, {
  baseline: hipaa,
  compliant: [cache({}), cache({ enableNonSslPort: false })],
  requirements: {
    "no-plaintext-port": {
      violating: [cache({ enableNonSslPort: true })],
      unknown: [cache({ enableNonSslPort: UNKNOWN })],
    },
    "minimum-tls": {
      violating: [
        cache({ minimumTlsVersion: "1.0" }),
        cache({ minimumTlsVersion: "1.1" }),
        cache({ minimumTlsVersion: undefined }),
      ],
      unknown: [cache({ minimumTlsVersion: UNKNOWN })],
    },
  },
});

describeRule(redisCachePrivate, {
  baseline: hipaa,
  compliant: [cache({}), cache({ publicNetworkAccess: undefined, subnetId: UNKNOWN })],
  requirements: {
    "no-public-network": {
      violating: [cache({ publicNetworkAccess: "Enabled" }), cache({ publicNetworkAccess: undefined })],
      unknown: [cache({ publicNetworkAccess: UNKNOWN })],
    },
  },
});

describeRule(redisCacheIdentityAuth, {
  baseline: hipaa,
  compliant: [cache({})],
  requirements: {
    "access-keys-disabled": {
      violating: [
        cache({ disableAccessKeyAuthentication: false }),
        cache({ disableAccessKeyAuthentication: undefined }),
      ],
      unknown: [cache({ disableAccessKeyAuthentication: UNKNOWN })],
    },
  },
});
