import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import { checkPodSpec, podSecurityFindings, podSecurityRestricted, podTemplate } from "./pod-security";

const container = (securityContext: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name: "app",
  image: "registry.example.com/app:1",
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, ...securityContext },
  ...extra,
});
const restricted = (spec: Record<string, unknown> = {}) => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  containers: [container()],
  ...spec,
});
const deployment = (
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): KitResource => ({
  type: "kubernetes:apps/v1:Deployment",
  name: "api",
  props: {
    metadata: { name: "api" },
    spec: { selector: {}, template: { metadata, spec: restricted(spec) } },
  },
});
const withContainer = (securityContext: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  deployment({ containers: [container(securityContext, extra)] });
const podSc = (securityContext: Record<string, unknown>) =>
  deployment({
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, ...securityContext },
  });

describeRule(podSecurityRestricted, {
  baseline: hipaa,
  compliant: [
    deployment(),
    { type: "kubernetes:core/v1:Pod", name: "pod", props: { metadata: { name: "pod" }, spec: restricted() } },
    {
      type: "kubernetes:batch/v1:CronJob",
      name: "job",
      props: { spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: restricted() } } } } },
    },
    ...["StatefulSet", "DaemonSet", "ReplicaSet"].map((kind) => ({
      type: `kubernetes:apps/v1:${kind}`,
      name: kind,
      props: { spec: { template: { spec: restricted() } } },
    })),
    { type: "kubernetes:batch/v1:Job", name: "once", props: { spec: { template: { spec: restricted() } } } },
    deployment({
      volumes: [
        { name: "c", configMap: { name: "c" } },
        { name: "t", emptyDir: {} },
      ],
      containers: [
        container({
          capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
          seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
        }),
      ],
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        sysctls: [{ name: "net.ipv4.tcp_syncookies", value: "1" }],
      },
    }),
    deployment(
      {},
      { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" } },
    ),
    // Windows pods are spared the Linux-only controls.
    deployment({ os: { name: "windows" }, containers: [{ name: "w", image: "w" }] }),
    // The image comes from a resource created in the same preview.
    deployment({ containers: [container({}, { image: UNKNOWN })] }),
  ],
  requirements: {
    "host-process": {
      violating: [
        podSc({ windowsOptions: { hostProcess: true } }),
        withContainer({ windowsOptions: { hostProcess: true } }),
      ],
      unknown: [withContainer({ windowsOptions: { hostProcess: UNKNOWN } })],
    },
    "host-namespaces": {
      violating: [
        deployment({ hostNetwork: true }),
        deployment({ hostPID: true }),
        deployment({ hostIPC: true }),
      ],
      compliant: [deployment({ hostNetwork: false })],
      unknown: [deployment({ hostNetwork: UNKNOWN })],
    },
    privileged: {
      violating: [
        withContainer({ privileged: true }),
        deployment({ initContainers: [container({ privileged: true })] }),
      ],
      unknown: [withContainer({ privileged: UNKNOWN })],
    },
    "capabilities-baseline": {
      violating: [withContainer({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } })],
      unknown: [withContainer({ capabilities: { drop: ["ALL"], add: [UNKNOWN] } })],
      readsWith: ["capabilities-restricted"],
    },
    "host-path-volumes": {
      violating: [deployment({ volumes: [{ name: "h", hostPath: { path: "/var/run" } }] })],
      // The volume's path is not read: a hostPath volume is one whatever it mounts.
      unknown: [],
      decidedWhenUnknown: [deployment({ volumes: [{ name: "c", configMap: UNKNOWN }] })],
    },
    "host-ports": {
      violating: [
        withContainer({}, { ports: [{ containerPort: 8080, hostPort: 8080 }] }),
        {
          resources: [withContainer({}, { ports: [{ containerPort: 9100, hostPort: 9100 }] })],
          config: { allowedHostPorts: [9200] },
        },
      ],
      compliant: [
        withContainer({}, { ports: [{ containerPort: 8080 }, { containerPort: 8081, hostPort: 0 }] }),
        {
          resources: [withContainer({}, { ports: [{ containerPort: 9100, hostPort: 9100 }] })],
          config: { allowedHostPorts: [9100] },
        },
      ],
      unknown: [withContainer({}, { ports: [{ containerPort: 8080, hostPort: UNKNOWN }] })],
    },
    "host-probes": {
      violating: [
        withContainer({}, { livenessProbe: { httpGet: { host: "10.0.0.1", port: 8080 } } }),
        withContainer({}, { readinessProbe: { tcpSocket: { host: "db", port: 5432 } } }),
        withContainer({}, { startupProbe: { httpGet: { host: "x", port: 1 } } }),
        withContainer({}, { lifecycle: { postStart: { httpGet: { host: "x", port: 1 } } } }),
        withContainer({}, { lifecycle: { preStop: { tcpSocket: { host: "x", port: 1 } } } }),
      ],
      compliant: [
        withContainer({}, { livenessProbe: { httpGet: { host: "", path: "/healthz", port: 8080 } } }),
      ],
      unknown: [withContainer({}, { livenessProbe: { httpGet: { host: UNKNOWN, port: 8080 } } })],
    },
    "app-armor-profile": {
      violating: [
        podSc({ appArmorProfile: { type: "Unconfined" } }),
        withContainer({ appArmorProfile: { type: "Unconfined" } }),
        deployment(
          {},
          { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } },
        ),
      ],
      compliant: [
        withContainer({ appArmorProfile: { type: "Localhost", localhostProfile: "p" } }),
        deployment(
          {},
          {
            annotations: { "container.apparmor.security.beta.kubernetes.io/app": "localhost/p", other: "x" },
          },
        ),
      ],
      unknown: [withContainer({ appArmorProfile: { type: UNKNOWN } })],
    },
    "se-linux-options": {
      violating: [
        podSc({ seLinuxOptions: { type: "spc_t" } }),
        withContainer({ seLinuxOptions: { user: "system_u" } }),
        withContainer({ seLinuxOptions: { role: "system_r" } }),
      ],
      compliant: [withContainer({ seLinuxOptions: { type: "container_t", level: "s0:c1" } })],
      unknown: [withContainer({ seLinuxOptions: { type: UNKNOWN } })],
    },
    "proc-mount": {
      violating: [
        withContainer({ procMount: "Unmasked" }),
        deployment({ hostUsers: true, containers: [container({ procMount: "Unmasked" })] }),
      ],
      compliant: [withContainer({ procMount: "Default" })],
      unknown: [withContainer({ procMount: UNKNOWN })],
      readsWith: ["proc-mount-restricted"],
    },
    "seccomp-profile-baseline": {
      violating: [
        podSc({ seccompProfile: { type: "Unconfined" } }),
        withContainer({ seccompProfile: { type: "Unconfined" } }),
      ],
      unknown: [withContainer({ seccompProfile: { type: UNKNOWN } })],
      readsWith: ["seccomp-profile-restricted"],
    },
    sysctls: {
      violating: [podSc({ sysctls: [{ name: "kernel.msgmax", value: "1" }] })],
      unknown: [podSc({ sysctls: [{ name: UNKNOWN, value: "1" }] })],
    },
    "restricted-volumes": {
      violating: [
        deployment({ volumes: [{ name: "n", nfs: { server: "s", path: "/" } }] }),
        deployment({
          volumes: [
            { name: "c", configMap: { name: "c" } },
            { name: "g", gcePersistentDisk: { pdName: "d" } },
          ],
        }),
      ],
      unknown: [deployment({ volumes: UNKNOWN })],
      readsWith: ["host-path-volumes"],
    },
    "proc-mount-restricted": {
      violating: [deployment({ hostUsers: false, containers: [container({ procMount: "Unmasked" })] })],
      unknown: [deployment({ hostUsers: false, containers: [container({ procMount: UNKNOWN })] })],
      readsWith: ["proc-mount"],
    },
    "run-as-non-root": {
      violating: [
        podSc({ runAsNonRoot: false }),
        deployment({ securityContext: { seccompProfile: { type: "RuntimeDefault" } } }),
        deployment({
          securityContext: { seccompProfile: { type: "RuntimeDefault" } },
          containers: [container({ runAsNonRoot: true }), container({ runAsNonRoot: false })],
        }),
      ],
      compliant: [
        deployment({
          securityContext: { seccompProfile: { type: "RuntimeDefault" } },
          containers: [container({ runAsNonRoot: true })],
        }),
      ],
      unknown: [podSc({ runAsNonRoot: UNKNOWN })],
    },
    "run-as-user": {
      violating: [podSc({ runAsUser: 0 }), withContainer({ runAsUser: 0 })],
      compliant: [withContainer({ runAsUser: 1000 })],
      unknown: [withContainer({ runAsUser: UNKNOWN })],
    },
    "allow-privilege-escalation": {
      violating: [
        withContainer({ allowPrivilegeEscalation: true }),
        deployment({
          containers: [{ name: "c", image: "i", securityContext: { capabilities: { drop: ["ALL"] } } }],
        }),
      ],
      unknown: [withContainer({ allowPrivilegeEscalation: UNKNOWN })],
    },
    "capabilities-restricted": {
      violating: [
        withContainer({ capabilities: { drop: ["NET_RAW"] } }),
        withContainer({ capabilities: undefined }),
        withContainer({ capabilities: { drop: ["ALL"], add: ["CHOWN"] } }),
      ],
      unknown: [withContainer({ capabilities: { drop: UNKNOWN } })],
    },
    "seccomp-profile-restricted": {
      violating: [
        deployment({ securityContext: { runAsNonRoot: true } }),
        podSc({ seccompProfile: { type: "Other" } }),
      ],
      unknown: [podSc({ seccompProfile: { type: UNKNOWN } })],
      readsWith: ["seccomp-profile-baseline"],
    },
  },
});

