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
 * A log group's ARN built from its name, so IAM policies that name it are known in a first preview (the
 * provider computes `LogGroup.arn` only at creation) and packs can judge them.
 */
export function logGroupArn(
  account: AccountContext,
  region: string,
  logGroupName: string,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${account.partition}:logs:${region}:${account.accountId}:log-group:${logGroupName}`;
}
