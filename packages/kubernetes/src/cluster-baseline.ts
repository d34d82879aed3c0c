import * as pulumi from "@pulumi/pulumi";
import { NamespacePatch } from "@pulumi/kubernetes/core/v1";
import {
  childName,
  COMPLIANCE_SCHEMA,
  DATA_PROTECTION_SCHEMA,
  shape,
  type ArgsSchema,
  validateArgs,
  type ComplianceMetadata,
  type DataProtectionArgs,
  type ProblemCollector,
} from "@palisade/core";
import { KubernetesChildren } from "./children";
import { checkChildName, checkName, componentSubject, ownName } from "./rules";
import {
  planRuntimeSecurity,
  RUNTIME_SECURITY_SCHEMA,
  RuntimeSecurity,
  type RuntimeSecurityArgs,
  type RuntimeSecurityPlan,
} from "./runtime-security";
import { resolveSettings, type KubernetesSettings } from "./settings";
import {
  planZeroTrustNamespace,
  podSecurityLabels,
  ZERO_TRUST_NAMESPACE_SCHEMA,
  ZeroTrustNamespace,
  type ZeroTrustNamespaceArgs,
  type ZeroTrustNamespacePlan,
} from "./zero-trust-namespace";

export type PodSecurityLevel = "restricted" | "baseline" | "privileged";
const LEVELS: readonly PodSecurityLevel[] = ["restricted", "baseline", "privileged"];

export interface ExistingNamespace {
  name: string;
  /** @default "restricted" */
  level?: PodSecurityLevel;
}

export interface ClusterBaselineArgs {
  /** Namespaces to create as ZeroTrustNamespaces (never system namespaces). @default none */
  namespaces?: ZeroTrustNamespaceArgs[];
  /** Namespaces that already exist, labelled with Pod Security levels through patches. @default default: restricted */
  existingNamespaces?: ExistingNamespace[];
  /** eBPF runtime monitoring, or false to leave it out. @default Tetragon */
  runtimeSecurity?: RuntimeSecurityArgs | false;
  /** Pod Security Standards version every label pins. @default "v1.33" */
  podSecurityVersion?: string;
  /** Compliance labels for every object; frameworks named here count as the sector baseline. @default none */
  compliance?: ComplianceMetadata;
  /**
   * Default data protection of the namespaces it creates (each may set its own), and of the Pod Security
   * labels on existing namespaces, which stay after a destroy while retention is on. Turning retention off
   * under `compliance.frameworks` needs `acknowledgeDataLoss: true`, and is logged as a warning.
   * @default { retainOnDelete: true, protect: false, acknowledgeDataLoss: false }
   */
  dataProtection?: DataProtectionArgs;
}

const TYPE = "palisade:kubernetes:ClusterBaseline";

export const CLUSTER_BASELINE_SCHEMA: ArgsSchema = shape.object({
  namespaces: shape.array(ZERO_TRUST_NAMESPACE_SCHEMA, "must list ZeroTrustNamespace arguments"),
  existingNamespaces: shape.array(
    shape.object(
      { name: shape.string("must be a namespace name"), level: shape.oneOf(LEVELS) },
      { required: ["name"], description: "must be an existing namespace: { name, level? }" },
    ),
    "must list existing namespaces",
  ),
  // An object is judged by RuntimeSecurity's own shape, so its problems keep their paths; `false` leaves it out.
  runtimeSecurity: {
    ...RUNTIME_SECURITY_SCHEMA,
    type: ["object", "boolean"],
    not: { anyOf: [{ const: true }, { deferred: true }] },
    description: "must be RuntimeSecurity arguments, or false to leave runtime security out",
  },
  podSecurityVersion: shape.string('must be a Kubernetes minor version such as "v1.33"'),
  compliance: COMPLIANCE_SCHEMA,
  dataProtection: DATA_PROTECTION_SCHEMA,
});

interface BaselinePlan {
  settings: KubernetesSettings;
  namespaces: ZeroTrustNamespacePlan[];
  existing: ExistingNamespace[];
  runtime?: RuntimeSecurityPlan;
}

