import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { mskClusterEncrypted, mskClusterTls } from "./msk";

const cluster = (encryptionInfo: Record<string, unknown> | undefined): KitResource => ({
  type: "aws:msk/cluster:Cluster",
  name: "events",
  props: { kafkaVersion: "3.6.0", numberOfBrokerNodes: 3, ...(encryptionInfo ? { encryptionInfo } : {}) },
});
const key = "arn:aws:kms:us-east-1:123456789012:key/k";

describeRule(mskClusterEncrypted, {
  baseline: hipaa,
  compliant: [cluster({ encryptionAtRestKmsKeyArn: key }), cluster({ encryptionAtRestKmsKeyArn: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [cluster(undefined), cluster({ encryptionInTransit: { clientBroker: "TLS" } })],
      unknown: [{ ...cluster(undefined), props: { encryptionInfo: UNKNOWN } }],
      decidedWhenUnknown: [cluster({ encryptionAtRestKmsKeyArn: UNKNOWN })],
    },
  },
});

describeRule(mskClusterTls, {
  baseline: hipaa,
  compliant: [
    // Defaults: TLS to clients and among brokers.
    cluster(undefined),
    cluster({ encryptionInTransit: {} }),
    cluster({ encryptionInTransit: { clientBroker: "TLS", inCluster: true } }),
  ],
  requirements: {
    "client-broker-tls": {
      violating: [
        cluster({ encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } }),
        cluster({ encryptionInTransit: { clientBroker: "PLAINTEXT" } }),
      ],
      unknown: [cluster({ encryptionInTransit: { clientBroker: UNKNOWN } })],
    },
    "in-cluster-tls": {
      violating: [cluster({ encryptionInTransit: { inCluster: false } })],
      unknown: [cluster({ encryptionInTransit: { inCluster: UNKNOWN } })],
    },
  },
});
