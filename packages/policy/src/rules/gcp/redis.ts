/**
 * Memorystore for Redis rules (gcp v9 redis Instance). The API's defaults: no in-transit encryption
 * (transitEncryptionMode DISABLED), no AUTH, Google-managed keys.
 */
import type * as redis from "@pulumi/gcp/redis";
import { resourceRule, type Props } from "../../rule";

type Instance = Props<redis.InstanceArgs>;
const INSTANCE = "gcp:redis/instance:Instance";

export const memorystoreRedisTls = resourceRule({
  id: "gcp-redis-instance-tls",
  description: "Memorystore for Redis encrypts client traffic with TLS",
  target: "gcp",
  types: [INSTANCE],
  requirements: [
    {
      id: "transit-encryption",
      description: 'transitEncryptionMode is "SERVER_AUTHENTICATION" (it defaults to DISABLED)',
      remediation: 'Set transitEncryptionMode "SERVER_AUTHENTICATION" and connect with the server CA.',
      check: (props: Instance) =>
        props.transitEncryptionMode === "SERVER_AUTHENTICATION"
          ? []
          : ["transitEncryptionMode is not SERVER_AUTHENTICATION"],
    },
  ],
});

export const memorystoreRedisCmek = resourceRule({
  id: "gcp-redis-instance-cmek",
  description: "Memorystore for Redis encrypts data at rest with a Cloud KMS key",
  target: "gcp",
  types: [INSTANCE],
  requirements: [
    {
      id: "customer-key",
      description: "customerManagedKey names a Cloud KMS key",
      remediation: "Set customerManagedKey to a Cloud KMS key.",
      check: (props: Instance) =>
        "customerManagedKey" in props ? [] : ["customerManagedKey names no Cloud KMS key"],
    },
  ],
});

export const memorystoreRedisAuth = resourceRule({
  id: "gcp-redis-instance-auth",
  description: "Memorystore for Redis requires clients to authenticate",
  target: "gcp",
  types: [INSTANCE],
  requirements: [
    {
      id: "auth",
      description: "Redis AUTH is on (authEnabled defaults to false)",
      remediation: "Set authEnabled: true and hand clients the AUTH string through Secret Manager.",
      check: (props: Instance) => (props.authEnabled === true ? [] : ["authEnabled is not true"]),
    },
  ],
});
