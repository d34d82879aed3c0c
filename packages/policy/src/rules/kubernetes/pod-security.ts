/**
 * The Kubernetes Pod Security Standards (baseline and restricted), as the Pod Security Admission
 * controller applies them at policy version v1.37, one check per PSA control, for a pod spec and its
 * metadata. Plain functions, so components can assert their pod templates pass them; the rule below makes
 * each check a requirement of its own, so an exemption can relax one control (a host port, seccomp for one
 * image) and leave the rest of the profile in force.
 * Source: kubernetes.io/docs/concepts/security/pod-security-standards; scored in test/psa-corpus.test.ts
 * against the 148 cases of kubernetes/pod-security-admission's own test data.
 */
import { fixedSetting, resourceRule, type RuleConfig } from "../../rule";

export type PodSecurityLevel = "baseline" | "restricted";

type Spec = Record<string, any>;

const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle",
  "net.ipv4.tcp_notsent_lowat",
]);
const SELINUX_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);
const RESTRICTED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
  "image",
]);

/** Options the profile leaves to the operator. */
export interface PodSecurityOptions {
  /**
   * Host ports a container may use: the baseline profile allows "a known list", which PSA itself does not
   * support. Empty by default, as the restricted profile's recommendation says.
   */
  allowedHostPorts?: readonly number[];
}

/** A pod spec as the checks read it: containers are read lazily, so a check reads only what it needs. */
export class Pod {
  readonly s: Spec;
  readonly metadata: Spec;
  constructor(spec: Spec | undefined, metadata: Spec | undefined) {
    this.s = spec ?? {};
    this.metadata = metadata ?? {};
  }
  get psc(): Spec {
    return this.s.securityContext ?? {};
  }
  get containers(): { path: string; c: Spec }[] {
    return (["initContainers", "containers", "ephemeralContainers"] as const).flatMap((kind) =>
      ((this.s[kind] as Spec[] | undefined) ?? []).map((c, i) => ({ path: `${kind}[${i}]`, c: c ?? {} })),
    );
  }
  get volumes(): Spec[] {
    return (this.s.volumes as Spec[] | undefined) ?? [];
  }
  get windows(): boolean {
    return this.s.os?.name === "windows";
  }
}

export interface PodSecurityCheck {
  /** The requirement id, after the PSA control (`hostports` is `host-ports`). */
  id: string;
  level: PodSecurityLevel;
  description: string;
  remediation: string;
  run(pod: Pod, options: PodSecurityOptions): string[];
}

const appArmor = (where: string, profile: Spec | undefined) =>
  profile?.type !== undefined && profile.type !== "RuntimeDefault" && profile.type !== "Localhost"
    ? [`${where}.appArmorProfile.type is not a confining profile (the runtime's default or a localhost one)`]
    : [];

const seLinux = (where: string, options: Spec | undefined): string[] => {
  if (!options) return [];
  return [
    ...(options.type !== undefined && !SELINUX_TYPES.has(options.type)
      ? [`${where}.seLinuxOptions.type is not a container type`]
      : []),
    ...(options.user ? [`${where}.seLinuxOptions.user is set`] : []),
    ...(options.role ? [`${where}.seLinuxOptions.role is set`] : []),
  ];
};

const PROBE_HANDLERS = ["livenessProbe", "readinessProbe", "startupProbe"];

