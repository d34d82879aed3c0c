/** Spanner rules (gcp v9 spanner): customer-managed encryption keys (the default is a Google-managed key). */
import type * as spanner from "@pulumi/gcp/spanner";
import { resourceRule, type Props } from "../../rule";

export const spannerDatabaseCmek = resourceRule({
  id: "gcp-spanner-database-cmek",
  description: "Spanner databases encrypt data with a Cloud KMS key",
  target: "gcp",
  types: ["gcp:spanner/database:Database"],
  requirements: [
    {
      id: "customer-key",
      description: "encryptionConfig.kmsKeyName (or kmsKeyNames for multi-region) names a Cloud KMS key",
      remediation:
        "Set encryptionConfig.kmsKeyName (kmsKeyNames for multi-region instances) to Cloud KMS keys.",
      check: (props: Props<spanner.DatabaseArgs>) =>
        ["kmsKeyName", "kmsKeyNames"].some((k) => k in (props.encryptionConfig ?? {}))
          ? []
          : ["encryptionConfig.kmsKeyName names no Cloud KMS key"],
    },
  ],
});
