import * as pulumi from "@pulumi/pulumi";
import { NamespacePatch } from "@pulumi/kubernetes/core/v1";
import { childName, validate, type ComplianceMetadata } from "@palisade/core";
import { checkName } from "./rules";
import { RuntimeSecurity, validateRuntimeSecurityArgs, type RuntimeSecurityArgs } from "./runtime-security";
import {
  DEFAULT_POD_SECURITY_VERSION,
  ZeroTrustNamespace,
  podSecurityLabels,
  validateNamespaceArgs,
  type ZeroTrustNamespaceArgs,
} from "./zero-trust-namespace";

export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

export interface ExistingNamespace {
  name: string;
  /** @default "restricted" */
  level?: PodSecurityLevel;
}

export interface ClusterBaselineArgs {
  /** Namespaces to create as ZeroTrustNamespaces. */
  namespaces?: ZeroTrustNamespaceArgs[];
  /** Namespaces that already exist, labelled with Pod Security levels through patches. @default default: restricted */
  existingNamespaces?: ExistingNamespace[];
  /** eBPF runtime monitoring, or false to leave it out. @default Tetragon */
  runtimeSecurity?: RuntimeSecurityArgs | false;
  /** Pod Security Standards version every label pins. @default "v1.33" */
  podSecurityVersion?: string;
  compliance?: ComplianceMetadata;
}

const TYPE = "palisade:kubernetes:ClusterBaseline";
const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"];

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
    const s = validate(`${TYPE} "${name}"`, (problems) => {
      const version = args.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
      const created = (args.namespaces ?? []).map((ns) => ns.namespace);
      (args.namespaces ?? []).forEach((ns, i) => {
        validateNamespaceArgs(
          problems,
          { podSecurityVersion: version, compliance: args.compliance, ...ns },
          `namespaces[${i}].`,
        );
        problems.require(
          created.indexOf(ns.namespace) === i,
          `namespaces[${i}].namespace`,
          ns.namespace,
          "must be unique",
        );
        problems.require(
          !SYSTEM_NAMESPACES.includes(ns.namespace),
          `namespaces[${i}].namespace`,
          ns.namespace,
          "must not be a system namespace",
        );
      });
      const existing = args.existingNamespaces ?? [{ name: "default", level: "restricted" }];
      existing.forEach((ns, i) => {
        checkName(problems, `existingNamespaces[${i}].name`, ns.name);
        problems.require(
          !created.includes(ns.name),
          `existingNamespaces[${i}].name`,
          ns.name,
          "must not also be in namespaces",
        );
        problems.require(
          ns.level === undefined || ["restricted", "baseline", "privileged"].includes(ns.level),
          `existingNamespaces[${i}].level`,
          ns.level,
          'must be "restricted", "baseline" or "privileged"',
        );
      });
      if (args.runtimeSecurity !== false) {
        validateRuntimeSecurityArgs(
          problems,
          { compliance: args.compliance, ...args.runtimeSecurity },
          "runtimeSecurity.",
        );
      }
      if (args.runtimeSecurity !== false && args.runtimeSecurity?.namespace !== undefined) {
        problems.require(
          !created.includes(args.runtimeSecurity.namespace),
          "runtimeSecurity.namespace",
          args.runtimeSecurity.namespace,
          "must not be one of the zero-trust namespaces: the sensor needs a privileged namespace",
        );
      }
      return { version, existing };
    });
    super(TYPE, name, {}, opts);
    this.namespaces = {};
    for (const ns of args.namespaces ?? []) {
      this.namespaces[ns.namespace] = new ZeroTrustNamespace(
        childName(name, ns.namespace),
        { podSecurityVersion: s.version, compliance: args.compliance, ...ns },
        { parent: this },
      );
    }
    for (const ns of s.existing) {
      new NamespacePatch(
        childName(name, ns.name, "psa"),
        { metadata: { name: ns.name, labels: podSecurityLabels(ns.level ?? "restricted", s.version) } },
        { parent: this },
      );
    }
    if (args.runtimeSecurity !== false) {
      this.runtimeSecurity = new RuntimeSecurity(
        childName(name, "runtime"),
        { compliance: args.compliance, ...args.runtimeSecurity },
        { parent: this },
      );
    }
    this.registerOutputs({ namespaces: Object.keys(this.namespaces) });
  }
}
