/** AWS CodeBuild rules (aws v7). */
import type * as codebuild from "@pulumi/aws/codebuild";
import { resourceRule, type Props } from "../../rule";

type Project = Props<codebuild.ProjectArgs>;

export const codebuildProjectEncrypted = resourceRule({
  id: "aws-codebuild-project-encrypted",
  description: "CodeBuild projects encrypt build artifacts with a customer-managed KMS key",
  target: "aws",
  types: ["aws:codebuild/project:Project"],
  requirements: [
    {
      id: "customer-key",
      description:
        "Build output is encrypted with a customer-managed key (unset, the AWS-managed aws/s3 key)",
      remediation: "Set encryptionKey to a customer-managed KMS key.",
      check: (props: Project) =>
        "encryptionKey" in props ? [] : ["encryptionKey names no customer-managed key"],
    },
  ],
});
