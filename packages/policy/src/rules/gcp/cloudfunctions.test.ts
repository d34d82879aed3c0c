import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { functionCmek, functionPrivate } from "./cloudfunctions";

const KEY = "projects/p/locations/l/keyRings/r/cryptoKeys/k";
const v1 = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:cloudfunctions/function:Function",
  name: "fn",
  props: {
    runtime: "nodejs22",
    triggerHttp: true,
    ingressSettings: "ALLOW_INTERNAL_ONLY",
    kmsKeyName: KEY,
    ...props,
  },
});
const v2 = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:cloudfunctionsv2/function:Function",
  name: "fn2",
  props: {
    location: "us-central1",
    serviceConfig: { ingressSettings: "ALLOW_INTERNAL_AND_GCLB" },
    kmsKeyName: KEY,
    ...props,
  },
});
const iam = (kind: string, props: Record<string, unknown>, module = "cloudfunctions"): KitResource => ({
  type: `gcp:${module}/function${kind}:Function${kind}`,
  name: "grant",
  props: { cloudFunction: UNKNOWN, role: "roles/cloudfunctions.invoker", ...props },
});

describeRule(functionPrivate, {
  baseline: hipaa,
  compliant: [
    v1({}),
    v1({ ingressSettings: "ALLOW_INTERNAL_AND_GCLB" }),
    // An event function has no HTTP endpoint.
    v1({
      triggerHttp: undefined,
      ingressSettings: undefined,
      eventTrigger: { eventType: "e", resource: UNKNOWN },
    }),
    v2({}),
    v2({ serviceConfig: { ingressSettings: "ALLOW_INTERNAL_ONLY", serviceAccountEmail: UNKNOWN } }),
    iam("IamMember", { member: "serviceAccount:caller@p.iam.gserviceaccount.com" }),
    iam("IamBinding", { members: ["group:ops@example.com"] }, "cloudfunctionsv2"),
    iam("IamPolicy", {
      policyData: JSON.stringify({ bindings: [{ role: "r", members: ["user:a@example.com"] }] }),
    }),
    iam("IamPolicy", { policyData: "not json" }),
    iam("IamPolicy", { policyData: JSON.stringify({}) }),
  ],
  requirements: {
    "no-public-invoker": {
      violating: [
        iam("IamMember", { member: "allUsers" }),
        iam("IamMember", { member: "allAuthenticatedUsers" }, "cloudfunctionsv2"),
        iam("IamBinding", { members: ["group:ops@example.com", "allUsers"] }),
        iam("IamBinding", { members: ["allAuthenticatedUsers"] }, "cloudfunctionsv2"),
        iam("IamPolicy", {
          policyData: JSON.stringify({
            bindings: [
              { role: "roles/viewer", members: ["group:ops@example.com"] },
              { role: "roles/cloudfunctions.invoker", members: ["allUsers"] },
            ],
          }),
        }),
        iam(
          "IamPolicy",
          { policyData: JSON.stringify({ bindings: [{ role: "r", members: ["allAuthenticatedUsers"] }] }) },
          "cloudfunctionsv2",
        ),
      ],
      unknown: [
        iam("IamMember", { member: UNKNOWN }),
        iam("IamBinding", { members: UNKNOWN }),
        iam("IamPolicy", { policyData: UNKNOWN }),
      ],
    },
    "internal-ingress": {
      violating: [
        v1({ ingressSettings: "ALLOW_ALL" }),
        v1({ ingressSettings: undefined }),
        v2({ serviceConfig: { ingressSettings: "ALLOW_ALL" } }),
        v2({ serviceConfig: undefined }),
      ],
      unknown: [
        v1({ ingressSettings: UNKNOWN }),
        v1({ triggerHttp: UNKNOWN }),
        v2({ serviceConfig: UNKNOWN }),
      ],
    },
  },
});

describeRule(functionCmek, {
  baseline: hipaa,
  compliant: [v1({}), v2({ kmsKeyName: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [v1({ kmsKeyName: undefined }), v2({ kmsKeyName: undefined })],
      unknown: [],
      decidedWhenUnknown: [v1({ kmsKeyName: UNKNOWN })],
    },
  },
});