/** The checks, baseline first, then the ones the restricted profile adds. */
export const POD_SECURITY_CHECKS: readonly PodSecurityCheck[] = [
  {
    id: "host-process",
    level: "baseline",
    description: "No Windows HostProcess containers",
    remediation: "Remove windowsOptions.hostProcess: true from the pod and its containers.",
    run: (pod) => [
      ...(pod.psc.windowsOptions?.hostProcess === true
        ? ["securityContext.windowsOptions.hostProcess is true"]
        : []),
      ...pod.containers.flatMap(({ path, c }) =>
        c.securityContext?.windowsOptions?.hostProcess === true
          ? [`${path}.securityContext.windowsOptions.hostProcess is true`]
          : [],
      ),
    ],
  },
  {
    id: "host-namespaces",
    level: "baseline",
    description: "The pod shares no host namespace (hostNetwork, hostPID, hostIPC)",
    remediation: "Remove hostNetwork, hostPID and hostIPC (or set them false).",
    run: (pod) =>
      ["hostNetwork", "hostPID", "hostIPC"].flatMap((ns) => (pod.s[ns] === true ? [`${ns} is true`] : [])),
  },
  {
    id: "privileged",
    level: "baseline",
    description: "No privileged containers",
    remediation: "Remove securityContext.privileged: true.",
    run: (pod) =>
      pod.containers.flatMap(({ path, c }) =>
        c.securityContext?.privileged === true ? [`${path}.securityContext.privileged is true`] : [],
      ),
  },
  {
    id: "capabilities-baseline",
    level: "baseline",
    description: "Containers add no capability beyond the baseline set",
    remediation: "Add only the capabilities the baseline profile allows (e.g. NET_BIND_SERVICE, CHOWN).",
    run: (pod) =>
      pod.containers.flatMap(({ path, c }) =>
        ((c.securityContext?.capabilities?.add as unknown[] | undefined) ?? []).flatMap((cap, j) =>
          BASELINE_CAPABILITIES.has(String(cap))
            ? []
            : [`${path}.securityContext.capabilities.add[${j}] is beyond the baseline set`],
        ),
      ),
  },
  {
    id: "host-path-volumes",
    level: "baseline",
    description: "No hostPath volumes",
    remediation: "Use an emptyDir, configMap, secret or persistentVolumeClaim volume instead of hostPath.",
    run: (pod) =>
      pod.volumes.flatMap((v, i) => ("hostPath" in (v ?? {}) ? [`volumes[${i}].hostPath is set`] : [])),
  },
  {
    id: "host-ports",
    level: "baseline",
    description: "No host ports, except those in allowedHostPorts (none by default)",
    remediation: "Remove hostPort (expose the port through a Service), or list it in allowedHostPorts.",
    run: (pod, options) =>
      pod.containers.flatMap(({ path, c }) =>
        ((c.ports as Spec[] | undefined) ?? []).flatMap((port, i) => {
          const hostPort: unknown = port?.hostPort;
          if (hostPort === undefined || hostPort === 0) return [];
          return (options.allowedHostPorts ?? []).includes(Number(hostPort))
            ? []
            : [`${path}.ports[${i}].hostPort is set and not in allowedHostPorts`];
        }),
      ),
  },
  {
    id: "host-probes",
    level: "baseline",
    description: "Probes and lifecycle hooks do not target another host",
    remediation: "Remove host from httpGet and tcpSocket probes and lifecycle handlers.",
    run: (pod) =>
      pod.containers.flatMap(({ path, c }) => {
        const handlers: [string, Spec | undefined][] = [
          ...PROBE_HANDLERS.map((name): [string, Spec | undefined] => [name, c[name]]),
          ["lifecycle.postStart", c.lifecycle?.postStart],
          ["lifecycle.preStop", c.lifecycle?.preStop],
        ];
        return handlers.flatMap(([name, handler]) =>
          ["httpGet", "tcpSocket"].flatMap((kind) => {
            const host: unknown = handler?.[kind]?.host;
            return host !== undefined && host !== "" ? [`${path}.${name}.${kind}.host is set`] : [];
          }),
        );
      }),
  },
  {
    id: "app-armor-profile",
    level: "baseline",
    description: "AppArmor profiles are RuntimeDefault or Localhost",
    remediation: 'Set appArmorProfile.type "RuntimeDefault" (or "Localhost"), or leave it unset.',
    run: (pod) => [
      ...appArmor("securityContext", pod.psc.appArmorProfile),
      ...Object.entries((pod.metadata.annotations as Record<string, unknown> | undefined) ?? {}).flatMap(
        ([key, value]) =>
          key.startsWith("container.apparmor.security.beta.kubernetes.io/") &&
          value !== "runtime/default" &&
          !String(value).startsWith("localhost/")
            ? [`annotation ${key} is not a confining profile (runtime/default or localhost/*)`]
            : [],
      ),
      ...pod.containers.flatMap(({ path, c }) =>
        appArmor(`${path}.securityContext`, c.securityContext?.appArmorProfile),
      ),
    ],
  },
  {
    id: "se-linux-options",
    level: "baseline",
    description: "SELinux options set only a container type, and no user or role",
    remediation: "Remove seLinuxOptions.user and role; use a container_t type or leave it unset.",
    run: (pod) => [
      ...seLinux("securityContext", pod.psc.seLinuxOptions),
      ...pod.containers.flatMap(({ path, c }) =>
        seLinux(`${path}.securityContext`, c.securityContext?.seLinuxOptions),
      ),
    ],
  },
  {
    id: "proc-mount",
    level: "baseline",
    description: "The default /proc mask, unless the pod runs in a user namespace (hostUsers false)",
    remediation: 'Remove procMount (or set "Default").',
    run: (pod) =>
      pod.containers.flatMap(({ path, c }) => {
        const procMount: unknown = c.securityContext?.procMount;
        // Unmasked /proc is baseline-safe only inside a user namespace.
        return procMount !== undefined && procMount !== "Default" && pod.s.hostUsers !== false
          ? [`${path}.securityContext.procMount is not Default`]
          : [];
      }),
  },
  {
    id: "seccomp-profile-baseline",
    level: "baseline",
    description: "No seccomp profile is Unconfined",
    remediation: 'Set seccompProfile.type "RuntimeDefault" instead of "Unconfined".',
    run: (pod) =>
      [
        { where: "securityContext", profile: pod.psc.seccompProfile as Spec | undefined },
        ...pod.containers.map(({ path, c }) => ({
          where: `${path}.securityContext`,
          profile: c.securityContext?.seccompProfile as Spec | undefined,
        })),
      ].flatMap(({ where, profile }) =>
        profile?.type === "Unconfined" ? [`${where}.seccompProfile.type turns seccomp off`] : [],
      ),
  },
  {
    id: "sysctls",
    level: "baseline",
    description: "Only the safe sysctls",
    remediation:
      "Remove sysctls outside the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, ...).",
    run: (pod) =>
      ((pod.psc.sysctls as Spec[] | undefined) ?? []).flatMap((sysctl, i) =>
        SAFE_SYSCTLS.has(sysctl?.name) ? [] : [`securityContext.sysctls[${i}] is not in the safe set`],
      ),
  },
  {
    id: "restricted-volumes",
    level: "restricted",
    description:
      "Only the restricted volume types (configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)",
    remediation: "Replace the volume with one of the restricted profile's types.",
    run: (pod) =>
      pod.volumes.flatMap((volume, i) =>
        Object.keys(volume ?? {})
          // hostPath is the baseline check's finding.
          .filter((type) => type !== "name" && type !== "hostPath" && !RESTRICTED_VOLUMES.has(type))
          .map((type) => `volumes[${i}].${type} is not a restricted volume type`),
      ),
  },
  {
    id: "proc-mount-restricted",
    level: "restricted",
    description: "The default /proc mask, even in a user namespace",
    remediation: 'Remove procMount (or set "Default").',
    run: (pod) =>
      pod.containers.flatMap(({ path, c }) => {
        const procMount: unknown = c.securityContext?.procMount;
        // Outside a user namespace this is the baseline check's finding.
        return procMount !== undefined && procMount !== "Default" && pod.s.hostUsers === false
          ? [`${path}.securityContext.procMount is not Default`]
          : [];
      }),
  },
  {
    id: "run-as-non-root",
    level: "restricted",
    description: "Every container runs as non-root",
    remediation: "Set securityContext.runAsNonRoot: true on the pod (or on every container).",
    run: (pod) => [
      ...pod.containers.flatMap(({ path, c }) =>
        (c.securityContext?.runAsNonRoot ?? pod.psc.runAsNonRoot) === true
          ? []
          : [`${path} does not run as non-root (runAsNonRoot on the pod or container)`],
      ),
      ...(pod.psc.runAsNonRoot === false ? ["securityContext.runAsNonRoot is false"] : []),
    ],
  },
  {
    id: "run-as-user",
    level: "restricted",
    description: "No container runs as UID 0",
    remediation: "Remove runAsUser: 0; run as a non-zero UID.",
    run: (pod) => [
      ...pod.containers.flatMap(({ path, c }) =>
        c.securityContext?.runAsUser === 0 ? [`${path}.securityContext.runAsUser is 0`] : [],
      ),
      ...(pod.psc.runAsUser === 0 ? ["securityContext.runAsUser is 0"] : []),
    ],
  },
  {
    id: "allow-privilege-escalation",
    level: "restricted",
    description: "Containers cannot gain privileges (Linux pods)",
    remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
    run: (pod) =>
      pod.windows
        ? []
        : pod.containers.flatMap(({ path, c }) =>
            c.securityContext?.allowPrivilegeEscalation === false
              ? []
              : [`${path}.securityContext.allowPrivilegeEscalation is not false`],
          ),
  },
  {
    id: "capabilities-restricted",
    level: "restricted",
    description: "Containers drop ALL capabilities and add back at most NET_BIND_SERVICE (Linux pods)",
    remediation: 'Set securityContext.capabilities.drop ["ALL"]; add only NET_BIND_SERVICE.',
    run: (pod) =>
      pod.windows
        ? []
        : pod.containers.flatMap(({ path, c }) => {
            const caps: Spec = c.securityContext?.capabilities ?? {};
            return [
              ...(((caps.drop as unknown[] | undefined) ?? []).includes("ALL")
                ? []
                : [`${path}.securityContext.capabilities.drop does not include ALL`]),
              // Capabilities beyond the baseline set are the baseline check's finding.
              ...((caps.add as unknown[] | undefined) ?? []).flatMap((cap, j) =>
                cap !== "NET_BIND_SERVICE" && BASELINE_CAPABILITIES.has(String(cap))
                  ? [`${path}.securityContext.capabilities.add[${j}] is not NET_BIND_SERVICE`]
                  : [],
              ),
            ];
          }),
  },
  {
    id: "seccomp-profile-restricted",
    level: "restricted",
    description: "Every container runs under a RuntimeDefault or Localhost seccomp profile (Linux pods)",
    remediation: 'Set securityContext.seccompProfile.type "RuntimeDefault" on the pod (or every container).',
    run: (pod) =>
      pod.windows
        ? []
        : pod.containers.flatMap(({ path, c }) => {
            const type: unknown = c.securityContext?.seccompProfile?.type ?? pod.psc.seccompProfile?.type;
            // Unconfined is the baseline check's finding.
            return type === "RuntimeDefault" || type === "Localhost" || type === "Unconfined"
              ? []
              : [`${path} has no RuntimeDefault or Localhost seccompProfile (pod or container)`];
          }),
  },
];

