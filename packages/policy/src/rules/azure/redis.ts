/**
 * Azure Cache for Redis rules (azure-native v3 redis, API 2024-11-01). That API version's defaults: the
 * non-TLS port 6379 is off, public network access is Enabled, access keys are on; it documents no default
 * minimum TLS version, so an omitted one is a finding.
 */
import type * as redis from "@pulumi/azure-native/redis";
import { resourceRule, type Props } from "../../rule";

type Cache = Props<redis.RedisArgs>;
const CACHE = "azure-native:redis:Redis";

export const redisCacheTls = resourceRule({
  id: "azure-redis-cache-tls",
  description: "Azure Cache for Redis takes TLS 1.2 or newer only, with the plain-text port closed",
  target: "azure",
  types: [CACHE],
  requirements: [
    {
      id: "no-plaintext-port",
      description: "The non-TLS port 6379 is closed (enableNonSslPort defaults to false)",
      remediation: "Remove enableNonSslPort: true; clients connect on the TLS port 6380.",
      check: (props: Cache) => (props.enableNonSslPort === true ? ["enableNonSslPort is true"] : []),
    },
    {
      id: "minimum-tls",
      description: 'minimumTlsVersion is "1.2" (an omitted value has no documented default)',
      remediation: 'Set minimumTlsVersion "1.2".',
      check: (props: Cache) => (props.minimumTlsVersion === "1.2" ? [] : ["minimumTlsVersion is not 1.2"]),
    },
  ],
});

export const redisCachePrivate = resourceRule({
  id: "azure-redis-cache-private",
  description: "Azure Cache for Redis is reachable only from private networks",
  target: "azure",
  types: [CACHE],
  requirements: [
    {
      id: "no-public-network",
      description:
        "Public network access is Disabled (the default is Enabled), or the cache is injected into a virtual network (subnetId)",
      remediation: 'Set publicNetworkAccess "Disabled" and reach the cache through a private endpoint.',
      check: (props: Cache) =>
        props.publicNetworkAccess === "Disabled" || "subnetId" in props
          ? []
          : ["publicNetworkAccess is not Disabled and the cache is in no virtual network (subnetId)"],
    },
  ],
});

export const redisCacheIdentityAuth = resourceRule({
  id: "azure-redis-cache-identity-auth",
  description: "Azure Cache for Redis accepts Microsoft Entra identities only, not shared access keys",
  target: "azure",
  types: [CACHE],
  requirements: [
    {
      id: "access-keys-disabled",
      description: "Access-key authentication is off (disableAccessKeyAuthentication defaults to false)",
      remediation:
        'Set disableAccessKeyAuthentication: true and redisConfiguration.aadEnabled "true", and grant data access policies to identities.',
      check: (props: Cache) =>
        props.disableAccessKeyAuthentication === true ? [] : ["disableAccessKeyAuthentication is not true"],
    },
  ],
});
