import type * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import {
  childName,
  dataResourceOptions,
  type ResolvedDataProtection,
  type SectorBaseline,
} from "@palisade/core";
import { EncryptionKey } from "./encryption-key";

export interface EncryptedLogGroupOptions {
  parent: pulumi.Resource;
  /** Name prefix for the children (`<prefix>-log-group`, `<prefix>-logs-kms`). */
  name: string;
  region: string;
  retentionInDays: number;
  protection: ResolvedDataProtection;
  tags: Record<string, string>;
  baseline?: SectorBaseline;
  /** Exact log group name, for services that write to a fixed name (EKS). @default auto-named */
  logGroupName?: pulumi.Input<string>;
  /** A prefix CloudWatch completes with a unique suffix, so a retained group never blocks a re-create. */
  logGroupNamePrefix?: string;
}

/**
 * A CloudWatch log group encrypted with its own customer key that only CloudWatch Logs in this account and
 * region may use, kept for the baseline's retention and retained on delete. Shared by flow logs, the audit
 * trail and the EKS control-plane logs.
 */
export function encryptedLogGroup(options: EncryptedLogGroupOptions): {
  logGroup: LogGroup;
  key: EncryptionKey;
} {
  const { parent, name } = options;
  const key = new EncryptionKey(
    childName(name, "logs-kms"),
    {
      description: `Encrypts CloudWatch log group ${name}`,
      servicePrincipals: [`logs.${options.region}.amazonaws.com`],
      baseline: options.baseline,
      tags: options.tags,
      dataProtection: options.protection,
    },
    { parent },
  );
  const logGroup = new LogGroup(
    childName(name, "log-group"),
    {
      name: options.logGroupName,
      namePrefix: options.logGroupNamePrefix,
      kmsKeyId: key.arn,
      retentionInDays: options.retentionInDays,
      tags: options.tags,
    },
    dataResourceOptions(parent, options.protection),
  );
  return { logGroup, key };
}
