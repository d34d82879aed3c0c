/**
 * Cloud Run rules (gcp v9 cloudrun and cloudrunv2): who may invoke a service, from where, and the key its
 * images are encrypted with. Ingress defaults to all traffic (INGRESS_TRAFFIC_ALL; the v1 annotation
 * run.googleapis.com/ingress to "all").
 */
import type * as cloudrun from "@pulumi/gcp/cloudrun";
import type * as cloudrunv2 from "@pulumi/gcp/cloudrunv2";
import { resourceRule, type Props } from "../../rule";
import { publicGrants } from "./iam";

const V1 = "gcp:cloudrun/service:Service";
const V2 = "gcp:cloudrunv2/service:Service";
const IAM = [
  "gcp:cloudrun/iamMember:IamMember",
  "gcp:cloudrun/iamBinding:IamBinding",
  "gcp:cloudrun/iamPolicy:IamPolicy",
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
  "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
  "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
];
const INGRESS = "run.googleapis.com/ingress";
const ENCRYPTION_KEY = "run.googleapis.com/encryption-key";

export const runServicePrivate = resourceRule({
  id: "gcp-cloudrun-service-private",
  description:
    "Cloud Run services are not invocable by the public and take traffic from internal sources only",
  target: "gcp",
  types: [V1, V2, ...IAM],
  requirements: [
    {
      id: "no-public-invoker",
      description:
        "No IAM grant on a service names allUsers or allAuthenticatedUsers, and the invoker IAM check is not disabled",
      remediation:
        "Grant roles/run.invoker to named service accounts or groups only, and leave invokerIamDisabled unset.",
      types: [V2, ...IAM],
      check: (props, { type }) =>
        type === V2
          ? (props as Props<cloudrunv2.ServiceArgs>).invokerIamDisabled === true
            ? ["invokerIamDisabled lets anyone invoke the service"]
            : []
          : publicGrants(props),
    },
    {
      id: "internal-ingress",
      description:
        "The service takes internal traffic only, or through an internal or external load balancer",
      remediation:
        'Set ingress "INGRESS_TRAFFIC_INTERNAL_ONLY" or "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" (v1: annotation run.googleapis.com/ingress "internal" or "internal-and-cloud-load-balancing").',
      types: [V1, V2],
      check: (props, { type }) => {
        if (type === V2)
          return ["INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"].includes(
            (props as Props<cloudrunv2.ServiceArgs>).ingress,
          )
            ? []
            : ["ingress admits all traffic"];
        const annotations = (props as Props<cloudrun.ServiceArgs>).metadata?.annotations ?? {};
        return ["internal", "internal-and-cloud-load-balancing"].includes(annotations[INGRESS])
          ? []
          : [`metadata.annotations "${INGRESS}" admits all traffic`];
      },
    },
  ],
});

export const runServiceCmek = resourceRule({
  id: "gcp-cloudrun-service-cmek",
  description: "Cloud Run services encrypt their container images with a Cloud KMS key",
  target: "gcp",
  types: [V1, V2],
  requirements: [
    {
      id: "customer-key",
      description:
        "The revision template names a Cloud KMS key (template.encryptionKey; v1: annotation run.googleapis.com/encryption-key)",
      remediation: `Set template.encryptionKey (v1: template.metadata.annotations "${ENCRYPTION_KEY}") to a Cloud KMS key.`,
      check: (props, { type }) => {
        if (type === V2)
          return "encryptionKey" in ((props as Props<cloudrunv2.ServiceArgs>).template ?? {})
            ? []
            : ["template.encryptionKey names no Cloud KMS key"];
        const annotations = (props as Props<cloudrun.ServiceArgs>).template?.metadata?.annotations ?? {};
        return ENCRYPTION_KEY in annotations
          ? []
          : [`template.metadata.annotations "${ENCRYPTION_KEY}" names no Cloud KMS key`];
      },
    },
  ],
});
