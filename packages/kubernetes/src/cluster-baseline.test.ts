import * as pulumi from "@pulumi/pulumi";
import { expectRejected, MockStack } from "@palisade/core/test-support";
import { describe, expect, it, vi } from "vitest";
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
    // Reported at the argument itself, not at the namespace that happened to inherit it.
    ["podSecurityVersion", { podSecurityVersion: "newest", namespaces: [{ namespace: "a" }] }, "newest"],
    [
      "namespaces[0].podSecurityVersion",
      { namespaces: [{ namespace: "a", podSecurityVersion: "newest" }] },
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

  const malformed: [string, unknown, unknown][] = [
    ["args", null, null],
    ["namespaces", { namespaces: "inference" }, "inference"],
    ["namespaces[0]", { namespaces: [null] }, null],
    ["namespaces[0].namespace", { namespaces: [{ namespace: 7 }] }, 7],
    [
      "namespaces[0].egress[0].toCidrs",
      { namespaces: [{ namespace: "a", egress: [{ toCidrs: "x", ports: [] }] }] },
      "x",
    ],
    ["existingNamespaces", { existingNamespaces: "default" }, "default"],
    ["existingNamespaces[0]", { existingNamespaces: ["default"] }, "default"],
    ["runtimeSecurity", { runtimeSecurity: true }, true],
    ["runtimeSecurity", { runtimeSecurity: Promise.resolve({}) }, Promise.resolve({})],
    [
      "namespaces[0].quota",
      { namespaces: [{ namespace: "a", quota: Promise.resolve({}) }] },
      Promise.resolve({}),
    ],
    [
      "runtimeSecurity.credentialPaths",
      { runtimeSecurity: { credentialPaths: "/etc/shadow" } },
      "/etc/shadow",
    ],
    [
      "runtimeSecurity.engine",
      { runtimeSecurity: { engine: "constructor", chartVersion: "1.0.0" } },
      "constructor",
    ],
    ["podSecurityVersion", { podSecurityVersion: pulumi.output("v1.33") }, pulumi.output("")],
    ["namespace", { namespace: "inference" }, "inference"],
  ];
  it.each(malformed)(
    "rejects malformed %s as one named error, never a raw TypeError",
    async (path, args, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new ClusterBaseline("baseline", args as ClusterBaselineArgs), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it.each(["kube-public", "kube-node-lease", "default"])(
    "refuses to create the system namespace %s as a zero-trust namespace",
    (namespace) => {
      expectRejected(
        () => new ClusterBaseline("baseline", { namespaces: [{ namespace }] }),
        "namespaces[0].namespace",
        namespace,
      );
    },
  );

  it("reports a bad Pod Security version once, at its own argument, even with no namespaces", () => {
    const error = expectRejected(
      () => new ClusterBaseline("baseline", { podSecurityVersion: "newest" }),
      "podSecurityVersion",
      "newest",
    );
    expect(error.problems).toHaveLength(1);
  });

  it.each([
    [
      "existingNamespaces[1].name",
      { existingNamespaces: [{ name: "legacy" }, { name: "legacy" }] },
      "legacy",
    ],
    [
      "runtimeSecurity.namespace",
      { existingNamespaces: [{ name: "legacy" }], runtimeSecurity: { namespace: "legacy" } },
      "legacy",
    ],
    [
      "runtimeSecurity.allowedEgressCidrs",
      { runtimeSecurity: { allowedEgressCidrs: ["0.0.0.0/0"] } },
      ["0.0.0.0/0"],
    ],
  ] as [string, ClusterBaselineArgs, unknown][])(
    "rejects %s, which would fail halfway through an apply, before registering anything",
    async (path, args, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new ClusterBaseline("baseline", args), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it("checks the names it derives for its children with the children's own rule, before registering anything", async () => {
    const stack = await MockStack.start();
    const name = "b".repeat(240);
    const error = expectRejected(
      () => new ClusterBaseline(name, { namespaces: [{ namespace: "inference-workloads" }] }),
      "name",
      name,
    );
    expect(error.message).toMatch(/ZeroTrustNamespace name/);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  const hipaa = { frameworks: ["hipaa" as const], dataClassification: "phi" as const, owner: "ml-platform" };

  it("passes its compliance, data protection and Pod Security version down to every child", async () => {
    const stack = await MockStack.start();
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    try {
      new ClusterBaseline("baseline", {
        namespaces: [{ namespace: "a" }, { namespace: "b", dataProtection: { retainOnDelete: true } }],
        compliance: hipaa,
        podSecurityVersion: "v1.32",
        dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true },
      });
      await stack.settle();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
    const namespaces = Object.fromEntries(
      stack.ofType("kubernetes:core/v1:Namespace").map((n) => [n.inputs.metadata.name, n]),
    );
    expect(namespaces["a"]?.retainOnDelete).toBe(false);
    expect(namespaces["b"]?.retainOnDelete).toBe(true);
    expect(
      namespaces["runtime-security"]?.inputs.metadata.labels["pod-security.kubernetes.io/enforce-version"],
    ).toBe("v1.32");
  });

  it("refuses to turn retention off under its compliance frameworks without acknowledgement", () => {
    expectRejected(
      () =>
        new ClusterBaseline("baseline", {
          namespaces: [{ namespace: "a" }],
          compliance: hipaa,
          dataProtection: { retainOnDelete: false },
        }),
      "dataProtection.retainOnDelete",
      false,
    );
  });

  it("rejects a name that is not a string once, deriving nothing from it", async () => {
    const stack = await MockStack.start();
    const name = Object.create(null) as string;
    const error = expectRejected(
      () => new ClusterBaseline(name, { namespaces: [{ namespace: "a" }] }),
      "name",
      name,
    );
    expect(error.problems).toHaveLength(1);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("judges an inherited retention choice again under a namespace's own frameworks", () => {
    expectRejected(
      () =>
        new ClusterBaseline("baseline", {
          namespaces: [{ namespace: "a", compliance: hipaa }],
          dataProtection: { retainOnDelete: false },
        }),
      "dataProtection.retainOnDelete",
      false,
    );
  });

  it("does not hold the sensor, which keeps no data, to the retention rule", async () => {
    const stack = await MockStack.start();
    new ClusterBaseline("baseline", {
      runtimeSecurity: { compliance: hipaa },
      dataProtection: { retainOnDelete: false },
    });
    await stack.settle();
    expect(stack.one("kubernetes:helm.sh/v3:Release").inputs.chart).toBe("tetragon");
  });
});
