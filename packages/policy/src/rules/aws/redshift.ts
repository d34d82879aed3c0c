/** AWS Redshift rules (aws v7). */
import type * as redshift from "@pulumi/aws/redshift";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type Cluster = Props<redshift.ClusterArgs>;
const CLUSTER = "aws:redshift/cluster:Cluster";

export const redshiftClusterEncrypted = resourceRule({
  id: "aws-redshift-cluster-encrypted",
  description: "Redshift clusters encrypt their data with a customer-managed key",
  target: "aws",
  types: [CLUSTER],
  requirements: [
    {
      id: "encrypted",
      description: "The cluster's data is encrypted at rest",
      remediation: 'Remove encrypted: "false" (the provider\'s default is encrypted).',
      // `encrypted` is string-typed in aws v7 and defaults to true, so only an explicit false is a finding.
      check: (props: Cluster) =>
        String(props.encrypted).toLowerCase() === "false" ? ["encrypted is false"] : [],
    },
    {
      id: "customer-key",
      description: "The cluster is encrypted with a customer-managed KMS key",
      remediation: 'Set kmsKeyId to a customer-managed KMS key (with encrypted "true").',
      check: (props: Cluster) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});

export const redshiftClusterNotPublic = resourceRule({
  id: "aws-redshift-cluster-not-public",
  description: "Redshift clusters are not publicly accessible and route their traffic through the VPC",
  target: "aws",
  types: [CLUSTER],
  requirements: [
    {
      id: "not-public",
      description: "The cluster is not publicly accessible",
      remediation: "Remove publiclyAccessible: true (the provider's default is false).",
      // Provider default: publiclyAccessible false.
      check: (props: Cluster) => (props.publiclyAccessible === true ? ["publiclyAccessible is true"] : []),
    },
    {
      id: "enhanced-vpc-routing",
      description: "COPY and UNLOAD traffic goes through the VPC (enhanced VPC routing)",
      remediation: "Set enhancedVpcRouting: true.",
      // Off unless set (CreateCluster's EnhancedVpcRouting defaults to false).
      check: (props: Cluster) =>
        props.enhancedVpcRouting === true ? [] : ["enhancedVpcRouting is not true"],
    },
  ],
});

export const redshiftClusterProtected = resourceRule({
  id: "aws-redshift-cluster-protected",
  description: "Redshift clusters keep automated snapshots for the baseline's backup period",
  target: "aws",
  types: [CLUSTER],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", {
      type: "integer",
      minimum: 1,
      maximum: 35,
    }),
  },
  requirements: [
    {
      id: "snapshot-retention",
      description: "Automated snapshots are kept at least minBackupRetentionDays",
      remediation: "Set automatedSnapshotRetentionPeriod to at least minBackupRetentionDays.",
      check: (props: Cluster, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        // Provider default: 1 day (0 turns automated snapshots off).
        return Number(props.automatedSnapshotRetentionPeriod ?? 1) < min
          ? [`automatedSnapshotRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
  ],
});
