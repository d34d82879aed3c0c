import * as pulumi from "@pulumi/pulumi";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { Role, RolePolicy } from "@pulumi/aws/iam";
import { childName } from "@palisade/core";
import { accountContext, logGroupArnPattern } from "./account";
import type { AwsChildren } from "./children";
import { ownedKey, ownedKeyNames, type EncryptionKey } from "./encryption-key";
import type { NamedChild } from "./names";
import { assumeRolePolicy, policyDocument } from "./policy-document";

export interface EncryptedLogGroupOptions {
  /** The owning component's children factory: the group and its key take its settings. */
  children: AwsChildren;
  /** Name prefix for the children (`<prefix>-log-group`, `<prefix>-logs-kms`). */
  name: string;
  retentionInDays: number;
  /** Exact log group name, for services that write to a fixed name (EKS). @default auto-named */
  logGroupName?: pulumi.Input<string>;
  /** A prefix CloudWatch completes with a unique suffix, so a retained group never blocks a re-create. */
  logGroupNamePrefix?: string;
}

/** The names an encrypted log group's children will carry, for the owner to check before registering. */
export function encryptedLogGroupNames(name: string, logGroupName: string): NamedChild[] {
  return [
    ...ownedKeyNames(childName(name, "logs-kms")),
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      name: childName(name, "log-group"),
      inputs: { name: logGroupName },
    },
  ];
}

/** The same for a log writer: the group's names plus the role and its policy. */
export function encryptedLogWriterNames(name: string, logGroupNamePrefix: string): NamedChild[] {
  return [
    ...encryptedLogGroupNames(name, logGroupNamePrefix),
    { type: "aws:iam/role:Role", name: childName(name, "role") },
    { type: "aws:iam/rolePolicy:RolePolicy", name: childName(name, "write") },
  ];
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
  const { children, name } = options;
  const key = ownedKey(children, childName(name, "logs-kms"), {
    description: `Encrypts CloudWatch log group ${name}`,
    servicePrincipals: [`logs.${children.settings.region}.amazonaws.com`],
  });
  const logGroup = children.tagged(
    LogGroup,
    childName(name, "log-group"),
    {
      name: options.logGroupName,
      namePrefix: options.logGroupNamePrefix,
      kmsKeyId: key.arn,
      retentionInDays: options.retentionInDays,
    },
    { role: "data" },
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
  const { children, name } = options;
  const { logGroup, key } = encryptedLogGroup(options);
  const role = children.globalTagged(Role, childName(name, "role"), {
    assumeRolePolicy: assumeRolePolicy(options.service),
  });
  const groups = logGroupArnPattern(
    accountContext(children.parent),
    children.settings.region,
    options.logGroupNamePrefix,
  );
  const rolePolicy = children.global(
    RolePolicy,
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
    // The policy lets a service write into retained logs; it goes when the stack goes.
  );
  return { logGroup, key, role, rolePolicy };
}
