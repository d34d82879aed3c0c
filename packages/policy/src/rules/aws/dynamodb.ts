/** AWS DynamoDB rules (aws v7). */
import type * as dynamodb from "@pulumi/aws/dynamodb";
import { resourceRule, type Props } from "../../rule";
import { allowedRegionsSetting, residencyFindings } from "../residency";

type Table = Props<dynamodb.TableArgs>;
const TABLE = "aws:dynamodb/table:Table";

export const dynamodbTableEncrypted = resourceRule({
  id: "aws-dynamodb-table-encrypted",
  description: "DynamoDB tables encrypt their data with a customer-managed KMS key",
  target: "aws",
  types: [TABLE],
  requirements: [
    {
      id: "customer-key",
      description:
        "The table is encrypted with a customer-managed key (omitted, DynamoDB uses an AWS-owned key; enabled without kmsKeyArn, the AWS-managed aws/dynamodb key)",
      remediation: "Set serverSideEncryption { enabled: true, kmsKeyArn: <customer-managed KMS key> }.",
      check: (props: Table) => {
        const sse = props.serverSideEncryption ?? {};
        return sse.enabled === true && "kmsKeyArn" in sse
          ? []
          : ["serverSideEncryption is not enabled with a kmsKeyArn"];
      },
    },
  ],
});

export const dynamodbTableProtected = resourceRule({
  id: "aws-dynamodb-table-protected",
  description: "DynamoDB tables keep point-in-time recovery and cannot be deleted by mistake",
  target: "aws",
  types: [TABLE],
  requirements: [
    {
      id: "point-in-time-recovery",
      description: "Point-in-time recovery is on",
      remediation: "Set pointInTimeRecovery { enabled: true }.",
      // Provider default: off when the pointInTimeRecovery block is omitted.
      check: (props: Table) =>
        props.pointInTimeRecovery?.enabled === true ? [] : ["pointInTimeRecovery.enabled is not true"],
    },
    {
      id: "deletion-protection",
      description: "The table cannot be deleted while deletion protection is on",
      remediation: "Set deletionProtectionEnabled: true.",
      // Provider default: false.
      check: (props: Table) =>
        props.deletionProtectionEnabled === true ? [] : ["deletionProtectionEnabled is not true"],
    },
  ],
});

export const dynamodbTableReplicaRegion = resourceRule({
  id: "aws-dynamodb-table-replica-region",
  description: "DynamoDB global table replicas are in allowed regions only",
  target: "aws",
  // GlobalTable is the 2017 version; a TableReplica resource has its own region, judged by residency.
  types: [TABLE, "aws:dynamodb/globalTable:GlobalTable"],
  config: { allowedRegions: allowedRegionsSetting("aws") },
  requirements: [
    {
      id: "replica-region-allowed",
      description: "Every replicas[*].regionName is one of allowedRegions",
      remediation: "Keep only replicas whose regionName is one of allowedRegions.",
      check: (props: Props<dynamodb.TableArgs | dynamodb.GlobalTableArgs>, { config }) =>
        ((props.replicas as any[] | undefined) ?? []).flatMap((replica, i) =>
          residencyFindings("aws", `replicas[${i}].regionName`, replica?.regionName, config),
        ),
    },
  ],
});