export interface PodSecurityFinding {
  check: string;
  message: string;
}

/** Every way a pod spec breaks the profile at `level`, each with the check it breaks. */
export function podSecurityFindings(
  spec: Spec | undefined,
  level: PodSecurityLevel,
  metadata: Spec = {},
  options: PodSecurityOptions = {},
): PodSecurityFinding[] {
  const pod = new Pod(spec, metadata);
  return POD_SECURITY_CHECKS.filter((c) => level === "restricted" || c.level === "baseline").flatMap((c) =>
    c.run(pod, options).map((message) => ({ check: c.id, message })),
  );
}

/** Every way a pod spec breaks the profile at `level`; empty when it complies. */
export function checkPodSpec(
  spec: Spec | undefined,
  level: PodSecurityLevel,
  metadata: Spec = {},
  options: PodSecurityOptions = {},
): string[] {
  return podSecurityFindings(spec, level, metadata, options).map((f) => f.message);
}

/** Where each workload kind keeps its pod template. */
const POD_TEMPLATE: Record<string, (props: Spec) => { spec?: Spec; metadata?: Spec }> = {
  "kubernetes:core/v1:Pod": (p) => ({ spec: p.spec, metadata: p.metadata }),
  "kubernetes:batch/v1:CronJob": (p) => p.spec?.jobTemplate?.spec?.template ?? {},
};
for (const kind of [
  "apps/v1:Deployment",
  "apps/v1:StatefulSet",
  "apps/v1:DaemonSet",
  "apps/v1:ReplicaSet",
  "batch/v1:Job",
])
  POD_TEMPLATE[`kubernetes:${kind}`] = (p) => p.spec?.template ?? {};

