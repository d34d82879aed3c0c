/**
 * The baseline runtime detections for AI workloads, for both engines: a process started inside a
 * model-serving container, reads of service-account tokens and cloud credentials, writes under /etc and
 * /usr, and outbound connections to anywhere but the allowed networks.
 */
import { stringify } from "yaml";
import { WORKLOAD_LABEL } from "./isolated-service";

export interface DetectionSettings {
  /** Files whose reads are reported (prefix match). */
  credentialPaths: string[];
  /** Directories whose writes are reported (prefix match). */
  protectedDirectories: string[];
  /** Destinations that are not reported (cluster, VPC and loopback networks). */
  allowedEgressCidrs: string[];
}

export const DEFAULT_DETECTIONS: DetectionSettings = {
  credentialPaths: [
    "/var/run/secrets/kubernetes.io/serviceaccount",
    "/run/secrets/kubernetes.io/serviceaccount",
    "/var/run/secrets/eks.amazonaws.com",
    "/var/run/secrets/pods.eks.amazonaws.com",
    "/root/.aws",
    "/root/.config/gcloud",
    "/root/.azure",
    "/etc/shadow",
  ],
  protectedDirectories: ["/etc", "/usr"],
  allowedEgressCidrs: ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
};

/** Linux MAY_READ / MAY_WRITE masks passed to security_file_permission. */
const MAY_READ = "4";
const MAY_WRITE = "2";

function fileAccessProbe(paths: string[], mask: string) {
  return {
    call: "security_file_permission",
    syscall: false,
    return: true,
    args: [
      { index: 0, type: "file" },
      { index: 1, type: "int" },
    ],
    returnArg: { index: 0, type: "int" },
    returnArgAction: "Post",
    selectors: [
      {
        matchArgs: [
          { index: 0, operator: "Prefix", values: paths },
          { index: 1, operator: "Equal", values: [mask] },
        ],
      },
    ],
  };
}

/** Tetragon TracingPolicy specs by policy name. */
export function tetragonPolicies(settings: DetectionSettings): Record<string, Record<string, unknown>> {
  return {
    "palisade-model-serving-exec": {
      podSelector: { matchLabels: { [WORKLOAD_LABEL]: "model-serving" } },
      kprobes: [
        {
          call: "security_bprm_creds_for_exec",
          syscall: false,
          args: [{ index: 0, type: "linux_binprm" }],
          selectors: [{ matchActions: [{ action: "Post" }] }],
        },
      ],
    },
    "palisade-credential-reads": { kprobes: [fileAccessProbe(settings.credentialPaths, MAY_READ)] },
    "palisade-system-writes": { kprobes: [fileAccessProbe(settings.protectedDirectories, MAY_WRITE)] },
    "palisade-unexpected-egress": {
      kprobes: [
        {
          call: "tcp_connect",
          syscall: false,
          args: [{ index: 0, type: "sock" }],
          selectors: [
            { matchArgs: [{ index: 0, operator: "NotDAddr", values: settings.allowedEgressCidrs }] },
          ],
        },
      ],
    },
  };
}

const quoted = (values: string[]) => values.map((v) => JSON.stringify(v)).join(", ");
const startsWithAny = (field: string, prefixes: string[]) =>
  prefixes.map((p) => `${field} startswith ${JSON.stringify(p)}`).join(" or ");

/** The same detections as Falco rules (a rules file for the chart's `customRules`). */
export function falcoRules(settings: DetectionSettings): string {
  return stringify([
    {
      rule: "Palisade process in model-serving container",
      desc: "A process was started inside a model-serving container after it came up",
      condition: `spawned_process and container and k8s.pod.label[${WORKLOAD_LABEL}] = "model-serving"`,
      output:
        "Process started in model-serving container (command=%proc.cmdline pod=%k8s.pod.name ns=%k8s.ns.name image=%container.image.repository)",
      priority: "WARNING",
      tags: ["palisade", "ai-workload", "process"],
    },
    {
      rule: "Palisade credential file read",
      desc: "A service-account token or cloud credential file was read",
      condition: `open_read and container and (${startsWithAny("fd.name", settings.credentialPaths)})`,
      output: "Credential file read (file=%fd.name command=%proc.cmdline pod=%k8s.pod.name ns=%k8s.ns.name)",
      priority: "WARNING",
      tags: ["palisade", "credentials"],
    },
    {
      rule: "Palisade write below system directories",
      desc: "A file under a protected system directory was opened for writing",
      condition: `open_write and container and (${startsWithAny("fd.name", settings.protectedDirectories)})`,
      output:
        "Write below system directory (file=%fd.name command=%proc.cmdline pod=%k8s.pod.name ns=%k8s.ns.name)",
      priority: "ERROR",
      tags: ["palisade", "filesystem"],
    },
    {
      rule: "Palisade unexpected outbound connection",
      desc: "A container connected to a network outside the allowed ranges",
      condition: `outbound and container and not fd.snet in (${quoted(settings.allowedEgressCidrs)})`,
      output:
        "Unexpected outbound connection (dest=%fd.sip:%fd.sport command=%proc.cmdline pod=%k8s.pod.name ns=%k8s.ns.name)",
      priority: "WARNING",
      tags: ["palisade", "network"],
    },
  ]);
}
