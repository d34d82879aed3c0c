import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { Namespace } from "@pulumi/kubernetes/core/v1";
import { Release } from "@pulumi/kubernetes/helm/v3";
import {
  childName,
  kubernetesLabels,
  validate,
  type ComplianceMetadata,
  type ProblemCollector,
} from "@palisade/core";
import { checkCidr, checkName } from "./rules";
import { DEFAULT_DETECTIONS, falcoRules, tetragonPolicies, type DetectionSettings } from "./runtime-policies";
import { DEFAULT_POD_SECURITY_VERSION, podSecurityLabels } from "./zero-trust-namespace";

export type RuntimeEngine = "tetragon" | "falco";

/** Upstream charts, pinned. Check `helm search repo` before moving a pin. */
export const RUNTIME_CHARTS: Record<RuntimeEngine, { repo: string; chart: string; version: string }> = {
  tetragon: { repo: "https://helm.cilium.io", chart: "tetragon", version: "1.4.1" },
  falco: { repo: "https://falcosecurity.github.io/charts", chart: "falco", version: "9.1.1" },
};

export interface RuntimeSecurityArgs extends Partial<DetectionSettings> {
  /** @default "tetragon" */
  engine?: RuntimeEngine;
  /** Chart version (x.y.z). @default the pin in RUNTIME_CHARTS */
  chartVersion?: string;
  /** Namespace for the sensor; labelled Pod Security `privileged`, which kernel sensors need. @default "runtime-security" */
  namespace?: string;
  /** Extra chart values, merged over Palisade's. */
  values?: Record<string, unknown>;
  compliance?: ComplianceMetadata;
}

const TYPE = "palisade:kubernetes:RuntimeSecurity";

/**
 * Kernel-level runtime monitoring through eBPF: Cilium Tetragon (default) or Falco with its modern eBPF
 * driver, installed as a Helm release from the upstream chart repository at a pinned version, in its own
 * namespace, with Palisade's baseline detections for AI workloads. Installing needs the cluster's Helm
 * client (the Pulumi Kubernetes provider) to reach the chart repository.
 */
export class RuntimeSecurity extends pulumi.ComponentResource {
  readonly release: Release;
  readonly engine: RuntimeEngine;

  constructor(name: string, args: RuntimeSecurityArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const s = validate(`${TYPE} "${name}"`, (problems) => validateRuntimeSecurityArgs(problems, args));
    super(TYPE, name, {}, opts);
    this.engine = s.engine;
    const chart = RUNTIME_CHARTS[s.engine];
    const namespace = new Namespace(
      childName(name, "ns"),
      {
        metadata: {
          name: s.namespace,
          labels: { ...s.labels, ...podSecurityLabels("privileged", DEFAULT_POD_SECURITY_VERSION) },
        },
      },
      { parent: this },
    );
    this.release = new Release(
      childName(name, s.engine),
      {
        name: s.engine,
        chart: chart.chart,
        version: s.version,
        repositoryOpts: { repo: chart.repo },
        namespace: s.namespace,
        createNamespace: false,
        atomic: true,
        cleanupOnFail: true,
        maxHistory: 10,
        values: {
          ...(s.engine === "tetragon" ? tetragonValues() : falcoValues(s.detections)),
          ...args.values,
        },
      },
      { parent: this, dependsOn: [namespace] },
    );
    if (s.engine === "tetragon") {
      for (const [policy, spec] of Object.entries(tetragonPolicies(s.detections))) {
        // TracingPolicy is cluster-scoped; its CRD arrives with the release.
        new CustomResource(
          childName(name, policy),
          {
            apiVersion: "cilium.io/v1alpha1",
            kind: "TracingPolicy",
            metadata: { name: policy, labels: s.labels },
            spec,
          },
          { parent: this, dependsOn: [this.release] },
        );
      }
    }
    this.registerOutputs({ engine: s.engine, namespace: s.namespace });
  }
}

function tetragonValues(): Record<string, unknown> {
  return {
    // CRDs installed by Helm exist when the release finishes, before the TracingPolicies are applied.
    crds: { installMethod: "helm" },
    tetragon: { enablePolicyFilter: true, exportFilePerm: "600" },
    export: { mode: "stdout" },
  };
}

function falcoValues(detections: DetectionSettings): Record<string, unknown> {
  return {
    driver: { kind: "modern_ebpf", modernEbpf: { leastPrivileged: true } },
    falco: { json_output: true },
    // Rules are pinned with the chart: no live rule updates from the internet.
    falcoctl: { artifact: { install: { enabled: false }, follow: { enabled: false } } },
    customRules: { "palisade-rules.yaml": falcoRules(detections) },
  };
}

/** Validates runtime-security args, reporting paths under `prefix` (ClusterBaseline passes "runtimeSecurity."). */
export function validateRuntimeSecurityArgs(
  problems: ProblemCollector,
  args: RuntimeSecurityArgs,
  prefix = "",
) {
  const at = (path: string) => `${prefix}${path}`;
  const engine = args.engine ?? "tetragon";
  // Own keys only: `in` would find "constructor" or "toString" on the prototype chain.
  const known = problems.require(
    Object.hasOwn(RUNTIME_CHARTS, engine),
    at("engine"),
    engine,
    `must be one of ${Object.keys(RUNTIME_CHARTS).join(", ")}`,
  );
  const version = args.chartVersion ?? (known ? RUNTIME_CHARTS[engine].version : "");
  problems.require(
    /^\d+\.\d+\.\d+$/.test(version),
    at("chartVersion"),
    version,
    "must be an exact chart version such as 1.4.1 (no ranges: installs must be reproducible)",
  );
  const namespace = args.namespace ?? "runtime-security";
  checkName(problems, at("namespace"), namespace);
  const detections: DetectionSettings = {
    credentialPaths: args.credentialPaths ?? DEFAULT_DETECTIONS.credentialPaths,
    protectedDirectories: args.protectedDirectories ?? DEFAULT_DETECTIONS.protectedDirectories,
    allowedEgressCidrs: args.allowedEgressCidrs ?? DEFAULT_DETECTIONS.allowedEgressCidrs,
  };
  for (const key of ["credentialPaths", "protectedDirectories"] as const) {
    problems.require(detections[key].length > 0, at(key), detections[key], "must list at least one path");
    detections[key].forEach((path, i) =>
      problems.require(
        /^\/[^\s"]*$/.test(path),
        at(`${key}[${i}]`),
        path,
        "must be an absolute path without spaces or quotes",
      ),
    );
  }
  detections.allowedEgressCidrs.forEach((cidr, i) =>
    checkCidr(problems, at(`allowedEgressCidrs[${i}]`), cidr),
  );
  const labels = args.compliance
    ? (problems.attempt(() => kubernetesLabels(args.compliance as ComplianceMetadata)) ?? {})
    : {};
  return { engine, version, namespace, detections, labels };
}