/** The Kubernetes kinds that run pods. */
export const WORKLOAD_TYPES: readonly string[] = Object.keys(POD_TEMPLATE);

/** The pod template (spec and metadata) of a workload of `type`; empty for any other type. */
export const podTemplate = (type: string, props: Spec): { spec?: Spec; metadata?: Spec } =>
  POD_TEMPLATE[type]?.(props) ?? {};

const options = (config: RuleConfig): PodSecurityOptions => ({
  allowedHostPorts: (config.allowedHostPorts as number[] | undefined) ?? [],
});

export const podSecurityRestricted = resourceRule({
  id: "kubernetes-pod-security-restricted",
  description: "Workloads meet the Pod Security Standards restricted profile, each control judged on its own",
  target: "kubernetes",
  types: WORKLOAD_TYPES,
  config: {
    allowedHostPorts: fixedSetting([], {
      type: "array",
      items: { type: "integer", minimum: 1, maximum: 65535 },
      uniqueItems: true,
      description: "Host ports containers may use (the baseline profile's known list); none by default",
    }),
  },
  requirements: POD_SECURITY_CHECKS.map((c) => ({
    id: c.id,
    description: `${c.description} (${c.level})`,
    remediation: c.remediation,
    check: (props, { type, config }) => {
      const template = podTemplate(type, props);
      return c.run(new Pod(template.spec, template.metadata), options(config));
    },
  })),
});
