/**
 * AWS Redshift rules (aws v7). Audit logging is its own resource in v7 (`aws:redshift/logging:Logging`,
 * the cluster has no logging block), joined to the cluster through its clusterIdentifier; SSL is a
 * parameter of the cluster's parameter group.
 */
import type * as redshift from "@pulumi/aws/redshift";
import { resourceRule, stackRule, type Props, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { BACKUP_RETENTION_SETTING } from "./rds";

type Cluster = Props<redshift.ClusterArgs>;
type ParameterGroup = Props<redshift.ParameterGroupArgs>;
const CLUSTER = "aws:redshift/cluster:Cluster";
const PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup";
const LOGGING = "aws:redshift/logging:Logging";

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
  config: { minBackupRetentionDays: BACKUP_RETENTION_SETTING },
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

export const redshiftClusterTls = resourceRule({
  id: "aws-redshift-cluster-tls",
  description: "Redshift clusters take only SSL connections, set by a parameter group that requires SSL",
  target: "aws",
  types: [CLUSTER, PARAMETER_GROUP],
  requirements: [
    {
      id: "parameter-group",
      description: "The cluster names its own parameter group (the default group does not require SSL)",
      remediation:
        'Set clusterParameterGroupName to a ParameterGroup whose parameters set require_ssl "true".',
      types: [CLUSTER],
      check: (props: Cluster) =>
        "clusterParameterGroupName" in props
          ? []
          : [
              "clusterParameterGroupName is not set: the default parameter group allows unencrypted connections",
            ],
    },
    {
      id: "require-ssl",
      description: "The parameter group requires SSL for every connection",
      remediation: 'Add { name: "require_ssl", value: "true" } to parameters (Redshift\'s default is false).',
      types: [PARAMETER_GROUP],
      check: (props: ParameterGroup) =>
        ((props.parameters as any[] | undefined) ?? []).some(
          (p) => p?.name === "require_ssl" && String(p?.value).toLowerCase() === "true",
        )
          ? []
          : ["parameters do not require SSL for every connection"],
    },
  ],
});

/** Logging resources naming the cluster: through a property dependency, or by its literal identifier. */
function loggingOf(cluster: Cluster, context: StackContext) {
  const joined = context.stack.dependents(LOGGING, "clusterIdentifier");
  if (joined.length > 0) return joined;
  // Read only now: an identifier unknown at preview leaves the requirement undetermined.
  const id: unknown = cluster.clusterIdentifier;
  return context.stack.resources.filter((r) => {
    if (r.type !== LOGGING) return false;
    const named = known(() => r.props.clusterIdentifier as unknown);
    return named.known && named.value === id;
  });
}

export const redshiftClusterLogged = stackRule({
  id: "aws-redshift-cluster-logged",
  description: "Redshift clusters record connections and user activity in audit logs",
  target: "aws",
  types: [CLUSTER],
  requirements: [
    {
      id: "audit-logging",
      description: "A Logging resource delivers the cluster's audit logs to S3 or CloudWatch Logs",
      remediation:
        'Add an aws.redshift.Logging whose clusterIdentifier is the cluster\'s, with logDestinationType "s3" and a bucketName, or "cloudwatch" and logExports.',
      check: (cluster: Cluster, context) =>
        loggingOf(cluster, context).length > 0 ? [] : ["no Logging (clusterIdentifier) records this cluster"],
    },
  ],
});
