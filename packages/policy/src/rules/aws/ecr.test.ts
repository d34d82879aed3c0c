import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { ecrRepositoryEncrypted, ecrRepositoryIntegrity, ecrRepositoryPolicyNotPublic } from "./ecr";

const repo = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ecr/repository:Repository",
  name: "models",
  props: {
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/k" }],
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    ...props,
  },
});

describeRule(ecrRepositoryEncrypted, {
  baseline: hipaa,
  compliant: [repo({}), repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN }] })],
  requirements: {
    "customer-key": {
      violating: [
        repo({ encryptionConfigurations: undefined }),
        repo({ encryptionConfigurations: [] }),
        repo({ encryptionConfigurations: [{ encryptionType: "AES256" }] }),
        // KMS without a key: the AWS-managed aws/ecr key.
        repo({ encryptionConfigurations: [{ encryptionType: "KMS" }] }),
        repo({ encryptionConfigurations: [{ encryptionType: "AES256", kmsKey: "k-1" }] }),
      ],
      unknown: [repo({ encryptionConfigurations: [{ encryptionType: UNKNOWN, kmsKey: "k-1" }] })],
      decidedWhenUnknown: [repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN }] })],
    },
  },
});

describeRule(ecrRepositoryIntegrity, {
  baseline: hipaa,
  compliant: [repo({}), repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" })],
  requirements: {
    "immutable-tags": {
      // The provider's default is MUTABLE.
      violating: [
        repo({ imageTagMutability: undefined }),
        repo({ imageTagMutability: "MUTABLE" }),
        repo({ imageTagMutability: "MUTABLE_WITH_EXCLUSION" }),
      ],
      unknown: [repo({ imageTagMutability: UNKNOWN })],
    },
    "scan-on-push": {
      violating: [
        repo({ imageScanningConfiguration: undefined }),
        repo({ imageScanningConfiguration: { scanOnPush: false } }),
      ],
      unknown: [repo({ imageScanningConfiguration: { scanOnPush: UNKNOWN } })],
    },
  },
});

const policy = (...statements: Record<string, unknown>[]): KitResource => ({
  type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
  name: "models-policy",
  props: { repository: "models", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
});
const pull = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"];
const account = { AWS: "arn:aws:iam::123456789012:root" };

describeRule(ecrRepositoryPolicyNotPublic, {
  baseline: hipaa,
  compliant: [
    policy({ Effect: "Allow", Principal: account, Action: ["ecr:*"] }),
    // Narrowed by a condition.
    policy({
      Effect: "Allow",
      Principal: "*",
      Action: ["ecr:PutImage", ...pull],
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdef1234" } },
    }),
    policy({ Effect: "Deny", Principal: "*", Action: "ecr:*" }),
    // The typed form arrives as an object.
    {
      type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
      name: "typed",
      props: {
        repository: "models",
        policy: { Statement: { Effect: "Allow", Principal: account, Action: pull } },
      },
    },
  ],
  requirements: {
    "no-public-write": {
      violating: [
        policy({ Effect: "Allow", Principal: "*", Action: ["ecr:PutImage", "ecr:BatchDeleteImage"] }),
        policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "ecr:*" }),
        policy({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "*" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:DeleteRepository" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:InitiateLayerUpload" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:UploadLayerPart" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:CompleteLayerUpload" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:SetRepositoryPolicy" }),
        policy({ Effect: "Allow", Principal: "*", Action: "ecr:TagResource" }),
        policy({ Effect: "Allow", Principal: "*", NotAction: "ecr:GetAuthorizationToken" }),
        { ...policy(), props: { repository: "models", policy: "{not json" } },
      ],
      unknown: [{ ...policy(), props: { repository: "models", policy: UNKNOWN } }],
      readsWith: ["no-public-read"],
    },
    "no-public-read": {
      violating: [
        policy({ Effect: "Allow", Principal: "*", Action: pull }),
        policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "ecr:BatchGetImage" }),
      ],
      unknown: [{ ...policy(), props: { repository: "models", policy: UNKNOWN } }],
      readsWith: ["no-public-write"],
    },
  },
});
