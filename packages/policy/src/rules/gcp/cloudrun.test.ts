import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { runServiceCmek, runServicePrivate } from "./cloudrun";

const KEY = "projects/p/locations/l/keyRings/r/cryptoKeys/k";
const v2 = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:cloudrunv2/service:Service",
  name: "svc",
  props: {
    location: "us-central1",
    ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    template: { encryptionKey: KEY, containers: [{ image: "us-docker.pkg.dev/p/r/app" }] },
    ...props,
  },
});
const v1 = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:cloudrun/service:Service",
  name: "svc1",
  props: {
    location: "us-central1",
    metadata: { annotations: { "run.googleapis.com/ingress": "internal" } },
    template: { metadata: { annotations: { "run.googleapis.com/encryption-key": KEY } }, spec: {} },
    ...props,
  },
});
const iam = (type: string, props: Record<string, unknown>): KitResource => ({
  type,
  name: "grant",
  props: { service: UNKNOWN, role: "roles/run.invoker", ...props },
});
const MEMBER = "gcp:cloudrun/iamMember:IamMember";
const MEMBER_V2 = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
const BINDING = "gcp:cloudrun/iamBinding:IamBinding";
const BINDING_V2 = "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding";
const POLICY = "gcp:cloudrun/iamPolicy:IamPolicy";
const POLICY_V2 = "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy";
const bindsPublic = JSON.stringify({ bindings: [{ role: "roles/run.invoker", members: ["allUsers"] }] });

describeRule(runServicePrivate, {
  baseline: hipaa,
  compliant: [
    v2({}),
    v2({ ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", invokerIamDisabled: false }),
    v1({}),
    v1({ metadata: { annotations: { "run.googleapis.com/ingress": "internal-and-cloud-load-balancing" } } }),
    iam(MEMBER, { member: "serviceAccount:caller@p.iam.gserviceaccount.com" }),
    iam(BINDING_V2, { members: ["group:ops@example.com"] }),
    iam(POLICY, { policyData: JSON.stringify({ bindings: [] }) }),
  ],
  requirements: {
    "no-public-invoker": {
      violating: [
        iam(MEMBER, { member: "allUsers" }),
        iam(MEMBER_V2, { member: "allAuthenticatedUsers" }),
        iam(BINDING, { members: ["allUsers"] }),
        iam(BINDING_V2, { members: ["allUsers"] }),
        iam(POLICY, { policyData: bindsPublic }),
        iam(POLICY_V2, { policyData: bindsPublic }),
        v2({ invokerIamDisabled: true }),
      ],
      unknown: [iam(MEMBER_V2, { member: UNKNOWN }), v2({ invokerIamDisabled: UNKNOWN })],
    },
    "internal-ingress": {
      violating: [
        v2({ ingress: "INGRESS_TRAFFIC_ALL" }),
        v2({ ingress: undefined }),
        v1({ metadata: { annotations: { "run.googleapis.com/ingress": "all" } } }),
        v1({ metadata: undefined }),
      ],
      unknown: [v2({ ingress: UNKNOWN }), v1({ metadata: { annotations: UNKNOWN } })],
    },
  },
});

describeRule(runServiceCmek, {
  baseline: hipaa,
  compliant: [v2({}), v1({}), v2({ template: { encryptionKey: UNKNOWN } })],
  requirements: {
    "customer-key": {
      violating: [
        v2({ template: { containers: [{ image: "app" }] } }),
        v1({ template: { metadata: { annotations: { "autoscaling.knative.dev/maxScale": "3" } } } }),
        v1({ template: undefined }),
      ],
      unknown: [v2({ template: UNKNOWN }), v1({ template: { metadata: UNKNOWN } })],
      decidedWhenUnknown: [
        v1({ template: { metadata: { annotations: { "run.googleapis.com/encryption-key": UNKNOWN } } } }),
      ],
    },
  },
});
