import * as pulumi from "@pulumi/pulumi";
import { WHOLE_INTERNET_RULE } from "@palisade/core";
import { expectRejected, MockStack } from "@palisade/core/test-support";
import { checkPodSpec } from "@palisade/policy";
import { describe, expect, it } from "vitest";
import { IsolatedService, type IsolatedServiceArgs } from "./isolated-service";
import { validateKubernetesObjects } from "./test-support";

const base: IsolatedServiceArgs = {
  image: "ghcr.io/example/model-server@sha256:" + "a".repeat(64),
  port: 8443,
  callers: [{ namespace: "gateway", podLabels: { app: "envoy" } }],
};

describe("IsolatedService", () => {
  it("runs pods that meet the restricted profile by construction", async () => {
    const stack = await MockStack.start();
    new IsolatedService("inference-api", { ...base, workload: "model-serving" });
    await stack.settle();
    const deployment = stack.one("kubernetes:apps/v1:Deployment");
    const pod = deployment.inputs.spec.template.spec;
    expect(pod).toMatchObject({
      automountServiceAccountToken: false,
      serviceAccountName: "inference-api",
      securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } },
    });
    expect(pod.hostNetwork ?? false).toBe(false);
    const container = pod.containers[0];
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container.resources.limits).toEqual({ cpu: "1", memory: "1Gi" });
    expect(deployment.inputs.spec.template.metadata.labels).toMatchObject({
      "palisade.dev/workload": "model-serving",
    });
    expect(deployment.inputs.spec.replicas).toBe(2);
  });

  it("passes the HIPAA pack's Pod Security restricted check, with and without a token", async () => {
    const stack = await MockStack.start();
    new IsolatedService("a", base);
    new IsolatedService("b", { ...base, serviceAccountToken: true, runAsUser: 1000, env: { A: "1" } });
    await stack.settle();
    const templates = stack.ofType("kubernetes:apps/v1:Deployment").map((d) => d.inputs.spec.template);
    expect(templates).toHaveLength(2);
    for (const t of templates) expect(checkPodSpec(t.spec, "restricted", t.metadata)).toEqual([]);
  });

  it("admits only the declared callers on the declared port, in its own restricted namespace", async () => {
    const stack = await MockStack.start();
    new IsolatedService("inference-api", base);
    await stack.settle();
    expect(stack.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({
      name: "inference-api",
      labels: { "pod-security.kubernetes.io/enforce": "restricted" },
    });
    const admit = stack
      .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .find((p) => p.inputs.metadata.name === "allow-ingress-0");
    expect(admit?.inputs.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "inference-api" } },
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
    expect(stack.one("kubernetes:core/v1:Service").inputs.spec).toMatchObject({
      type: "ClusterIP",
      ports: [{ port: 8443, targetPort: "service" }],
    });
    // Only DNS egress unless destinations are declared.
    expect(
      stack
        .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .map((p) => p.inputs.metadata.name)
        .sort(),
    ).toEqual(["allow-dns-egress", "allow-ingress-0", "default-deny-all"]);
  });

  it("mounts a token only when asked, bound to its own least-privilege role", async () => {
    const stack = await MockStack.start();
    new IsolatedService("context", {
      ...base,
      workload: "mcp-context",
      serviceAccountToken: true,
      rules: [
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["context-index"] },
      ],
      egress: [{ toCidrs: ["10.40.4.0/22"], ports: [{ port: 5432 }] }],
    });
    await stack.settle();
    expect(
      stack.one("kubernetes:apps/v1:Deployment").inputs.spec.template.spec.automountServiceAccountToken,
    ).toBe(true);
    expect(stack.one("kubernetes:rbac.authorization.k8s.io/v1:Role").inputs.rules[0].resourceNames).toEqual([
      "context-index",
    ]);
    expect(
      stack
        .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .some((p) => p.inputs.metadata.name === "allow-egress-0"),
    ).toBe(true);
  });

  it("registers only objects that pass the Kubernetes API schema", async () => {
    const stack = await MockStack.start();
    new IsolatedService("inference-api", { ...base, env: { MODEL: "llama" }, args: ["--port", "8443"] });
    await stack.settle();
    expect(validateKubernetesObjects(stack.registrations)).toBeGreaterThanOrEqual(8);
  });

  const bad: [string, Partial<IsolatedServiceArgs>, unknown][] = [
    ["image", { image: "model-server:latest" }, "model-server:latest"],
    ["image", { image: "model-server" }, "model-server"],
    ["port", { port: 80 }, 80],
    ["port", { port: 70000 }, 70000],
    ["callers", { callers: [] }, []],
    ["callers[0].namespace", { callers: [{ namespace: "Gateway" }] }, "Gateway"],
    ["replicas", { replicas: 0 }, 0],
    ["workload", { workload: "batch" as never }, "batch"],
    ["runAsUser", { runAsUser: 0 }, 0],
    ["rules[0].verbs[0]", { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["*" as never] }] }, "*"],
    ["egress[0].toCidrs[0]", { egress: [{ toCidrs: ["everywhere"], ports: [{ port: 443 }] }] }, "everywhere"],
    ['env["1BAD"]', { env: { "1BAD": "x" } }, "1BAD"],
    ["namespace", { namespace: "Inference" }, "Inference"],
    [
      "resources.requests.cpu",
      { resources: { requests: { cpu: "lots", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
      "lots",
    ],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, override, value) => {
    const stack = await MockStack.start();
    expectRejected(() => new IsolatedService("svc", { ...base, ...override }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  const malformed: [string, unknown, unknown][] = [
    ["args", undefined, undefined],
    ["args", null, null],
    ["image", { ...base, image: undefined }, undefined],
    ["port", { ...base, port: "8443" }, "8443"],
    ["port", { ...base, port: pulumi.output(8443) }, pulumi.output(8443)],
    ["callers", { ...base, callers: "gateway" }, "gateway"],
    ["callers", { ...base, callers: pulumi.output([{ namespace: "gateway" }]) }, pulumi.output([])],
    ["callers[0]", { ...base, callers: [null] }, null],
    ["callers[0].podLabels.app", { ...base, callers: [{ namespace: "gateway", podLabels: { app: 1 } }] }, 1],
    ["egress[0].ports", { ...base, egress: [{ toCidrs: ["10.0.0.0/8"], ports: 443 }] }, 443],
    ["replicas", { ...base, replicas: "2" }, "2"],
    ["env", { ...base, env: ["A=1"] }, ["A=1"]],
    ["env.A", { ...base, env: { A: 1 } }, 1],
    ["args", { ...base, args: "--port 8443" }, "--port 8443"],
    ["labels", { ...base, labels: "app=api" }, "app=api"],
    ["namespaceOptions.quota", { ...base, namespaceOptions: { quota: "big" } }, "big"],
    ["namespaceOptions.ingress", { ...base, namespaceOptions: { ingress: [] } }, []],
    ["resources.limits", { ...base, resources: { requests: { cpu: "1", memory: "1Gi" } } }, undefined],
    ["serviceAccountToken", { ...base, serviceAccountToken: "yes" }, "yes"],
    ["callerz", { ...base, callerz: [] }, []],
  ];
  it.each(malformed)(
    "rejects malformed %s as one named error, never a raw TypeError",
    async (path, args, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new IsolatedService("svc", args as IsolatedServiceArgs), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it.each([
    ["namespace", { namespace: "kube-system" }, "kube-system"],
    ["namespace", { namespace: "default" }, "default"],
    ['namespaceOptions.quota["pods"]', { namespaceOptions: { quota: { pods: "many" } } }, "many"],
    ["namespaceOptions.podSecurityVersion", { namespaceOptions: { podSecurityVersion: "1.33" } }, "1.33"],
    ["egress[0].toCidrs", { egress: [{ toCidrs: ["::/0"], ports: [{ port: 443 }] }] }, ["::/0"]],
  ] as [string, Partial<IsolatedServiceArgs>, unknown][])(
    "names %s in its own arguments before registering anything",
    async (path, override, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new IsolatedService("svc", { ...base, ...override }), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it("refuses egress to the whole internet with the shared rule", () => {
    const error = expectRejected(
      () =>
        new IsolatedService("svc", { ...base, egress: [{ toCidrs: ["0.0.0.0/0"], ports: [{ port: 443 }] }] }),
      "egress[0].toCidrs",
      ["0.0.0.0/0"],
    );
    expect(error.problems.map((p) => p.rule)).toEqual([WHOLE_INTERNET_RULE]);
  });

  it.each([
    // A Service name is a DNS-1035 label: it must start with a letter.
    ["1api", /valid Service name/],
    // The namespace defaults to the component name, and system namespaces are refused.
    ["kube-system", /system namespace/],
    ["default", /system namespace|"default"/],
    ["a".repeat(64), /DNS label|Service name/],
  ])(
    "rejects the name %j from which its Kubernetes names derive, registering nothing",
    async (name, rule) => {
      const stack = await MockStack.start();
      const error = expectRejected(() => new IsolatedService(name, base), "name", name);
      expect(error.message).toMatch(rule);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it("carries its compliance labels on the Deployment and the Service, and retains only the namespace's data", async () => {
    const stack = await MockStack.start();
    new IsolatedService("api", {
      ...base,
      compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" },
    });
    await stack.settle();
    for (const type of ["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]) {
      expect(stack.one(type).inputs.metadata.labels).toMatchObject({
        "compliance.palisade.dev/data-classification": "phi",
      });
      expect(stack.one(type).retainOnDelete).toBe(false);
    }
    expect(stack.one("kubernetes:core/v1:Namespace").retainOnDelete).toBe(true);
  });

  it("rejects a name that is not a string once, deriving nothing from it", async () => {
    const stack = await MockStack.start();
    const name = Object.create(null) as string;
    const error = expectRejected(() => new IsolatedService(name, base), "name", name);
    expect(error.problems).toHaveLength(1);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
