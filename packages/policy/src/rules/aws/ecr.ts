/** AWS ECR rules (aws v7): repositories and their resource policies. */
import type * as ecr from "@pulumi/aws/ecr";
import { resourceRule, type Props } from "../../rule";
import { list, statements } from "./iam";

type Repository = Props<ecr.RepositoryArgs>;
type RepositoryPolicy = Props<ecr.RepositoryPolicyArgs>;
const REPOSITORY = "aws:ecr/repository:Repository";

export const ecrRepositoryEncrypted = resourceRule({
  id: "aws-ecr-repository-encrypted",
  description: "ECR repositories encrypt images with a customer-managed KMS key",
  target: "aws",
  types: [REPOSITORY],
  requirements: [
    {
      id: "customer-key",
      description:
        "Images are encrypted with a customer-managed key (the default is AES256, an AWS-owned key)",
      remediation:
        'Set encryptionConfigurations [{ encryptionType: "KMS", kmsKey: <customer-managed KMS key> }].',
      check: (props: Repository) => {
        // Provider default: encryptionType AES256; KMS without kmsKey uses the AWS-managed aws/ecr key.
        const config = ((props.encryptionConfigurations as any[] | undefined) ?? [])[0] ?? {};
        return config.encryptionType === "KMS" && "kmsKey" in config
          ? []
          : ['encryptionConfigurations does not set encryptionType "KMS" with a kmsKey'];
      },
    },
  ],
});

export const ecrRepositoryIntegrity = resourceRule({
  id: "aws-ecr-repository-integrity",
  description: "ECR repositories keep image tags immutable and scan images on push",
  target: "aws",
  types: [REPOSITORY],
  requirements: [
    {
      id: "immutable-tags",
      description: "A pushed tag cannot be overwritten with another image",
      remediation: 'Set imageTagMutability "IMMUTABLE" (the provider\'s default is "MUTABLE").',
      check: (props: Repository) =>
        String(props.imageTagMutability ?? "MUTABLE").startsWith("IMMUTABLE")
          ? []
          : ["imageTagMutability is not immutable"],
    },
    {
      id: "scan-on-push",
      description: "Images are scanned for vulnerabilities when pushed",
      remediation: "Set imageScanningConfiguration { scanOnPush: true } (off unless set).",
      check: (props: Repository) =>
        props.imageScanningConfiguration?.scanOnPush === true
          ? []
          : ["imageScanningConfiguration.scanOnPush is not true"],
    },
  ],
});

/** Actions that change what a repository serves, or remove it. */
const WRITE =
  /^(\*|ecr:\*|ecr:(Put|BatchDelete|Delete|InitiateLayerUpload|UploadLayerPart|CompleteLayerUpload|Set|Tag|Untag|Replicate|Start|Create|Batch(Import|Update))[A-Za-z]*)$/i;

/** Statements that allow anyone, with no condition to narrow who. */
function publicGrants(document: unknown): { index: number; actions: string[] }[] | undefined {
  const all = statements(document);
  if (all === undefined) return undefined;
  return all.flatMap((s, index) => {
    const principal = s.Principal as { AWS?: unknown } | string | undefined;
    const anyone = principal === "*" || list((principal as { AWS?: unknown })?.AWS).includes("*");
    return s.Effect === "Allow" && anyone && s.Condition === undefined
      ? // NotAction allows everything else: read as every action.
        [{ index, actions: s.Action === undefined ? ["*"] : list(s.Action).map(String) }]
      : [];
  });
}

export const ecrRepositoryPolicyNotPublic = resourceRule({
  id: "aws-ecr-repository-policy-not-public",
  description: "ECR repository policies grant nothing to anyone on the internet",
  target: "aws",
  types: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
  requirements: [
    {
      id: "no-public-write",
      description: "No unconditioned statement lets anyone (Principal *) push, tag or delete images",
      remediation:
        "Name the account or role principals that may push; or add a Condition such as aws:PrincipalOrgID.",
      check: (props: RepositoryPolicy) => {
        const grants = publicGrants(props.policy);
        if (grants === undefined) return ["policy is not a JSON policy document"];
        return grants
          .filter((g) => g.actions.some((a) => WRITE.test(a)))
          .map((g) => `Statement[${g.index}] lets anyone (Principal *) push, tag or delete images`);
      },
    },
    {
      id: "no-public-read",
      description: "No unconditioned statement lets anyone (Principal *) pull images",
      remediation:
        "Name the account or role principals that may pull; or add a Condition such as aws:PrincipalOrgID.",
      check: (props: RepositoryPolicy) =>
        (publicGrants(props.policy) ?? [])
          .filter((g) => !g.actions.some((a) => WRITE.test(a)))
          .map((g) => `Statement[${g.index}] lets anyone (Principal *) pull images`),
    },
  ],
});
