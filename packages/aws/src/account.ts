import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";

/** The account and partition a component deploys into, looked up once per component. */
export interface AccountContext {
  accountId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  /** `arn:<partition>:iam::<account>:root`, the account principal that administers keys. */
  rootArn: pulumi.Output<string>;
}

export function accountContext(parent: pulumi.Resource): AccountContext {
  const accountId = getCallerIdentityOutput({}, { parent }).accountId;
  const partition = getPartitionOutput({}, { parent }).partition;
  return { accountId, partition, rootArn: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` };
}

/**
 * The ARN pattern of the log groups named from `namePrefix` (CloudWatch appends a unique suffix), known in
 * a first preview, unlike `LogGroup.arn`, so IAM policies that name the group can be judged by packs.
 */
export function logGroupArnPattern(
  account: AccountContext,
  region: string,
  namePrefix: string,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${account.partition}:logs:${region}:${account.accountId}:log-group:${namePrefix}*`;
}
