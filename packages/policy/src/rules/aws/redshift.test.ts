import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  redshiftClusterEncrypted,
  redshiftClusterLogged,
  redshiftClusterNotPublic,
  redshiftClusterProtected,
  redshiftClusterTls,
} from "./redshift";

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
    clusterParameterGroupName: "warehouse-params",
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

const requireSsl = { name: "require_ssl", value: "true" };
const parameterGroup = (parameters: unknown): KitResource => ({
  type: "aws:redshift/parameterGroup:ParameterGroup",
  name: "warehouse-params",
  props: { family: "redshift-2.0", parameters },
});

describeRule(redshiftClusterTls, {
  baseline: hipaa,
  compliant: [
    cluster({}),
    // A parameter group created in the same update: named is enough.
    cluster({ clusterParameterGroupName: UNKNOWN }),
    parameterGroup([{ name: "enable_user_activity_logging", value: "true" }, requireSsl]),
    parameterGroup([{ name: "require_ssl", value: "TRUE" }]),
  ],
  requirements: {
    "parameter-group": {
      violating: [cluster({ clusterParameterGroupName: undefined })],
      unknown: [],
      decidedWhenUnknown: [cluster({ clusterParameterGroupName: UNKNOWN })],
    },
    "require-ssl": {
      violating: [
        parameterGroup(undefined),
        parameterGroup([{ name: "require_ssl", value: "false" }]),
        parameterGroup([{ name: "enable_user_activity_logging", value: "true" }]),
      ],
      unknown: [parameterGroup([{ name: "require_ssl", value: UNKNOWN }]), parameterGroup(UNKNOWN)],
    },
  },
});

const logging = (props: Record<string, unknown>, dependsOn?: string): KitResource => ({
  type: "aws:redshift/logging:Logging",
  name: `logging-${dependsOn ?? "literal"}`,
  props: { logDestinationType: "s3", bucketName: "audit-logs", ...props },
  propertyDependencies: dependsOn === undefined ? {} : { clusterIdentifier: [dependsOn] },
});

describeRule(redshiftClusterLogged, {
  baseline: hipaa,
  compliant: [
    // Joined through the cluster's identifier output, unknown at preview.
    [cluster({}), logging({ clusterIdentifier: UNKNOWN }, "warehouse")],
    // Joined by the literal identifier both name.
    [
      cluster({}),
      logging({
        clusterIdentifier: "warehouse",
        logDestinationType: "cloudwatch",
        logExports: ["useractivitylog"],
      }),
    ],
  ],
  requirements: {
    "audit-logging": {
      violating: [
        [cluster({})],
        [cluster({}), logging({ clusterIdentifier: "other-warehouse" })],
        [
          cluster({}),
          { ...cluster({ clusterIdentifier: "other-warehouse" }), name: "other" },
          logging({ clusterIdentifier: UNKNOWN }, "other"),
        ],
      ],
      unknown: [[cluster({ clusterIdentifier: UNKNOWN })]],
      decidedWhenUnknown: [
        [cluster({ clusterIdentifier: UNKNOWN }), logging({ clusterIdentifier: UNKNOWN }, "warehouse")],
      ],
    },
  },
});
