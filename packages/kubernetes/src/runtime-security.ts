import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { Namespace } from "@pulumi/kubernetes/core/v1";
import { Release } from "@pulumi/kubernetes/helm/v3";
import {
  COMPLIANCE_SCHEMA,
  shape,
  type ArgsSchema,
  validateArgs,
  type ComplianceMetadata,
  type ProblemCollector,
} from "@palisade/core";
import { KubernetesChildren } from "./children";
import { checkCidr, checkNewNamespace, checkNotWholeInternet, componentSubject, ownName } from "./rules";
import { DEFAULT_DETECTIONS, falcoRules, tetragonPolicies, type DetectionSettings } from "./runtime-policies";
import { resolveSettings, type KubernetesSettings } from "./settings";
import { podSecurityLabels } from "./zero-trust-namespace";

export type RuntimeEngine = "tetragon" | "falco";

export interface RuntimeChart {
  repo: string;
  chart: string;
  version: string;
}

/** Upstream charts, pinned. Check `helm search repo` before moving a pin. */
export const RUNTIME_CHARTS: Readonly<Record<RuntimeEngine, RuntimeChart>> = {
  tetragon: { repo: "https://helm.cilium.io", chart: "tetragon", version: "1.4.1" },
  falco: { repo: "https://falcosecurity.github.io/charts", chart: "falco", version: "9.1.1" },
};

/** The chart of `engine`, looked up among RUNTIME_CHARTS' own keys ("constructor" is no engine). */
export function runtimeChart(engine: string): RuntimeChart | undefined {
  return Object.hasOwn(RUNTIME_CHARTS, engine) ? RUNTIME_CHARTS[engine as RuntimeEngine] : undefined;
}

export interface RuntimeSecurityArgs extends Partial<DetectionSettings> {
  /** @default "tetragon" */
  engine?: RuntimeEngine;
  /** Chart version (x.y.z). @default the pin in RUNTIME_CHARTS */
  chartVersion?: string;
  /**
   * Namespace for the sensor, created here (never a system namespace); labelled Pod Security
   * `privileged`, which kernel sensors need. @default "runtime-security"
   */
  namespace?: string;
  /** Extra chart values, merged over Palisade's. @default none */
  values?: Record<string, unknown>;
  /** Compliance labels for the namespace and the policies. @default none */
  compliance?: ComplianceMetadata;
}

const TYPE = "palisade:kubernetes:RuntimeSecurity";

const paths = (description: string) =>
  shape.array(shape.string("must be a string"), description, { minItems: 1 });

export const RUNTIME_SECURITY_SCHEMA: ArgsSchema = shape.object({
  engine: shape.oneOf(Object.keys(RUNTIME_CHARTS)),
  chartVersion: shape.string("must be an exact chart version such as 1.4.1"),
  namespace: shape.string("must be a namespace name"),
  values: shape.anyObject("must be an object of chart values"),
  compliance: COMPLIANCE_SCHEMA,
  credentialPaths: paths("must list at least one path"),
  protectedDirectories: paths("must list at least one path"),
  allowedEgressCidrs: shape.array(shape.string("must be a CIDR"), "must list IPv4 CIDRs"),
});

/** RuntimeSecurity's arguments once validated, with the settings it inherits: what a parent hands its child. */
export class RuntimeSecurityPlan {
  readonly name: string;
  readonly engine: RuntimeEngine;
  readonly chart: RuntimeChart;
  readonly namespace: string;
  readonly detections: DetectionSettings;
  readonly values: Readonly<Record<string, unknown>>;
  readonly settings: KubernetesSettings;

  /** Use {@link planRuntimeSecurity}, which validates. */
  constructor(plan: Omit<RuntimeSecurityPlan, never>) {
    this.name = plan.name;
    this.engine = plan.engine;
    this.chart = plan.chart;
    this.namespace = plan.namespace;
    this.detections = plan.detections;
    this.values = plan.values;
    this.settings = plan.settings;
  }
}

export interface RuntimeSecurityPlanInput {
  /** The RuntimeSecurity's logical name, already checked (derived from the parent's for a child). */
  name: string;
  /** Well-shaped arguments. */
  args: RuntimeSecurityArgs;
  settings: KubernetesSettings;
  /** Prefix of the caller's argument paths (ClusterBaseline passes "runtimeSecurity."). @default "" */
  prefix?: string;
}

/**
 * Kernel-level runtime monitoring through eBPF: Cilium Tetragon (default) or Falco with its modern eBPF
 * driver, installed as a Helm release from the upstream chart repository at a pinned version, in its own
 * namespace, with Palisade's baseline detections for AI workloads. Installing needs the cluster's Helm
 * client (the Pulumi Kubernetes provider) to reach the chart repository.
 */
export class RuntimeSecurity extends pulumi.ComponentResource {
  readonly release: Release;
  readonly engine: RuntimeEngine;