/**
 * The zero-trust floor for any Kubernetes cluster: the named namespaces as ZeroTrustNamespaces, Pod
 * Security labels on namespaces that already exist, and eBPF runtime security. It creates no cluster-wide
 * role bindings, so applying it never widens anyone's access. Apply it with the cluster's provider:
 * `new ClusterBaseline("baseline", args, { provider })`.
 */
export class ClusterBaseline extends pulumi.ComponentResource {
  readonly namespaces: Record<string, ZeroTrustNamespace>;
  readonly runtimeSecurity?: RuntimeSecurity;

  constructor(name: string, args: ClusterBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const plan = validateArgs(componentSubject(TYPE, name), CLUSTER_BASELINE_SCHEMA, args, (problems, a) =>
      planBaseline(problems, name, a as ClusterBaselineArgs),
    );
    super(TYPE, name, {}, opts);
    const children = new KubernetesChildren(this, name, plan.settings);
    this.namespaces = Object.fromEntries(
      plan.namespaces.map((ns) => [ns.namespace, children.component(ZeroTrustNamespace, ns)]),
    );
    for (const ns of plan.existing) {
      children.unlabelled(NamespacePatch, "guard", [ns.name, "psa"], {
        metadata: {
          name: ns.name,
          labels: podSecurityLabels(ns.level ?? "restricted", plan.settings.podSecurityVersion),
        },
      });
    }
    if (plan.runtime) this.runtimeSecurity = children.component(RuntimeSecurity, plan.runtime);
    this.registerOutputs({ namespaces: plan.namespaces.map((ns) => ns.namespace) });
  }
}

function planBaseline(problems: ProblemCollector, name: unknown, args: ClusterBaselineArgs): BaselinePlan {
  const own = ownName(problems, name);
  /** A child component's name, checked with the child's rule (ZeroTrustNamespace, RuntimeSecurity). */
  const child = (suffix: string, kind: string) => {
    const derived = childName(own ?? "", suffix);
    checkChildName(problems, own, derived, kind);
    return derived;
  };
  const settings = resolveSettings(problems, args);
  const created = (args.namespaces ?? []).map((ns) => ns.namespace);
  const namespaces = (args.namespaces ?? []).map((ns, i) => {
    const at = (path: string) => `namespaces[${i}].${path}`;
    problems.require(created.indexOf(ns.namespace) === i, at("namespace"), ns.namespace, "must be unique");
    return planZeroTrustNamespace(problems, {
      name: child(ns.namespace, "ZeroTrustNamespace"),
      args: ns,
      settings: resolveSettings(problems, ns, { at, inherited: settings }),
      at,
    });
  });

  const existing = args.existingNamespaces ?? [{ name: "default", level: "restricted" }];
  const existingNames = existing.map((ns) => ns.name);
  existing.forEach((ns, i) => {
    const path = `existingNamespaces[${i}].name`;
    checkName(problems, path, ns.name);
    problems.require(!created.includes(ns.name), path, ns.name, "must not also be in namespaces");
    problems.require(existingNames.indexOf(ns.name) === i, path, ns.name, "must be unique");
  });

  let runtime: RuntimeSecurityPlan | undefined;
  if (args.runtimeSecurity !== false) {
    const runtimeArgs = args.runtimeSecurity ?? {};
    runtime = planRuntimeSecurity(problems, {
      name: child("runtime", "RuntimeSecurity"),
      args: runtimeArgs,
      settings: resolveSettings(
        problems,
        { compliance: runtimeArgs.compliance },
        { at: (key) => `runtimeSecurity.${key}`, inherited: settings, holdsData: false },
      ),
      prefix: "runtimeSecurity.",
    });
    problems.require(
      !created.includes(runtime.namespace) && !existingNames.includes(runtime.namespace),
      "runtimeSecurity.namespace",
      runtime.namespace,
      "must be a namespace of its own, not one of namespaces or existingNamespaces: the sensor needs a privileged namespace it creates",
    );
  }
  return { settings, namespaces, existing, runtime };
}
