import * as pulumi from "@pulumi/pulumi";
import { Alias, Key } from "@pulumi/aws/kms";
import { childName, shape, validateArgs, type ArgsSchema, type ProblemCollector } from "@palisade/core";
import { accountContext, type AccountContext } from "./account";
import { AwsChildren } from "./children";
import { checkChildNames, type NamedChild } from "./names";
import { policyDocument, type PolicyStatement } from "./policy-document";
import { checkPrincipals, checkServicePrincipals, PRINCIPALS_SCHEMA } from "./principals";
import {
  AWS_COMPONENT_SCHEMA,
  inheritedArgs,
  resolveAwsSettings,
  SECURE_DEFAULTS,
  type AwsComponentArgs,
  type AwsSettings,
} from "./settings";

export interface EncryptionKeyArgs extends AwsComponentArgs {
  /** What the key protects; shown in the KMS console, at most 8,192 characters. @default "Palisade customer-managed key <name>" */
  description?: string;
  /** Alias name, `alias/...`. @default `alias/<component name>` */
  alias?: string;
  /** IAM principals (role ARNs) allowed to encrypt, decrypt and create grants for AWS resources; never `*`. @default none */
  usagePrincipals?: pulumi.Input<string>[];
  /**
   * AWS service principals allowed to use the key directly, limited to this account
   * (e.g. `cloudtrail.amazonaws.com`, `logs.<region>.amazonaws.com`). @default none
   */
  servicePrincipals?: string[];
  /**
   * Services through which any principal of this account may use the key (`kms:ViaService`), e.g. `s3`,
   * `ec2`. IAM must still allow the caller. @default none
   */
  viaServices?: string[];
  /** Principals (ARNs) that administer (but cannot use) the key; at least one, never `*`. @default the account root */
  administrators?: pulumi.Input<string>[];
  /** Days between automatic rotations, 90-2560. @default 365, or less when the baseline requires it */
  rotationPeriodInDays?: number;
  /** Waiting period before a scheduled deletion, 7-30 days. @default 30, the KMS maximum */
  deletionWindowInDays?: number;
  /** Create a multi-Region primary key. Forces replacement when changed. @default false */
  multiRegion?: boolean;
}

const TYPE = "palisade:aws:EncryptionKey";
const USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
];
const ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/**
 * A KMS customer-managed key: rotation on, the longest deletion window, an alias, and a key policy that
 * separates administration from use and grants use only to the principals and services named.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  readonly key: Key;
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: string;

  constructor(name: string, args: EncryptionKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const { settings, resolved } = validateEncryptionKeyArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, settings);

    const account = accountContext(this);
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministration",
        Effect: "Allow",
        Principal: { AWS: args.administrators ?? [account.rootArn] },
        Action: ADMIN_ACTIONS,
        Resource: "*",
      },
    ];
    if (args.usagePrincipals?.length) {
      statements.push(
        {
          Sid: "PrincipalUse",
          Effect: "Allow",
          Principal: { AWS: args.usagePrincipals },
          Action: USE_ACTIONS,
          Resource: "*",
        },
        {
          Sid: "PrincipalGrantsForAwsResources",
          Effect: "Allow",
          Principal: { AWS: args.usagePrincipals },
          Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
      );
    }
    for (const service of args.servicePrincipals ?? []) {
      statements.push({
        Sid: `UseBy${service.split(".")[0]?.replace(/[^a-zA-Z0-9]/g, "") ?? ""}Service`,
        Effect: "Allow",
        Principal: { Service: service },
        Action: USE_ACTIONS,
        Resource: "*",
        Condition: serviceCondition(service, account),
      });
    }
    if (args.viaServices?.length) {
      statements.push({
        Sid: "UseThroughAwsServices",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [...USE_ACTIONS, "kms:CreateGrant"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": account.accountId,
            "kms:ViaService": args.viaServices.map((s) => `${s}.${settings.region}.amazonaws.com`),
          },
        },
      });
    }

    this.key = children.tagged(
      Key,
      childName(name, "key"),
      {
        description: resolved.description,
        enableKeyRotation: true,
        rotationPeriodInDays: resolved.rotationPeriodInDays,
        deletionWindowInDays: resolved.deletionWindowInDays,
        multiRegion: args.multiRegion ?? false,
        policy: policyDocument(statements),
      },
      { role: "data" },
    );
    this.aliasName = resolved.alias;
    children.untagged(Alias, childName(name, "alias"), { name: resolved.alias, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName });
  }
}

/**
 * Pins a service's use of the key to this account. CloudWatch Logs and CloudTrail state the resource in
 * the encryption context; other services set aws:SourceAccount.
 */
function serviceCondition(
  service: string,
  account: AccountContext,
): NonNullable<PolicyStatement["Condition"]> {
  if (service.startsWith("logs.")) {
    return {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${account.partition}:logs:${service.split(".")[1] ?? "*"}:${account.accountId}:log-group:*`,
      },
    };
  }
  if (service === "cloudtrail.amazonaws.com") {
    return {
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${account.partition}:cloudtrail:*:${account.accountId}:trail/*`,
      },
    };
  }
  return { StringEquals: { "aws:SourceAccount": account.accountId } };
}

