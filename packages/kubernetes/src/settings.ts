/**
 * What a Kubernetes component resolves once and every child it creates receives: labels, compliance
 * metadata, data protection and the Pod Security version. A child component (a ZeroTrustNamespace in a
 * ClusterBaseline) inherits its parent's settings and may override parts of them.
 */
import {
  kubernetesLabels,
  ProblemCollector,
  resolveDataProtection,
  type ComplianceMetadata,
  type DataProtectionArgs,
  type ResolvedDataProtection,
} from "@palisade/core";
import { checkLabels } from "./rules";

/** Pod Security Standards version the namespaces are pinned to, unless the caller names one. */
export const DEFAULT_POD_SECURITY_VERSION = "v1.33";

const POD_SECURITY_VERSION = /^(v1\.\d{1,2}|latest)$/;

export interface KubernetesSettingsArgs {
  compliance?: ComplianceMetadata;
  labels?: Record<string, string>;
  dataProtection?: DataProtectionArgs;
  podSecurityVersion?: string;
}

export interface KubernetesSettings {
  /** The compliance metadata in force: the component's own, else its parent's. */
  readonly compliance?: ComplianceMetadata;
  /** The caller's own labels, inherited by child components. */
  readonly callerLabels: Readonly<Record<string, string>>;
  /** What every child object is labelled with: the compliance labels, then the caller's (which win). */
  readonly labels: Readonly<Record<string, string>>;
  /** Data protection as the caller wrote it, so a child under other frameworks judges it again. */
  readonly dataProtection?: DataProtectionArgs;
  /** The argument `dataProtection` came from, for problems found by a child. */
  readonly dataProtectionPath: string;
  /** Retention of the data-bearing children (namespaces) and their guards. */
  readonly protection: ResolvedDataProtection;
  readonly podSecurityVersion: string;
}

export interface ResolveSettingsOptions {
  /** Maps a setting's key to the caller's argument path. @default the key itself */
  at?: (key: keyof KubernetesSettingsArgs) => string;
  /** The parent component's settings, for a child component. @default none: a top-level component */
  inherited?: KubernetesSettings;
  /** Whether the component keeps data; one that keeps none takes its parent's protection unjudged. @default true */
  holdsData?: boolean;
}

/**
 * Resolves a component's settings from its own arguments and its parent's settings. A compliance
 * metadata naming frameworks counts as the sector baseline: turning retention off under it needs
 * `acknowledgeDataLoss`.
 */
export function resolveSettings(
  problems: ProblemCollector,
  args: KubernetesSettingsArgs,
  options: ResolveSettingsOptions = {},
): KubernetesSettings {
  const at = options.at ?? ((key) => key);
  const parent = options.inherited;

  checkLabels(problems, at("labels"), args.labels);
  const compliance = args.compliance ?? parent?.compliance;
  const complianceLabels =
    args.compliance !== undefined
      ? (problems.attempt(
          () => kubernetesLabels(args.compliance as ComplianceMetadata),
          (path) => `${at("compliance")}${path.slice("compliance".length)}`,
        ) ?? {})
      : compliance !== undefined
        ? kubernetesLabels(compliance)
        : {};
  const callerLabels = { ...parent?.callerLabels, ...args.labels };

  const version = args.podSecurityVersion ?? parent?.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
  if (args.podSecurityVersion !== undefined) {
    problems.require(
      POD_SECURITY_VERSION.test(version),
      at("podSecurityVersion"),
      version,
      'must be a Kubernetes minor version such as "v1.33", or "latest"',
    );
  }

  const own = args.dataProtection !== undefined || parent === undefined;
  const dataProtection = own ? args.dataProtection : parent.dataProtection;
  const dataProtectionPath = own ? at("dataProtection") : parent.dataProtectionPath;
  let protection: ResolvedDataProtection;
  if (parent !== undefined && (options.holdsData === false || (!own && compliance === parent.compliance))) {
    protection = parent.protection;
  } else {
    // A child may name other frameworks than its parent: the parent's choice is judged again, once.
    const found = own ? problems : new ProblemCollector();
    protection = resolveDataProtection(dataProtection, found, {
      path: dataProtectionPath,
      baselineFrameworks: compliance?.frameworks ?? [],
    });
    for (const p of own ? [] : found.problems) {
      const known = problems.problems.some((q) => q.path === p.path && q.rule === p.rule);
      if (!known) problems.add(p.path, p.value, p.rule);
    }
  }

  return {
    compliance,
    callerLabels,
    labels: { ...complianceLabels, ...callerLabels },
    dataProtection,
    dataProtectionPath,
    protection,
    podSecurityVersion: version,
  };
}
