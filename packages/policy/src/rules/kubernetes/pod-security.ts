/**
 * The Kubernetes Pod Security Standards (baseline and restricted), as the Pod Security Admission
 * controller applies them at policy version v1.37, for a pod spec and its metadata. A plain function so
 * components can assert their pod templates pass it; the HIPAA pack wraps it as a resource rule.
 * Source: kubernetes.io/docs/concepts/security/pod-security-standards; scored in test/psa-corpus.test.ts
 * against the 148 cases of kubernetes/pod-security-admission's own test data.
 */
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

function containersOf(spec: Spec): { path: string; c: Spec }[] {
  return (["initContainers", "containers", "ephemeralContainers"] as const).flatMap((kind) =>
    ((spec[kind] as Spec[] | undefined) ?? []).map((c, i) => ({ path: `${kind}[${i}]`, c: c ?? {} })),
  );
}

/** Every way a pod spec breaks the profile at `level`; empty when it complies. */
export function checkPodSpec(spec: Spec | undefined, level: PodSecurityLevel, metadata: Spec = {}): string[] {
  const s: Spec = spec ?? {};
  const v: string[] = [];
  const psc: Spec = s.securityContext ?? {};
  const containers = containersOf(s);
  const windows = s.os?.name === "windows";

  // Baseline.
  if (psc.windowsOptions?.hostProcess === true)
    v.push("securityContext.windowsOptions.hostProcess must not be true");
  for (const { path, c } of containers) {
    if (c.securityContext?.windowsOptions?.hostProcess === true)
      v.push(`${path}.securityContext.windowsOptions.hostProcess must not be true`);
  }
  for (const ns of ["hostNetwork", "hostPID", "hostIPC"])
    if (s[ns] === true) v.push(`${ns} must not be true`);
  for (const { path, c } of containers) {
    if (c.securityContext?.privileged === true) v.push(`${path}.securityContext.privileged must not be true`);
    for (const cap of (c.securityContext?.capabilities?.add as string[] | undefined) ?? []) {
      if (!BASELINE_CAPABILITIES.has(cap)) v.push(`${path} adds capability ${cap}, beyond the baseline set`);
    }
    for (const [i, port] of ((c.ports as Spec[] | undefined) ?? []).entries()) {
      if (port?.hostPort !== undefined && port.hostPort !== 0)
        v.push(`${path}.ports[${i}].hostPort must be unset or 0`);
    }
    const handlers: [string, Spec | undefined][] = [
      ["livenessProbe", c.livenessProbe],
      ["readinessProbe", c.readinessProbe],
      ["startupProbe", c.startupProbe],
      ["lifecycle.postStart", c.lifecycle?.postStart],
      ["lifecycle.preStop", c.lifecycle?.preStop],
    ];
    for (const [name, handler] of handlers) {
      for (const kind of ["httpGet", "tcpSocket"]) {
        const host: unknown = handler?.[kind]?.host;
        if (host !== undefined && host !== "") v.push(`${path}.${name}.${kind}.host must be unset`);
      }
    }
  }
  for (const [i, volume] of ((s.volumes as Spec[] | undefined) ?? []).entries()) {
    if (volume?.hostPath !== undefined) v.push(`volumes[${i}].hostPath is not allowed`);
  }
  const apparmor = (where: string, profile: Spec | undefined) => {
    if (profile?.type !== undefined && profile.type !== "RuntimeDefault" && profile.type !== "Localhost") {
      v.push(`${where}.appArmorProfile.type must be RuntimeDefault or Localhost`);
    }
  };
  apparmor("securityContext", psc.appArmorProfile);
  for (const [key, value] of Object.entries(
    (metadata.annotations as Record<string, string> | undefined) ?? {},
  )) {
    if (
      key.startsWith("container.apparmor.security.beta.kubernetes.io/") &&
      value !== "runtime/default" &&
      !String(value).startsWith("localhost/")
    ) {
      v.push(`annotation ${key} must be runtime/default or localhost/*`);
    }
  }
  const selinux = (where: string, options: Spec | undefined) => {
    if (!options) return;
    if (options.type !== undefined && !SELINUX_TYPES.has(options.type))
      v.push(`${where}.seLinuxOptions.type ${options.type} is not allowed`);
    if (options.user) v.push(`${where}.seLinuxOptions.user must be unset`);
    if (options.role) v.push(`${where}.seLinuxOptions.role must be unset`);
  };
  selinux("securityContext", psc.seLinuxOptions);
  for (const { path, c } of containers) {
    apparmor(`${path}.securityContext`, c.securityContext?.appArmorProfile);
    selinux(`${path}.securityContext`, c.securityContext?.seLinuxOptions);
    const procMount: unknown = c.securityContext?.procMount;
    // Unmasked /proc is baseline-safe only inside a user namespace.
    if (
      procMount !== undefined &&
      procMount !== "Default" &&
      (level === "restricted" || s.hostUsers !== false)
    ) {
      v.push(`${path}.securityContext.procMount must be Default`);
    }
  }
  const seccompBaseline = (where: string, profile: Spec | undefined) => {
    if (profile?.type === "Unconfined") v.push(`${where}.seccompProfile.type must not be Unconfined`);
  };
  seccompBaseline("securityContext", psc.seccompProfile);
  for (const { path, c } of containers)
    seccompBaseline(`${path}.securityContext`, c.securityContext?.seccompProfile);
  for (const sysctl of (psc.sysctls as Spec[] | undefined) ?? []) {
    if (!SAFE_SYSCTLS.has(sysctl?.name)) v.push(`sysctl ${sysctl?.name} is not in the safe set`);
  }
  if (level === "baseline") return v;

  // Restricted.
  for (const [i, volume] of ((s.volumes as Spec[] | undefined) ?? []).entries()) {
    const types = Object.keys(volume ?? {}).filter((k) => k !== "name");
    for (const type of types)
      if (!RESTRICTED_VOLUMES.has(type)) v.push(`volumes[${i}] type ${type} is not allowed`);
  }
  for (const { path, c } of containers) {
    const runAsNonRoot: unknown = c.securityContext?.runAsNonRoot ?? psc.runAsNonRoot;
    if (runAsNonRoot !== true)
      v.push(`${path} must run as non-root (runAsNonRoot: true on the pod or container)`);
    if (c.securityContext?.runAsUser === 0) v.push(`${path}.securityContext.runAsUser must not be 0`);
  }
  if (psc.runAsNonRoot === false) v.push("securityContext.runAsNonRoot must not be false");
  if (psc.runAsUser === 0) v.push("securityContext.runAsUser must not be 0");
  if (!windows) {
    for (const { path, c } of containers) {
      if (c.securityContext?.allowPrivilegeEscalation !== false)
        v.push(`${path}.securityContext.allowPrivilegeEscalation must be false`);
      const caps: Spec = c.securityContext?.capabilities ?? {};
      if (!((caps.drop as string[] | undefined) ?? []).includes("ALL"))
        v.push(`${path} must drop ALL capabilities`);
      for (const cap of (caps.add as string[] | undefined) ?? []) {
        if (cap !== "NET_BIND_SERVICE") v.push(`${path} may add only NET_BIND_SERVICE, not ${cap}`);
      }
      const type: unknown = c.securityContext?.seccompProfile?.type ?? psc.seccompProfile?.type;
      if (type !== "RuntimeDefault" && type !== "Localhost")
        v.push(`${path} needs seccompProfile RuntimeDefault or Localhost`);
    }
  }
  return v;
}