describe("kubernetes-pod-security-restricted", () => {
  it("judges each control on its own: an unknown host port leaves only that control undetermined", async () => {
    const result = await analyzeRule(
      podSecurityRestricted,
      withContainer({ privileged: true }, { ports: [{ containerPort: 80, hostPort: UNKNOWN }] }),
      { baseline: hipaa },
    );
    expect(requirementsOf(result)).toEqual(["kubernetes-pod-security-restricted/privileged"]);
    expect(result.undetermined).toHaveLength(1);
    expect(result.undetermined[0]).toContain("[kubernetes-pod-security-restricted/host-ports]");
  });

  it("lets an exemption relax one control for one workload and keeps the rest of the profile", async () => {
    const sensor = withContainer(
      { seccompProfile: { type: "Unconfined" } },
      { ports: [{ containerPort: 9100, hostPort: 9100 }] },
    );
    const exemption = {
      requirement: "kubernetes-pod-security-restricted/host-ports",
      resource: "api",
      reason: "node exporter serves metrics on a host port",
      expires: "2099-12-31",
    };
    const result = await analyzeRule(podSecurityRestricted, sensor, {
      baseline: hipaa,
      config: { exemptions: [exemption] },
    });
    expect(result.exempted).toEqual([
      "[exempted] node exporter serves metrics on a host port (until 2099-12-31): [kubernetes-pod-security-restricted/host-ports] containers[0].ports[0].hostPort is set and not in allowedHostPorts",
    ]);
    expect(requirementsOf(result)).toEqual(["kubernetes-pod-security-restricted/seccomp-profile-baseline"]);
  });
});

