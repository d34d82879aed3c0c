/**
 * Every child of every component, walked as the engine receives it: its parent is the component that
 * created it, the cluster's provider reaches it, its labels come from that component's settings, and it
 * is retained exactly when its role says (namespace: data; default deny and default-SA patch: guards).
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { kubernetesLabels, type ComplianceMetadata, type DataProtectionArgs } from "@palisade/core";
import { MockStack, type Registration } from "@palisade/core/test-support";
import { describe, expect, it, vi } from "vitest";
import { ClusterBaseline } from "./cluster-baseline";
import { IsolatedService } from "./isolated-service";
import { RuntimeSecurity } from "./runtime-security";
import { ZeroTrustNamespace } from "./zero-trust-namespace";

const hipaa: ComplianceMetadata = { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" };
const gdpr: ComplianceMetadata = { frameworks: ["gdpr"], dataClassification: "pd", owner: "data-team" };
const image = "ghcr.io/example/model-server@sha256:" + "a".repeat(64);
const flows = {
  ingress: [{ from: [{ namespace: "gateway" }], ports: [{ port: 8443 }] }],
  egress: [{ toCidrs: ["10.40.0.0/16"], ports: [{ port: 5432 }] }],
  serviceAccounts: [
    { name: "loader", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get" as const] }] },
  ],
};

type Role = "data" | "guard" | "plain";

/** The role of each child, written out here independently of the components. */
function roleOf(r: Registration): Role {
  if (r.type === "kubernetes:core/v1:Namespace")
    return r.parent.includes("RuntimeSecurity::") ? "plain" : "data";
  if (r.type === "kubernetes:core/v1:ServiceAccountPatch") return "guard";
  if (r.type === "kubernetes:core/v1:NamespacePatch") return "guard";
  if (
    r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" &&
    r.inputs.metadata.name === "default-deny-all"
  )
    return "guard";
  return "plain";
}

/** Children whose labels Palisade does not manage: patches of objects it does not own, and Helm releases. */
const UNLABELLED = new Set([
  "kubernetes:core/v1:ServiceAccountPatch",
  "kubernetes:core/v1:NamespacePatch",
  "kubernetes:helm.sh/v3:Release",
]);

interface Expected {
  /** Labels every labelled child of a component of this URN must carry. */
  labels: (component: Registration) => Record<string, string>;
  retainOnDelete: boolean;
  protect: boolean;
}

async function walk(build: (provider: Provider) => void, expected: Expected) {
  const stack = await MockStack.start();
  const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
  try {
    build(new Provider("cluster", { kubeconfig: "{}" }));
    await stack.settle();
  } finally {
    warn.mockRestore();
  }
  const provider = stack.one("pulumi:providers:kubernetes");
  const byUrn = new Map(stack.registrations.map((r) => [r.urn, r]));
  const children = stack.registrations.filter((r) => r.type.startsWith("kubernetes:"));
  expect(children.length).toBeGreaterThan(0);
  for (const child of children) {
    const where = `${child.type} ${child.name}`;
    const component = byUrn.get(child.parent);
    expect(component?.type, `${where}: parent`).toMatch(/^palisade:kubernetes:/);
    expect(child.provider.startsWith(`${provider.urn}::`), `${where}: provider`).toBe(true);
    const role = roleOf(child);
    expect(child.retainOnDelete, `${where}: retainOnDelete (${role})`).toBe(
      role === "plain" ? false : expected.retainOnDelete,
    );
    expect(child.protect, `${where}: protect (${role})`).toBe(role === "data" ? expected.protect : false);
    if (!UNLABELLED.has(child.type)) {
      expect(child.inputs.metadata.labels, `${where}: labels`).toMatchObject(
        expected.labels(component as Registration),
      );
    }
  }
  return stack;
}

const retained = { retainOnDelete: true, protect: false };
const released: DataProtectionArgs = { retainOnDelete: false, acknowledgeDataLoss: true };
const complianceLabels = kubernetesLabels;

describe("every child takes its parent, provider, labels and retention from its component's settings", () => {
  it.each([
    ["retained (the default)", undefined, retained],
    ["protected", { protect: true }, { retainOnDelete: true, protect: true }],
    ["released with acknowledgement", released, { retainOnDelete: false, protect: false }],
  ] as const)("ZeroTrustNamespace, %s", async (_, dataProtection, flags) => {
    await walk(
      (provider) =>
        new ZeroTrustNamespace(
          "inference",
          { namespace: "inference", ...flows, compliance: hipaa, labels: { team: "ml" }, dataProtection },
          { provider },
        ),
      { labels: () => ({ ...complianceLabels(hipaa), team: "ml" }), ...flags },
    );
  });

  it.each([
    ["retained (the default)", undefined, retained],
    ["released with acknowledgement", released, { retainOnDelete: false, protect: false }],
  ] as const)("IsolatedService, %s", async (_, dataProtection, flags) => {
    await walk(
      (provider) =>
        new IsolatedService(
          "api",
          {
            image,
            port: 8443,
            callers: [{ namespace: "gateway" }],
            egress: flows.egress,
            rules: flows.serviceAccounts[0]?.rules,
            compliance: hipaa,
            labels: { team: "ml" },
            namespaceOptions: { labels: { tier: "inference" }, dataProtection },
          },
          { provider },
        ),
      {
        labels: (component) => ({
          ...complianceLabels(hipaa),
          team: "ml",
          // The namespace's own extra labels reach its objects, not the Deployment or Service.
          ...(component.type === "palisade:kubernetes:ZeroTrustNamespace" ? { tier: "inference" } : {}),
        }),
        ...flags,
      },
    );
  });

  it("RuntimeSecurity: all plain, compliance labels on the namespace and the policies", async () => {
    await walk((provider) => new RuntimeSecurity("runtime", { compliance: hipaa }, { provider }), {
      labels: () => complianceLabels(hipaa),
      retainOnDelete: false,
      protect: false,
    });
  });

  it.each([
    ["retained (the default)", undefined, retained],
    ["released with acknowledgement", released, { retainOnDelete: false, protect: false }],
  ] as const)("ClusterBaseline and its child components, %s", async (_, dataProtection, flags) => {
    const stack = await walk(
      (provider) =>
        new ClusterBaseline(
          "baseline",
          {
            namespaces: [
              { namespace: "inference", ...flows },
              // A namespace may name its own compliance; its objects carry that, not the baseline's.
              { namespace: "analytics", compliance: gdpr, labels: { team: "data" } },
            ],
            existingNamespaces: [{ name: "default" }, { name: "legacy", level: "baseline" }],
            compliance: hipaa,
            dataProtection,
          },
          { provider },
        ),
      {
        labels: (component) =>
          component.name === "baseline-analytics"
            ? { ...complianceLabels(gdpr), team: "data" }
            : complianceLabels(hipaa),
        // The GDPR namespace inherits the acknowledged release: judged again under gdpr, still acknowledged.
        ...flags,
      },
    );
    expect(stack.ofType("palisade:kubernetes:ZeroTrustNamespace")).toHaveLength(2);
    expect(stack.ofType("palisade:kubernetes:RuntimeSecurity")).toHaveLength(1);
  });
});
