/** AWS Athena rules (aws v7). */
import type * as athena from "@pulumi/aws/athena";
import { resourceRule, type Props } from "../../rule";

type Workgroup = Props<athena.WorkgroupArgs>;

export const athenaWorkgroupEncrypted = resourceRule({
  id: "aws-athena-workgroup-encrypted",
  description:
    "Athena workgroups encrypt query results with a customer-managed KMS key and enforce it on clients",
  target: "aws",
  types: ["aws:athena/workgroup:Workgroup"],
  requirements: [
    {
      id: "results-customer-key",
      description: "Query results are written with SSE-KMS or CSE-KMS under a customer-managed key",
      remediation:
        'Set configuration.resultConfiguration.encryptionConfiguration { encryptionOption: "SSE_KMS", kmsKeyArn: <customer key> }.',
      check: (props: Workgroup) => {
        const encryption = props.configuration?.resultConfiguration?.encryptionConfiguration ?? {};
        return ["SSE_KMS", "CSE_KMS"].includes(encryption.encryptionOption) && "kmsKeyArn" in encryption
          ? []
          : ["configuration.resultConfiguration.encryptionConfiguration sets no KMS option with a kmsKeyArn"];
      },
    },
    {
      id: "enforced",
      description: "Clients cannot override the workgroup's settings (and so its encryption)",
      remediation:
        "Remove configuration.enforceWorkgroupConfiguration: false (the provider's default is true).",
      check: (props: Workgroup) =>
        props.configuration?.enforceWorkgroupConfiguration === false
          ? ["configuration.enforceWorkgroupConfiguration is false"]
          : [],
    },
  ],
});
