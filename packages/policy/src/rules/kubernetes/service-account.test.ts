import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import { serviceAccountTokenAutomount } from "./service-account";

const account = (props: Record<string, unknown> = {}, name = "sa"): KitResource => ({
  type: "kubernetes:core/v1:ServiceAccount",
  name,
  props: { metadata: { name: "api", namespace: "apps" }, automountServiceAccountToken: false, ...props },
});
const deployment = (
  pod: Record<string, unknown>,
  extra: Partial<KitResource> = {},
  namespace = "apps",
): KitResource => ({
  type: "kubernetes:apps/v1:Deployment",
  name: "api",
  props: {
    metadata: { name: "api", namespace },
    spec: { template: { spec: { containers: [{ name: "c", image: "i" }], ...pod } } },
  },
  ...extra,
});
const pod: KitResource = {
  type: "kubernetes:core/v1:Pod",
  name: "pod",
  props: { metadata: { name: "p" }, spec: { automountServiceAccountToken: false, containers: [] } },
};

describeRule(serviceAccountTokenAutomount, {
  baseline: hipaa,
  compliant: [
    [account()],
    [deployment({ automountServiceAccountToken: false })],
    [pod],
    [account(), deployment({ serviceAccountName: "api" })],
    [account(), deployment({ serviceAccount: "api" })],
    // Joined through the dependency while the account's generated name is unknown.
    [
      account({ metadata: { name: UNKNOWN, namespace: "apps" } }),
      deployment({ serviceAccountName: UNKNOWN }, { propertyDependencies: { spec: ["sa"] } }),
    ],
    // The namespace's default account, declared with automount off.
    [account({ metadata: { name: "default", namespace: "apps" } }), deployment({})],
    // Both in the provider's default namespace.
    [
      { ...account({ metadata: { name: "api" } }), provider: { namespace: "apps" } },
      {
        ...deployment({ serviceAccountName: "api" }),
        props: { metadata: { name: "api" }, spec: { template: { spec: { serviceAccountName: "api" } } } },
        provider: { namespace: "apps" },
      },
    ],
  ],
  requirements: {
    "service-account": {
      violating: [
        [account({ automountServiceAccountToken: true })],
        [account({ automountServiceAccountToken: undefined })],
      ],
      unknown: [[account({ automountServiceAccountToken: UNKNOWN })]],
    },
    "workload-token": {
      violating: [
        [deployment({ automountServiceAccountToken: true })],
        [deployment({})],
        [deployment({ serviceAccountName: "api" })],
        [{ ...pod, props: { metadata: { name: "p" }, spec: { containers: [] } } }],
        // The account turns automount on, or lives elsewhere, or is another account.
        [account(), deployment({ serviceAccountName: "api" }, {}, "other")],
        [account(), deployment({ serviceAccountName: "web" })],
        [
          account({ metadata: { name: UNKNOWN, namespace: "apps" } }),
          deployment({ serviceAccountName: "api" }),
        ],
        // A dependency on something other than a service account says nothing.
        [
          {
            type: "kubernetes:core/v1:ConfigMap",
            name: "cm",
            props: { automountServiceAccountToken: false },
          },
          deployment({}, { propertyDependencies: { spec: ["cm"] } }),
        ],
      ],
      unknown: [
        [deployment({ automountServiceAccountToken: UNKNOWN })],
        [deployment({ serviceAccountName: UNKNOWN })],
      ],
    },
  },
});

describe("a workload whose declared service account mounts tokens", () => {
  const workload = "kubernetes-service-account-token-automount/workload-token";
  it.each([
    ["by name", [account({ automountServiceAccountToken: true }), deployment({ serviceAccountName: "api" })]],
    [
      "through the dependency",
      [
        account({ automountServiceAccountToken: true }),
        deployment({ serviceAccountName: UNKNOWN }, { propertyDependencies: { spec: ["sa"] } }),
      ],
    ],
  ])("is reported for the workload too (%s)", async (_how, resources) => {
    const result = await analyzeRule(serviceAccountTokenAutomount, resources, { baseline: hipaa });
    expect(requirementsOf(result)).toContain(workload);
  });
});
