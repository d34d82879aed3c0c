/**
 * Cloud Functions rules (gcp v9 cloudfunctions and cloudfunctionsv2): who may invoke a function, from
 * where, and the key its resources are encrypted with. Both API generations default ingress to ALLOW_ALL.
 */
import type * as cloudfunctions from "@pulumi/gcp/cloudfunctions";
import type * as cloudfunctionsv2 from "@pulumi/gcp/cloudfunctionsv2";
import { resourceRule, type Props } from "../../rule";
import { publicGrants } from "./iam";

const V1 = "gcp:cloudfunctions/function:Function";
const V2 = "gcp:cloudfunctionsv2/function:Function";
const IAM = [
  "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
  "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
  "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
  "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
  "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
  "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
];
const INTERNAL = ["ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"];

export const functionPrivate = resourceRule({
  id: "gcp-cloudfunctions-function-private",
  description: "Cloud Functions are not invocable by the public and take traffic from internal sources only",
  target: "gcp",
  types: [V1, V2, ...IAM],
  requirements: [
    {
      id: "no-public-invoker",
      description: "No IAM grant on a function names allUsers or allAuthenticatedUsers",
      remediation:
        "Grant roles/cloudfunctions.invoker (roles/run.invoker for 2nd gen) to named service accounts or groups only.",
      types: IAM,
      check: (props) => publicGrants(props),
    },
    {
      id: "internal-ingress",
      description:
        "HTTP functions take internal traffic only, or through a load balancer (ingressSettings defaults to ALLOW_ALL); 1st-gen event functions have no HTTP endpoint",
      remediation:
        'Set ingressSettings (serviceConfig.ingressSettings for 2nd gen) "ALLOW_INTERNAL_ONLY" or "ALLOW_INTERNAL_AND_GCLB".',
      types: [V1, V2],
      check: (props, { type }) => {
        if (type === V1) {
          const fn = props as Props<cloudfunctions.FunctionArgs>;
          if (fn.triggerHttp !== true) return [];
          return INTERNAL.includes(fn.ingressSettings) ? [] : ["ingressSettings admits all traffic"];
        }
        const fn = props as Props<cloudfunctionsv2.FunctionArgs>;
        return INTERNAL.includes(fn.serviceConfig?.ingressSettings)
          ? []
          : ["serviceConfig.ingressSettings admits all traffic"];
      },
    },
  ],
});

export const functionCmek = resourceRule({
  id: "gcp-cloudfunctions-function-cmek",
  description: "Cloud Functions encrypt their code and images with a Cloud KMS key",
  target: "gcp",
  types: [V1, V2],
  requirements: [
    {
      id: "customer-key",
      description: "kmsKeyName names a Cloud KMS key (the default is a Google-managed key)",
      remediation:
        "Set kmsKeyName to a Cloud KMS key, with a dockerRepository (buildConfig.dockerRepository) encrypted with the same key.",
      check: (props) => ("kmsKeyName" in props ? [] : ["kmsKeyName names no Cloud KMS key"]),
    },
  ],
});
