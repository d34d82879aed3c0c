/** AWS Database Migration Service rules (aws v7). */
import type * as dms from "@pulumi/aws/dms";
import { resourceRule, type Props } from "../../rule";

type ReplicationInstance = Props<dms.ReplicationInstanceArgs>;
const REPLICATION_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";

export const dmsReplicationInstanceNotPublic = resourceRule({
  id: "aws-dms-replication-instance-not-public",
  description: "DMS replication instances get no public IP address",
  target: "aws",
  types: [REPLICATION_INSTANCE],
  requirements: [
    {
      id: "not-public",
      description: "The replication instance is not publicly accessible",
      remediation: "Set publiclyAccessible: false explicitly.",
      // The provider documents no default; the DMS API's PubliclyAccessible defaults to true, so omitted is public.
      check: (props: ReplicationInstance) =>
        props.publiclyAccessible === false ? [] : ["publiclyAccessible is not false"],
    },
  ],
});

export const dmsReplicationInstanceEncrypted = resourceRule({
  id: "aws-dms-replication-instance-encrypted",
  description: "DMS replication instances encrypt their storage and connection secrets with a customer key",
  target: "aws",
  types: [REPLICATION_INSTANCE],
  requirements: [
    {
      id: "customer-key",
      description: "Storage and endpoint connection parameters are encrypted with a customer-managed KMS key",
      remediation:
        "Set kmsKeyArn to a customer-managed KMS key (omitted, DMS uses the AWS-managed aws/dms key).",
      check: (props: ReplicationInstance) =>
        "kmsKeyArn" in props ? [] : ["kmsKeyArn names no customer-managed key"],
    },
  ],
});