  constructor(
    name: string,
    args: RuntimeSecurityArgs | RuntimeSecurityPlan = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const plan =
      args instanceof RuntimeSecurityPlan
        ? args
        : validateArgs(
            componentSubject(TYPE, name),
            RUNTIME_SECURITY_SCHEMA,
            args,
            (problems, a: RuntimeSecurityArgs) =>
              planRuntimeSecurity(problems, {
                name: ownName(problems, name) ?? "",
                args: a,
                settings: resolveSettings(problems, { compliance: a.compliance }, { holdsData: false }),
              }),
          );
    super(TYPE, name, {}, opts);
    this.engine = plan.engine;
    this.release = createSensor(new KubernetesChildren(this, name, plan.settings), plan);
    this.registerOutputs({ engine: plan.engine, namespace: plan.namespace });
  }
}

/**
 * The sensor's children are all `plain`: its namespace holds no data (a DaemonSet and its config), and
 * retaining a privileged namespace after a destroy would leave a hole, not a safeguard.
 */
function createSensor(children: KubernetesChildren, plan: RuntimeSecurityPlan): Release {
  const namespace = children.object(
    Namespace,
    "plain",
    ["ns"],
    { name: plan.namespace, labels: podSecurityLabels("privileged", children.settings.podSecurityVersion) },
    {},
  );
  const release = children.unlabelled(
    Release,
    "plain",
    [plan.engine],
    {
      name: plan.engine,
      chart: plan.chart.chart,
      version: plan.chart.version,
      repositoryOpts: { repo: plan.chart.repo },
      namespace: plan.namespace,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      values: {
        ...(plan.engine === "tetragon" ? tetragonValues() : falcoValues(plan.detections)),
        ...plan.values,
      },
    },
    [namespace],
  );
  if (plan.engine === "tetragon") {
    for (const [policy, spec] of Object.entries(tetragonPolicies(plan.detections))) {
      // TracingPolicy is cluster-scoped; its CRD arrives with the release.
      children.object(
        CustomResource,
        "plain",
        [policy],
        { name: policy },
        { apiVersion: "cilium.io/v1alpha1", kind: "TracingPolicy", spec },
        [release],
      );
    }
  }
  return release;
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

/**
 * Validates runtime-security arguments (their shape already checked) and resolves the defaults, reporting
 * paths under `prefix`. Parents call it before registering anything and hand the plan to the child.
 */
export function planRuntimeSecurity(
  problems: ProblemCollector,
  input: RuntimeSecurityPlanInput,
): RuntimeSecurityPlan {
  const { args } = input;
  const at = (path: string) => `${input.prefix ?? ""}${path}`;
  const engine = args.engine ?? "tetragon";
  const pinned = runtimeChart(engine);
  problems.require(
    pinned !== undefined,
    at("engine"),
    engine,
    `must be one of ${Object.keys(RUNTIME_CHARTS).join(", ")}`,
  );
  const version = args.chartVersion ?? pinned?.version ?? "";
  problems.require(
    /^\d+\.\d+\.\d+$/.test(version),
    at("chartVersion"),
    version,
    "must be an exact chart version such as 1.4.1 (no ranges: installs must be reproducible)",
  );
  const namespace = args.namespace ?? "runtime-security";
  checkNewNamespace(problems, at("namespace"), namespace);
  const detections: DetectionSettings = {
    credentialPaths: args.credentialPaths ?? DEFAULT_DETECTIONS.credentialPaths,
    protectedDirectories: args.protectedDirectories ?? DEFAULT_DETECTIONS.protectedDirectories,
    allowedEgressCidrs: args.allowedEgressCidrs ?? DEFAULT_DETECTIONS.allowedEgressCidrs,
  };
  for (const key of ["credentialPaths", "protectedDirectories"] as const) {
    detections[key].forEach((path, i) =>
      problems.require(
        /^\/[^\s"]*$/.test(path),
        at(`${key}[${i}]`),
        path,
        "must be an absolute path without spaces or quotes",
      ),
    );
  }
  // IPv4 only, as before: IPv6 networks in Falco's fd.snet and Tetragon's NotDAddr are untested here.
  detections.allowedEgressCidrs.forEach((cidr, i) =>
    checkCidr(problems, at(`allowedEgressCidrs[${i}]`), cidr, ["ipv4"]),
  );
  // Egress expected everywhere would never be reported.
  checkNotWholeInternet(problems, at("allowedEgressCidrs"), detections.allowedEgressCidrs);
  // Pulumi renders each input with a template string while registering: a values object whose own
  // toString or valueOf is data, not a function, throws there, after the namespace was registered.
  const values = args.values ?? {};
  for (const key of ["toString", "valueOf"]) {
    problems.require(
      !Object.hasOwn(values, key),
      at(`values.${key}`),
      values[key],
      "must not be a top-level key of the chart values (Pulumi cannot register such an object); nest it",
    );
  }
  return new RuntimeSecurityPlan({
    name: input.name,
    engine,
    chart: { ...(pinned ?? RUNTIME_CHARTS.tetragon), version },
    namespace,
    detections,
    values,
    settings: input.settings,
  });
}
