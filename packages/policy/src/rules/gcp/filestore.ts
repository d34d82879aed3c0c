/** Filestore rules (gcp v9 filestore): customer-managed encryption keys (the default is a Google-managed key). */
import type * as filestore from "@pulumi/gcp/filestore";
import { resourceRule, type Props } from "../../rule";

export const filestoreInstanceCmek = resourceRule({
  id: "gcp-filestore-instance-cmek",
  description: "Filestore instances encrypt file shares with a Cloud KMS key",
  target: "gcp",
  types: ["gcp:filestore/instance:Instance"],
  requirements: [
    {
      id: "customer-key",
      description: "kmsKeyName names a Cloud KMS key",
      remediation: "Set kmsKeyName to a Cloud KMS key (Enterprise, Zonal or Regional tiers).",
      check: (props: Props<filestore.InstanceArgs>) =>
        "kmsKeyName" in props ? [] : ["kmsKeyName names no Cloud KMS key"],
    },
  ],
});
