import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { redshiftClusterEncrypted, redshiftClusterNotPublic, redshiftClusterProtected } from "./redshift";

const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:redshift/cluster:Cluster",
  name: "warehouse",
  props: {
    clusterIdentifier: "warehouse",
    nodeType: "ra3.xlplus",
    encrypted: "true",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    enhancedVpcRouting: true,
    automatedSnapshotRetentionPeriod: 7,
    ...props,
  },
});

describeRule(redshiftClusterEncrypted, {
  baseline: hipaa,
  // Omitted encrypted is encrypted: the provider's default is true.
  compliant: [cluster({}), cluster({ encrypted: undefined }), cluster({ kmsKeyId: UNKNOWN })],
  requirements: {
    encrypted: {
      violating: [
        cluster({ encrypted: "false" }),
        cluster({ encrypted: "FALSE" }),
        cluster({ encrypted: false }),
      ],
      compliant: [cluster({ encrypted: true }), cluster({ encrypted: "TRUE" })],
      unknown: [cluster({ encrypted: UNKNOWN })],
    },
    "customer-key": {
      violating: [cluster({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [cluster({ kmsKeyId: UNKNOWN })],
    },
  },
});

describeRule(redshiftClusterNotPublic, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ publiclyAccessible: false })],
  requirements: {
    "not-public": {
      violating: [cluster({ publiclyAccessible: true })],
      unknown: [cluster({ publiclyAccessible: UNKNOWN })],
    },
    "enhanced-vpc-routing": {
      violating: [cluster({ enhancedVpcRouting: false }), cluster({ enhancedVpcRouting: undefined })],
      unknown: [cluster({ enhancedVpcRouting: UNKNOWN })],
    },
  },
});

describeRule(redshiftClusterProtected, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ automatedSnapshotRetentionPeriod: 35 })],
  requirements: {
    "snapshot-retention": {
      violating: [
        cluster({ automatedSnapshotRetentionPeriod: 6 }),
        cluster({ automatedSnapshotRetentionPeriod: 0 }),
        // The provider's default is one day.
        cluster({ automatedSnapshotRetentionPeriod: undefined }),
      ],
      compliant: [
        {
          resources: [cluster({ automatedSnapshotRetentionPeriod: undefined })],
          config: { minBackupRetentionDays: 1 },
        },
      ],
      unknown: [cluster({ automatedSnapshotRetentionPeriod: UNKNOWN })],
    },
  },
});