describe("checkPodSpec and podSecurityFindings", () => {
  it("apply the baseline profile alone, or the restricted one on top", () => {
    const spec = { hostNetwork: true, containers: [{ name: "c", image: "i" }] };
    expect(podSecurityFindings(spec, "baseline").map((f) => f.check)).toEqual(["host-namespaces"]);
    expect(new Set(podSecurityFindings(spec, "restricted").map((f) => f.check))).toEqual(
      new Set([
        "host-namespaces",
        "run-as-non-root",
        "allow-privilege-escalation",
        "capabilities-restricted",
        "seccomp-profile-restricted",
      ]),
    );
    expect(checkPodSpec(spec, "baseline")).toEqual(["hostNetwork is true"]);
    expect(checkPodSpec(undefined, "restricted")).toEqual([]);
  });

  it("take an allowed host-port list", () => {
    const spec = { containers: [{ name: "c", image: "i", ports: [{ hostPort: 9100 }] }] };
    expect(checkPodSpec(spec, "baseline")).toHaveLength(1);
    expect(checkPodSpec(spec, "baseline", {}, { allowedHostPorts: [9100] })).toEqual([]);
  });
});

describe("podTemplate", () => {
  it("finds each kind's pod template, and none for other kinds", () => {
    const spec = { containers: [] };
    expect(podTemplate("kubernetes:core/v1:Pod", { spec, metadata: { name: "p" } })).toEqual({
      spec,
      metadata: { name: "p" },
    });
    expect(podTemplate("kubernetes:apps/v1:Deployment", { spec: { template: { spec } } })).toEqual({ spec });
    expect(
      podTemplate("kubernetes:batch/v1:CronJob", { spec: { jobTemplate: { spec: { template: { spec } } } } }),
    ).toEqual({ spec });
    expect(podTemplate("kubernetes:apps/v1:Deployment", {})).toEqual({});
    expect(podTemplate("kubernetes:core/v1:Service", { spec })).toEqual({});
  });
});
