import * as pulumi from "@pulumi/pulumi";
import { PalisadeValidationError, WHOLE_INTERNET_RULE } from "@palisade/core";
import { expectRejected, MockStack } from "@palisade/core/test-support";
import { describe, expect, it, vi } from "vitest";
import { validateKubernetesObjects } from "./test-support";
import { ZeroTrustNamespace, type ZeroTrustNamespaceArgs } from "./zero-trust-namespace";

const base: ZeroTrustNamespaceArgs = { namespace: "inference" };

describe("ZeroTrustNamespace", () => {
  it("enforces, audits and warns at restricted, pinned to a version, and retains the namespace", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", {
      ...base,
      compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" },
    });
    await stack.settle();
    const ns = stack.one("kubernetes:core/v1:Namespace");
    expect(ns.inputs.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.33",
      "compliance.palisade.dev/data-classification": "phi",
    });
    expect(ns.retainOnDelete).toBe(true);
  });

  it("denies all traffic but DNS to the cluster DNS pods", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", base);
    await stack.settle();
    const policies = Object.fromEntries(
      stack
        .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .map((p) => [p.inputs.metadata.name, p.inputs.spec]),
    );
    expect(Object.keys(policies)).toEqual(["default-deny-all", "allow-dns-egress"]);
    expect(policies["default-deny-all"]).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(policies["allow-dns-egress"].egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ]);
  });

  it("adds only the declared flows", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", {
      ...base,
      ingress: [
        {
          from: [{ namespace: "gateway", podLabels: { app: "envoy" } }],
          toPodLabels: { app: "api" },
          ports: [{ port: 8443 }],
        },
      ],
      egress: [{ toCidrs: ["10.40.4.0/22"], ports: [{ port: 5432 }] }],
    });
    await stack.settle();
    const byName = (name: string) =>
      stack
        .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .find((p) => p.inputs.metadata.name === name);
    const ingress = byName("allow-ingress-0");
    const egress = byName("allow-egress-0");
    expect(ingress?.inputs.spec).toEqual({
      podSelector: { matchLabels: { app: "api" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway" } },
              podSelector: { matchLabels: { app: "envoy" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 8443 }],
        },
      ],
    });
    expect(egress?.inputs.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: "10.40.4.0/22" } }], ports: [{ protocol: "TCP", port: 5432 }] },
    ]);
  });

  it("turns off the default service account's token and sets a quota and container defaults", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", base);
    await stack.settle();
    expect(stack.one("kubernetes:core/v1:ServiceAccountPatch").inputs).toMatchObject({
      metadata: { name: "default", namespace: "inference" },
      automountServiceAccountToken: false,
    });
    expect(stack.one("kubernetes:core/v1:ResourceQuota").inputs.spec.hard).toEqual({
      "requests.cpu": "8",
      "requests.memory": "16Gi",
      "limits.cpu": "16",
      "limits.memory": "32Gi",
      pods: "50",
    });
    expect(stack.one("kubernetes:core/v1:LimitRange").inputs.spec.limits[0]).toMatchObject({
      type: "Container",
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
    });
  });

  it("gives declared service accounts only their named, namespace-scoped permissions", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", {
      ...base,
      serviceAccounts: [
        {
          name: "model-loader",
          rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
        },
        { name: "api" },
      ],
    });
    await stack.settle();
    expect(
      stack
        .ofType("kubernetes:core/v1:ServiceAccount")
        .map((a) => [a.inputs.metadata.name, a.inputs.automountServiceAccountToken]),
    ).toEqual([
      ["model-loader", false],
      ["api", false],
    ]);
    expect(stack.one("kubernetes:rbac.authorization.k8s.io/v1:Role").inputs.rules).toEqual([
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] },
    ]);
    expect(stack.one("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").inputs).toMatchObject({
      roleRef: { kind: "Role", name: "model-loader" },
      subjects: [{ kind: "ServiceAccount", name: "model-loader", namespace: "inference" }],
    });
    expect(stack.registrations.some((r) => r.type.includes("ClusterRole"))).toBe(false);
  });

  it("registers only objects that pass the Kubernetes API schema", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", {
      ...base,
      ingress: [{ from: [{ namespace: "gateway" }], ports: [{ port: 8443 }] }],
      egress: [{ toPods: [{ namespace: "db" }], ports: [{ port: 5432, protocol: "TCP" }] }],
      serviceAccounts: [
        { name: "loader", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }] },
      ],
    });
    await stack.settle();
    // Namespace, 4 network policies, quota, limit range, service account, role, binding (the patch is partial).
    expect(validateKubernetesObjects(stack.registrations)).toBe(10);
  });

  const bad: [string, Partial<ZeroTrustNamespaceArgs>, unknown][] = [
    ["namespace", { namespace: "Inference" }, "Inference"],
    ["namespace", { namespace: "a".repeat(64) }, "a".repeat(64)],
    ["podSecurityVersion", { podSecurityVersion: "1.33" }, "1.33"],
    ["ingress[0].from", { ingress: [{ from: [], ports: [{ port: 80 }] }] }, []],
    ["ingress[0].ports", { ingress: [{ from: [{ namespace: "a" }], ports: [] }] }, []],
    [
      "ingress[0].ports[0].port",
      { ingress: [{ from: [{ namespace: "a" }], ports: [{ port: 70000 }] }] },
      70000,
    ],
    [
      'ingress[0].from[0].podLabels["app"]',
      { ingress: [{ from: [{ namespace: "a", podLabels: { app: "-bad-" } }], ports: [{ port: 80 }] }] },
      "-bad-",
    ],
    ["egress[0]", { egress: [{ ports: [{ port: 443 }] }] }, { ports: [{ port: 443 }] }],
    [
      "egress[0].toCidrs[0]",
      { egress: [{ toCidrs: ["10.0.0.0/40"], ports: [{ port: 443 }] }] },
      "10.0.0.0/40",
    ],
    [
      "serviceAccounts[0].rules[0].verbs[0]",
      {
        serviceAccounts: [
          { name: "x", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["*" as never] }] },
        ],
      },
      "*",
    ],
    [
      "serviceAccounts[0].rules[0].resources[0]",
      { serviceAccounts: [{ name: "x", rules: [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }] }] },
      "*",
    ],
    [
      "serviceAccounts[0].rules[0].verbs[0]",
      {
        serviceAccounts: [
          { name: "x", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["impersonate" as never] }] },
        ],
      },
      "impersonate",
    ],
    [
      "serviceAccounts[0].rules[0].verbs",
      {
        serviceAccounts: [
          { name: "x", rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }] },
        ],
      },
      ["list"],
    ],
    ["serviceAccounts[0].rules", { serviceAccounts: [{ name: "x", rules: [] }] }, []],
    ["serviceAccounts[0].name", { serviceAccounts: [{ name: "default" }] }, "default"],
    ['quota["pods"]', { quota: { pods: "many" } }, "many"],
    ['labels["bad key!"]', { labels: { "bad key!": "x" } }, "bad key!"],
    ["clusterDns.namespace", { clusterDns: { namespace: "Kube-System" } }, "Kube-System"],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, override, value) => {
    const stack = await MockStack.start();
    expectRejected(() => new ZeroTrustNamespace("ns", { ...base, ...override }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  // What users write in JavaScript or YAML (config.requireObject): every wrong shape is one named error.
  const ports = [{ port: 443 }];
  const malformed: [string, unknown, unknown][] = [
    ["args", undefined, undefined],
    ["args", null, null],
    ["namespace", {}, undefined],
    ["namespace", { namespace: 7 }, 7],
    ["namespace", { namespace: pulumi.output("inference") }, pulumi.output("inference")],
    ["labels", { ...base, labels: ["a"] }, ["a"]],
    ["labels.app", { ...base, labels: { app: 1 } }, 1],
    ["ingress[0]", { ...base, ingress: [null] }, null],
    [
      "ingress[0].ports[0].port",
      { ...base, ingress: [{ from: [{ namespace: "a" }], ports: [{ port: "80" }] }] },
      "80",
    ],
    ["ingress[0].from[0]", { ...base, ingress: [{ from: ["gateway"], ports }] }, "gateway"],
    ["egress", { ...base, egress: { toCidrs: ["10.0.0.0/8"], ports } }, { toCidrs: ["10.0.0.0/8"], ports }],
    ["egress[0].toCidrs", { ...base, egress: [{ toCidrs: "10.0.0.0/8", ports }] }, "10.0.0.0/8"],
    ["egress[0].toPods[0]", { ...base, egress: [{ toPods: [null], ports }] }, null],
    [
      "serviceAccounts[0].rules[0].verbs",
      {
        ...base,
        serviceAccounts: [{ name: "x", rules: [{ apiGroups: [""], resources: ["pods"], verbs: "get" }] }],
      },
      "get",
    ],
    ["serviceAccounts[0]", { ...base, serviceAccounts: ["loader"] }, "loader"],
    ["quota", { ...base, quota: "lots" }, "lots"],
    ["quota.pods", { ...base, quota: { pods: 50 } }, 50],
    [
      "containerDefaults.requests",
      { ...base, containerDefaults: { requests: null, limits: { cpu: "1", memory: "1Gi" } } },
      null,
    ],
    ["clusterDns", { ...base, clusterDns: "kube-dns" }, "kube-dns"],
    ["compliance", { ...base, compliance: "hipaa" }, "hipaa"],
    ["dataProtection.retainOnDelete", { ...base, dataProtection: { retainOnDelete: "no" } }, "no"],
    ["podSecurityVersion", { ...base, podSecurityVersion: 1.33 }, 1.33],
    ["ingres", { ...base, ingres: [] }, []],
  ];
  it.each(malformed)(
    "rejects malformed %s as one named error, never a raw TypeError",
    async (path, args, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new ZeroTrustNamespace("ns", args as ZeroTrustNamespaceArgs), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it.each(["kube-system", "kube-public", "kube-node-lease", "default"])(
    "refuses to take over the system namespace %s",
    async (namespace) => {
      const stack = await MockStack.start();
      expectRejected(() => new ZeroTrustNamespace("ns", { namespace }), "namespace", namespace);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it.each([[["0.0.0.0/0"]], [["::/0"]], [["0::/0"]], [["0.0.0.0/1", "128.0.0.0/1"]]])(
    "refuses egress to the whole internet (%j)",
    async (toCidrs) => {
      const stack = await MockStack.start();
      const error = expectRejected(
        () => new ZeroTrustNamespace("ns", { ...base, egress: [{ toCidrs, ports }] }),
        "egress[0].toCidrs",
        toCidrs,
      );
      expect(error.problems.map((p) => p.rule)).toEqual([WHOLE_INTERNET_RULE]);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it("refuses the whole internet assembled from halves in separate egress rules", () => {
    const error = expectRejected(
      () =>
        new ZeroTrustNamespace("ns", {
          ...base,
          egress: [
            { toCidrs: ["0.0.0.0/1"], ports },
            { toCidrs: ["128.0.0.0/1"], ports },
          ],
        }),
      "egress",
      [
        { toCidrs: ["0.0.0.0/1"], ports },
        { toCidrs: ["128.0.0.0/1"], ports },
      ],
    );
    expect(error.problems.map((p) => p.rule)).toEqual([WHOLE_INTERNET_RULE]);
  });

  it("accepts IPv6 destinations, as NetworkPolicy ipBlock does", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("ns", { ...base, egress: [{ toCidrs: ["2001:db8::/32", "10.0.0.0/8"], ports }] });
    await stack.settle();
    const egress = stack
      .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .find((p) => p.inputs.metadata.name === "allow-egress-0");
    expect(egress?.inputs.spec.egress[0].to).toEqual([
      { ipBlock: { cidr: "2001:db8::/32" } },
      { ipBlock: { cidr: "10.0.0.0/8" } },
    ]);
    expect(validateKubernetesObjects(stack.registrations)).toBe(6);
  });

  it.each(["2001:db8::/129", "fe80::1%eth0/64", "2001:db8::", " 10.0.0.0/8"])(
    "rejects %j as a destination CIDR",
    (cidr) => {
      expectRejected(
        () => new ZeroTrustNamespace("ns", { ...base, egress: [{ toCidrs: [cidr], ports }] }),
        "egress[0].toCidrs[0]",
        cidr,
      );
    },
  );

  it.each(["", "a\nb", "x".repeat(254), "\ud800"])(
    "rejects the component name %j before registering anything",
    async (name) => {
      const stack = await MockStack.start();
      expectRejected(() => new ZeroTrustNamespace(name, base), "name", name);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  // Found by the property test: deriving child names from these threw a raw TypeError.
  it.each([[42], [Object.create(null)], [["a"]]])(
    "rejects the non-string component name %j",
    async (name) => {
      const stack = await MockStack.start();
      expectRejected(() => new ZeroTrustNamespace(name as string, base), "name", name);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  // Found by the property test: Pulumi renders a Role's rules with a template string while registering.
  it("registers a Role from rules made with Object.create(null), as a YAML or query parser may", async () => {
    const stack = await MockStack.start();
    const rule = Object.assign(Object.create(null) as object, {
      apiGroups: [""],
      resources: ["configmaps"],
      verbs: ["get"],
    });
    new ZeroTrustNamespace("ns", { ...base, serviceAccounts: [{ name: "loader", rules: [rule as never] }] });
    await stack.settle();
    expect(stack.one("kubernetes:rbac.authorization.k8s.io/v1:Role").inputs.rules).toEqual([
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
    ]);
  });

  const hipaa = { frameworks: ["hipaa" as const], dataClassification: "phi" as const, owner: "ml-platform" };

  it("refuses to delete a HIPAA namespace's data on destroy unless the loss is acknowledged", async () => {
    const stack = await MockStack.start();
    expectRejected(
      () =>
        new ZeroTrustNamespace("ns", {
          ...base,
          compliance: hipaa,
          dataProtection: { retainOnDelete: false },
        }),
      "dataProtection.retainOnDelete",
      false,
    );
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("logs the acknowledged data loss as a warning on the component", async () => {
    const stack = await MockStack.start();
    const warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    try {
      const ns = new ZeroTrustNamespace("ns", {
        ...base,
        compliance: hipaa,
        dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true },
      });
      await stack.settle();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^retainOnDelete is off under the hipaa baseline/);
      expect(warn.mock.calls[0]?.[1]).toBe(ns);
    } finally {
      warn.mockRestore();
    }
    expect(stack.one("kubernetes:core/v1:Namespace").retainOnDelete).toBe(false);
  });

  it("retains the default deny and the default service account's patch with the namespace", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("ns", { ...base, ingress: [{ from: [{ namespace: "a" }], ports }] });
    await stack.settle();
    const retained = stack.registrations.filter((r) => r.retainOnDelete).map((r) => r.name);
    expect(retained.sort()).toEqual(["ns-default-deny", "ns-default-sa", "ns-ns"]);
  });

  it("throws exactly one PalisadeValidationError naming every problem", () => {
    let thrown: unknown;
    try {
      new ZeroTrustNamespace("ns", { namespace: "kube-system", labels: 3, ingres: [] } as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PalisadeValidationError);
    expect((thrown as PalisadeValidationError).problems.map((p) => p.path).sort()).toEqual([
      "ingres",
      "labels",
      "namespace",
    ]);
  });
});
