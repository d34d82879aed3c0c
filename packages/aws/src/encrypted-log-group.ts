import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { Role, RolePolicy } from "@pulumi/aws/iam";
import {
  childName,
  dataResourceOptions,
  type ResolvedDataProtection,
  type SectorBaseline,
} from "@palisade/core";
import { accountContext, logGroupArnPattern } from "./account";
import { EncryptionKey } from "./encryption-key";
import { assumeRolePolicy, policyDocument } from "./policy-document";

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

export interface LogWriterOptions extends Omit<
  EncryptedLogGroupOptions,
  "logGroupName" | "logGroupNamePrefix"
> {
  /** A prefix CloudWatch completes with a unique suffix; the role's policy names the group by it. */
  logGroupNamePrefix: string;
  /** The AWS service principal that delivers into the group, e.g. `cloudtrail.amazonaws.com`. */
  service: string;
  /** Sid of the role policy's single statement. */
  sid: string;
  /** The CloudWatch Logs actions the service needs, and no more. */
  actions: string[];
  /** Appended to the group's ARN pattern to scope the statement, e.g. `:log-stream:*`. @default "" */
  resourceSuffix?: string;
}

/**
 * An encrypted log group plus the IAM role a service assumes to write into it. The role's policy names
 * the group by its known prefix rather than its computed ARN, so packs can judge it in a first preview.
 */
export function encryptedLogWriter(options: LogWriterOptions): {
  logGroup: LogGroup;
  key: EncryptionKey;
  role: Role;
  rolePolicy: RolePolicy;
} {
  const { parent, name } = options;
  const { logGroup, key } = encryptedLogGroup(options);
  const role = new Role(
    childName(name, "role"),
    { assumeRolePolicy: assumeRolePolicy(options.service), tags: options.tags },
    { parent },
  );
  const groups = logGroupArnPattern(accountContext(parent), options.region, options.logGroupNamePrefix);
  const rolePolicy = new RolePolicy(
    childName(name, "write"),
    {
      role: role.id,
      policy: policyDocument([
        {
          Sid: options.sid,
          Effect: "Allow",
          Action: options.actions,
          Resource: pulumi.interpolate`${groups}${options.resourceSuffix ?? ""}`,
        },
      ]),
    },
    { parent },
  );
  return { logGroup, key, role, rolePolicy };
}