/** The args of a key another component creates: its settings are the owner's, so it is never weaker. */
export function ownedKeyArgs(owner: AwsSettings, key: EncryptionKeyArgs): EncryptionKeyArgs {
  return { ...key, ...inheritedArgs(owner) };
}

/** The names a key created as `keyName` derives (its default alias), for its owner to check up front. */
export function ownedKeyNames(keyName: string): NamedChild[] {
  return [
    { type: "aws:kms/alias:Alias", name: childName(keyName, "alias"), inputs: { name: `alias/${keyName}` } },
  ];
}

/** A key owned by another component, created with the owner's settings. */
export function ownedKey(children: AwsChildren, name: string, key: EncryptionKeyArgs): EncryptionKey {
  return new EncryptionKey(name, ownedKeyArgs(children.settings, key), { parent: children.parent });
}

export const ENCRYPTION_KEY_SCHEMA: ArgsSchema = shape.object({
  ...AWS_COMPONENT_SCHEMA,
  description: shape.string("must be the key's description, at most 8,192 characters"),
  alias: shape.string('must be an alias name such as "alias/phi-data"'),
  usagePrincipals: PRINCIPALS_SCHEMA,
  servicePrincipals: shape.array(
    shape.string("must be an AWS service principal such as cloudtrail.amazonaws.com"),
    "must list AWS service principals",
  ),
  viaServices: shape.array(
    shape.string('must be a service prefix such as "s3"'),
    "must list service prefixes",
  ),
  administrators: PRINCIPALS_SCHEMA,
  rotationPeriodInDays: shape.integer("must be a whole number of days"),
  deletionWindowInDays: shape.integer("must be a whole number of days"),
  multiRegion: shape.boolean(),
});

/**
 * Everything a key needs checked, as a function a parent can call on the args it will give its own key
 * (with the problems of a derived alias reported against the parent's argument).
 */
export function checkEncryptionKeyArgs(problems: ProblemCollector, name: string, args: EncryptionKeyArgs) {
  const settings = resolveAwsSettings(problems, name, args);
  const baseline = args.baseline;
  const maxRotation = Math.min(2560, baseline?.maxKeyRotationDays.value ?? 2560);
  const rotationPeriodInDays = args.rotationPeriodInDays ?? settings.keyRotationDays;
  problems.require(
    Number.isInteger(rotationPeriodInDays) &&
      rotationPeriodInDays >= 90 &&
      rotationPeriodInDays <= maxRotation,
    "rotationPeriodInDays",
    args.rotationPeriodInDays,
    `must be a whole number of days from 90 to ${maxRotation}${baseline ? ` (${baseline.maxKeyRotationDays.citation})` : ""}`,
  );
  const minWindow = Math.max(7, baseline?.minKeyDeletionWindowDays.value ?? 7);
  const deletionWindowInDays = args.deletionWindowInDays ?? SECURE_DEFAULTS.keyDeletionWindowDays;
  problems.require(
    Number.isInteger(deletionWindowInDays) && deletionWindowInDays >= minWindow && deletionWindowInDays <= 30,
    "deletionWindowInDays",
    args.deletionWindowInDays,
    `must be a whole number of days from ${minWindow} to 30${baseline && minWindow > 7 ? ` (${baseline.minKeyDeletionWindowDays.citation})` : ""}`,
  );
  const alias = args.alias ?? `alias/${name}`;
  checkChildNames(problems, args.alias === undefined ? "name" : "alias", args.alias ?? name, [
    { type: "aws:kms/alias:Alias", name: childName(name, "alias"), inputs: { name: alias } },
  ]);
  const description = args.description ?? `Palisade customer-managed key ${name}`;
  problems.require(
    description.length <= 8192,
    "description",
    args.description,
    "must be at most 8,192 characters (the KMS limit)",
  );
  checkServicePrincipals(problems, "servicePrincipals", args.servicePrincipals);
  (args.viaServices ?? []).forEach((service, i) =>
    problems.require(
      /^[a-z0-9-]+$/.test(service),
      `viaServices[${i}]`,
      service,
      'must be a service prefix such as "s3" or "ec2"',
    ),
  );
  checkPrincipals(problems, "usagePrincipals", args.usagePrincipals, "use");
  checkPrincipals(problems, "administrators", args.administrators, "administer");
  return {
    settings,
    resolved: { rotationPeriodInDays, deletionWindowInDays, alias, description },
  };
}

function validateEncryptionKeyArgs(name: string, args: EncryptionKeyArgs) {
  return validateArgs(`${TYPE} "${name}"`, ENCRYPTION_KEY_SCHEMA, args, (problems, a: EncryptionKeyArgs) =>
    checkEncryptionKeyArgs(problems, name, a),
  );
}
