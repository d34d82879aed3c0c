/** AWS EFS rules (aws v7). */
import type * as efs from "@pulumi/aws/efs";
import { resourceRule, type Props } from "../../rule";

type FileSystem = Props<efs.FileSystemArgs>;

export const efsFileSystemEncrypted = resourceRule({
  id: "aws-efs-file-system-encrypted",
  description: "EFS file systems are encrypted with a customer-managed KMS key",
  target: "aws",
  types: ["aws:efs/fileSystem:FileSystem"],
  requirements: [
    {
      id: "encrypted",
      description: "The file system is encrypted at rest",
      remediation: "Set encrypted: true (the API creates unencrypted file systems unless told).",
      check: (props: FileSystem) => (props.encrypted === true ? [] : ["encrypted is not true"]),
    },
    {
      id: "customer-key",
      description:
        "It is encrypted with a customer-managed key (unset, the AWS-managed aws/elasticfilesystem key)",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: FileSystem) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});
