/** AWS EBS rules (aws v7): volumes and snapshot copies. */
import type * as ebs from "@pulumi/aws/ebs";
import { resourceRule, type Props } from "../../rule";

type Volume = Props<ebs.VolumeArgs & ebs.SnapshotCopyArgs>;

export const ebsVolumeEncrypted = resourceRule({
  id: "aws-ebs-volume-encrypted",
  description: "EBS volumes and snapshot copies are encrypted with a customer-managed KMS key",
  target: "aws",
  types: ["aws:ebs/volume:Volume", "aws:ebs/snapshotCopy:SnapshotCopy"],
  requirements: [
    {
      id: "encrypted",
      description: "The volume or snapshot copy is encrypted",
      remediation: "Set encrypted: true.",
      // Unset, encryption depends on the account's EBS encryption-by-default, a setting outside the stack.
      check: (props: Volume) => (props.encrypted === true ? [] : ["encrypted is not true"]),
    },
    {
      id: "customer-key",
      description: "It is encrypted with a customer-managed key (unset, the AWS-managed aws/ebs key)",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: Volume) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});
