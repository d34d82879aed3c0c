import { expectRejected, MockStack } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ClusterBaseline, type ClusterBaselineArgs } from "./cluster-baseline";
import { validateKubernetesObjects } from "./test-support";

describe("ClusterBaseline", () => {
  it("creates the named zero-trust namespaces, labels existing ones and installs runtime security", async () => {
    const stack = await MockStack.start();
    new ClusterBaseline("baseline", {
      namespaces: [{ namespace: "inference" }, { namespace: "ingest" }],
      compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" },
    });
    await stack.settle();
    expect(stack.ofType("palisade:kubernetes:ZeroTrustNamespace")).toHaveLength(2);
    const namespaces = stack
      .ofType("kubernetes:core/v1:Namespace")
      .map((n) => [n.inputs.metadata.name, n.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]]);
    expect(namespaces.sort()).toEqual([
      ["inference", "restricted"],
      ["ingest", "restricted"],
      ["runtime-security", "privileged"],
    ]);
    expect(stack.one("kubernetes:core/v1:NamespacePatch").inputs.metadata).toMatchObject({
      name: "default",
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "v1.33",
      },
    });
    expect(stack.one("kubernetes:helm.sh/v3:Release").inputs.chart).toBe("tetragon");
    expect(validateKubernetesObjects(stack.registrations)).toBeGreaterThan(10);
  });

  it("never creates cluster-wide bindings or roles", async () => {
    const stack = await MockStack.start();
    new ClusterBaseline("baseline", {
      namespaces: [
        {
          namespace: "a",
          serviceAccounts: [{ name: "x", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] }],
        },
      ],
    });
    await stack.settle();
    expect(stack.registrations.filter((r) => /ClusterRole/.test(r.type))).toEqual([]);
  });

  it("pins every label to one Pod Security version and can leave runtime security out", async () => {
    const stack = await MockStack.start();
    new ClusterBaseline("baseline", {
      namespaces: [{ namespace: "a" }],
      existingNamespaces: [{ name: "legacy", level: "baseline" }],
      podSecurityVersion: "v1.32",
      runtimeSecurity: false,
    });
    await stack.settle();
    expect(
      stack.one("kubernetes:core/v1:Namespace").inputs.metadata.labels[
        "pod-security.kubernetes.io/warn-version"
      ],
    ).toBe("v1.32");
    expect(
      stack.one("kubernetes:core/v1:NamespacePatch").inputs.metadata.labels[
        "pod-security.kubernetes.io/enforce"
      ],
    ).toBe("baseline");
    expect(stack.ofType("kubernetes:helm.sh/v3:Release")).toEqual([]);
  });

  const bad: [string, ClusterBaselineArgs, unknown][] = [
    ["namespaces[0].namespace", { namespaces: [{ namespace: "kube-system" }] }, "kube-system"],
    ["namespaces[1].namespace", { namespaces: [{ namespace: "a" }, { namespace: "a" }] }, "a"],
    ["namespaces[0].namespace", { namespaces: [{ namespace: "A" }] }, "A"],
    [
      "namespaces[0].podSecurityVersion",
      { podSecurityVersion: "newest", namespaces: [{ namespace: "a" }] },
      "newest",
    ],
    [
      "namespaces[0].serviceAccounts[0].rules[0].verbs[0]",
      {
        namespaces: [
          {
            namespace: "a",
            serviceAccounts: [
              { name: "x", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["*" as never] }] },
            ],
          },
        ],
      },
      "*",
    ],
    ["existingNamespaces[0].name", { existingNamespaces: [{ name: "Default" }] }, "Default"],
    [
      "existingNamespaces[0].level",
      { existingNamespaces: [{ name: "default", level: "strict" as never }] },
      "strict",
    ],
    [
      "existingNamespaces[0].name",
      { namespaces: [{ namespace: "a" }], existingNamespaces: [{ name: "a" }] },
      "a",
    ],
    [
      "runtimeSecurity.namespace",
      { namespaces: [{ namespace: "a" }], runtimeSecurity: { namespace: "a" } },
      "a",
    ],
    ["runtimeSecurity.chartVersion", { runtimeSecurity: { chartVersion: "1.x" } }, "1.x"],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, args, value) => {
    const stack = await MockStack.start();
    expectRejected(() => new ClusterBaseline("baseline", args), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
