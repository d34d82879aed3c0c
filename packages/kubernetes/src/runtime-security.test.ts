import * as pulumi from "@pulumi/pulumi";
import { WHOLE_INTERNET_RULE } from "@palisade/core";
import { expectRejected, MockStack } from "@palisade/core/test-support";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { RUNTIME_CHARTS, RuntimeSecurity, runtimeChart, type RuntimeSecurityArgs } from "./runtime-security";
import { validateKubernetesObjects } from "./test-support";

describe("RuntimeSecurity", () => {
  it("installs Tetragon from its upstream repository at a pinned version, in its own privileged namespace", async () => {
    const stack = await MockStack.start();
    new RuntimeSecurity("runtime");
    await stack.settle();
    const release = stack.one("kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({
      chart: "tetragon",
      version: "1.4.1",
      repositoryOpts: { repo: "https://helm.cilium.io" },
      namespace: "runtime-security",
      createNamespace: false,
      atomic: true,
      values: { crds: { installMethod: "helm" }, tetragon: { enablePolicyFilter: true } },
    });
    expect(stack.one("kubernetes:core/v1:Namespace").inputs.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
    });
    expect(validateKubernetesObjects(stack.registrations)).toBe(1);
  });

  it("applies the four baseline TracingPolicies after the release", async () => {
    const stack = await MockStack.start();
    new RuntimeSecurity("runtime");
    await stack.settle();
    const policies = stack.ofType("kubernetes:cilium.io/v1alpha1:TracingPolicy");
    const release = stack.one("kubernetes:helm.sh/v3:Release");
    expect(policies.map((p) => p.inputs.metadata.name).sort()).toEqual([
      "palisade-credential-reads",
      "palisade-model-serving-exec",
      "palisade-system-writes",
      "palisade-unexpected-egress",
    ]);
    expect(policies.every((p) => p.dependsOn.includes(release.urn))).toBe(true);
    const spec = (name: string) => policies.find((p) => p.inputs.metadata.name === name)?.inputs.spec;
    expect(spec("palisade-model-serving-exec").podSelector).toEqual({
      matchLabels: { "palisade.dev/workload": "model-serving" },
    });
    expect(spec("palisade-credential-reads").kprobes[0].selectors[0].matchArgs[0].values).toContain(
      "/var/run/secrets/kubernetes.io/serviceaccount",
    );
    expect(spec("palisade-system-writes").kprobes[0].selectors[0].matchArgs).toEqual([
      { index: 0, operator: "Prefix", values: ["/etc", "/usr"] },
      { index: 1, operator: "Equal", values: ["2"] },
    ]);
    expect(spec("palisade-unexpected-egress").kprobes[0]).toMatchObject({
      call: "tcp_connect",
      selectors: [
        {
          matchArgs: [
            {
              operator: "NotDAddr",
              values: ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            },
          ],
        },
      ],
    });
  });

  it("installs Falco with the modern eBPF driver, least privileged, with the same detections as rules", async () => {
    const stack = await MockStack.start();
    new RuntimeSecurity("runtime", { engine: "falco", allowedEgressCidrs: ["10.40.0.0/16"] });
    await stack.settle();
    const release = stack.one("kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({
      chart: "falco",
      version: "9.1.1",
      repositoryOpts: { repo: "https://falcosecurity.github.io/charts" },
      values: { driver: { kind: "modern_ebpf", modernEbpf: { leastPrivileged: true } } },
    });
    const rules = parse(release.inputs.values.customRules["palisade-rules.yaml"]);
    expect(rules.map((r: { rule: string }) => r.rule)).toEqual([
      "Palisade process in model-serving container",
      "Palisade credential file read",
      "Palisade write below system directories",
      "Palisade unexpected outbound connection",
    ]);
    expect(rules[3].condition).toBe('outbound and container and not fd.snet in ("10.40.0.0/16")');
    expect(stack.ofType("kubernetes:cilium.io/v1alpha1:TracingPolicy")).toEqual([]);
  });

  const bad: [string, RuntimeSecurityArgs, unknown][] = [
    ["engine", { engine: "sysdig" as never }, "sysdig"],
    ["chartVersion", { chartVersion: "^1.4" }, "^1.4"],
    ["chartVersion", { chartVersion: "latest" }, "latest"],
    ["namespace", { namespace: "Runtime Security" }, "Runtime Security"],
    ["credentialPaths", { credentialPaths: [] }, []],
    ["credentialPaths[0]", { credentialPaths: ["relative/path"] }, "relative/path"],
    ["protectedDirectories[0]", { protectedDirectories: ['/etc"; rm'] }, '/etc"; rm'],
    ["allowedEgressCidrs[0]", { allowedEgressCidrs: ["10.0.0.0"] }, "10.0.0.0"],
    [
      "compliance.owner",
      { compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "SecOps" } },
      "SecOps",
    ],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, args, value) => {
    const stack = await MockStack.start();
    expectRejected(() => new RuntimeSecurity("runtime", args), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "rejects the engine %j, a key of every object's prototype, registering nothing",
    async (engine) => {
      const stack = await MockStack.start();
      expectRejected(
        () => new RuntimeSecurity("runtime", { engine: engine as never, chartVersion: "1.4.1" }),
        "engine",
        engine,
      );
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it("looks charts up among its own engines only", () => {
    expect(runtimeChart("falco")).toBe(RUNTIME_CHARTS.falco);
    for (const key of ["constructor", "toString", "__proto__"]) expect(runtimeChart(key)).toBeUndefined();
  });

  const malformed: [string, unknown, unknown][] = [
    ["args", null, null],
    ["credentialPaths", { credentialPaths: "/etc/shadow" }, "/etc/shadow"],
    ["credentialPaths[0]", { credentialPaths: [7] }, 7],
    ["protectedDirectories", { protectedDirectories: { etc: "/etc" } }, { etc: "/etc" }],
    ["allowedEgressCidrs", { allowedEgressCidrs: "10.0.0.0/8" }, "10.0.0.0/8"],
    ["engine", { engine: pulumi.output("falco") }, pulumi.output("falco")],
    ["namespace", { namespace: ["runtime"] }, ["runtime"]],
    ["values", { values: "crds: {}" }, "crds: {}"],
    ["values", { values: pulumi.output({}) }, pulumi.output({})],
    ["compliance", { compliance: ["hipaa"] }, ["hipaa"]],
    [
      "compliance.frameworks",
      { compliance: { frameworks: "hipaa", dataClassification: "phi", owner: "x" } },
      "hipaa",
    ],
    ["chartVersion", { chartVersion: 1.4 }, 1.4],
    ["engin", { engin: "falco" }, "falco"],
    // Found by the property test: Pulumi's registration throws on these keys, after the namespace.
    ["values.toString", { values: { toString: 1 } }, 1],
    ["values.valueOf", { values: { valueOf: "x" } }, "x"],
  ];
  it.each(malformed)(
    "rejects malformed %s as one named error, never a raw TypeError",
    async (path, args, value) => {
      const stack = await MockStack.start();
      expectRejected(() => new RuntimeSecurity("runtime", args as RuntimeSecurityArgs), path, value);
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    },
  );

  it.each([[["0.0.0.0/0"]], [["::/0"]], [["0.0.0.0/1", "128.0.0.0/1"]]])(
    "refuses to treat the whole internet as expected egress (%j): nothing would be reported",
    (allowedEgressCidrs) => {
      const error = expectRejected(
        () => new RuntimeSecurity("runtime", { allowedEgressCidrs }),
        "allowedEgressCidrs",
        allowedEgressCidrs,
      );
      expect(error.problems.map((p) => p.rule)).toContain(WHOLE_INTERNET_RULE);
    },
  );

  it.each(["kube-system", "kube-public", "kube-node-lease", "default"])(
    "refuses to install the sensor into the system namespace %s",
    (namespace) => {
      expectRejected(() => new RuntimeSecurity("runtime", { namespace }), "namespace", namespace);
    },
  );
});
