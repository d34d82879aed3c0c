/**
 * Compliance metadata (framework, data classification, owner, ...) rendered as AWS tags, Azure tags, GCP
 * labels and Kubernetes labels, each checked against that platform's own key and value rules. Policy packs
 * scope regulated resources by these keys, so they are defined once, here.
 */
import { shape } from "./arguments";
import { FRAMEWORK_IDS, type FrameworkId } from "./baselines";
import { ProblemCollector, type Problem } from "./errors";

export type DataClassification = "public" | "internal" | "confidential" | "phi" | "pd" | "finra-records";
export const DATA_CLASSIFICATIONS: readonly DataClassification[] = [
  "public",
  "internal",
  "confidential",
  "phi",
  "pd",
  "finra-records",
];

export interface ComplianceMetadata {
  /** Frameworks the resource is in scope for. */
  readonly frameworks: readonly FrameworkId[];
  /** What the resource holds: `phi` (HIPAA), `pd` (GDPR personal data), `finra-records`, ... */
  readonly dataClassification: DataClassification;
  /** Owning team, as a lowercase identifier so it is a valid value on every platform (e.g. `ml-platform`). */
  readonly owner: string;
  /** Deployment environment, e.g. `prod`. */
  readonly environment?: string;
  /** Cost centre, as a lowercase identifier. */
  readonly costCenter?: string;
}

/** The canonical keys; every platform renders these names (Kubernetes adds a prefix). */
export const TAG_KEYS = {
  frameworks: "compliance-frameworks",
  dataClassification: "data-classification",
  /** Which records a `finra-records` store holds (e.g. `blotters`): packs may require a longer retention per class. */
  recordClass: "record-class",
  owner: "owner",
  environment: "environment",
  costCenter: "cost-center",
  managedBy: "managed-by",
} as const;

/** Lowercase identifier: valid as a value for AWS, Azure, GCP and Kubernetes alike. */
const PORTABLE_VALUE = /^[a-z][a-z0-9_-]{0,62}$/;
const PORTABLE_RULE =
  "must be a lowercase identifier (a-z first, then a-z, 0-9, '_' or '-', at most 63 characters)";

/**
 * The shape of {@link ComplianceMetadata}, for components' argument schemas: a misspelt key is an error
 * rather than a label silently missing. Whether the values are valid labels and tags is judged on rendering.
 */
export const COMPLIANCE_SCHEMA = shape.object(
  {
    frameworks: shape.array(
      shape.oneOf(FRAMEWORK_IDS),
      'must list at least one of "hipaa", "gdpr", "finra"',
      {
        minItems: 1,
      },
    ),
    dataClassification: shape.oneOf(DATA_CLASSIFICATIONS),
    owner: shape.string(PORTABLE_RULE),
    environment: shape.string(PORTABLE_RULE),
    costCenter: shape.string(PORTABLE_RULE),
  },
  {
    required: ["frameworks", "dataClassification", "owner"],
    description:
      "must be compliance metadata: frameworks, dataClassification and owner, optionally environment and costCenter",
  },
);

/** Framework ids sorted and joined with `_`, a form every platform accepts as a value. */
export function frameworksValue(frameworks: readonly FrameworkId[]): string {
  return [...new Set(frameworks)].sort().join("_");
}

function canonicalTags(meta: ComplianceMetadata): Record<string, string> {
  const problems = new ProblemCollector();
  problems.require(
    Array.isArray(meta.frameworks) &&
      meta.frameworks.length > 0 &&
      meta.frameworks.every((f: unknown) => FRAMEWORK_IDS.some((id) => id === f)),
    "compliance.frameworks",
    meta.frameworks,
    'must list at least one of "hipaa", "gdpr", "finra"',
  );
  problems.require(
    DATA_CLASSIFICATIONS.includes(meta.dataClassification),
    "compliance.dataClassification",
    meta.dataClassification,
    `must be one of ${DATA_CLASSIFICATIONS.join(", ")}`,
  );
  for (const key of ["owner", "environment", "costCenter"] as const) {
    const value = meta[key];
    if (key !== "owner" && value === undefined) continue;
    problems.require(
      typeof value === "string" && PORTABLE_VALUE.test(value),
      `compliance.${key}`,
      value,
      PORTABLE_RULE,
    );
  }
  problems.throwIfAny("compliance metadata");
  const tags: Record<string, string> = {
    [TAG_KEYS.frameworks]: frameworksValue(meta.frameworks),
    [TAG_KEYS.dataClassification]: meta.dataClassification,
    [TAG_KEYS.owner]: meta.owner,
    [TAG_KEYS.managedBy]: "palisade",
  };
  if (meta.environment) tags[TAG_KEYS.environment] = meta.environment;
  if (meta.costCenter) tags[TAG_KEYS.costCenter] = meta.costCenter;
  return tags;
}

/** A cloud's rules for a set of tags or labels: every problem, named under `path`. */
export type Rules = (tags: Readonly<Record<string, string>>, path: string) => Problem[];

function checkEach(
  tags: Readonly<Record<string, string>>,
  path: string,
  maxCount: number,
  check: (key: string, value: string) => { keyRule?: string; valueRule?: string },
): Problem[] {
  const problems: Problem[] = [];
  const entries = Object.entries(tags);
  if (entries.length > maxCount)
    problems.push({ path, value: entries.length, rule: `must have at most ${maxCount} entries` });
  for (const [key, value] of entries) {
    const { keyRule, valueRule } = check(key, value);
    if (keyRule)
      problems.push({ path: `${path}[${JSON.stringify(key)}]`, value: key, rule: `key ${keyRule}` });
    if (valueRule)
      problems.push({ path: `${path}[${JSON.stringify(key)}]`, value, rule: `value ${valueRule}` });
  }
  return problems;
}

/** AWS: 50 user tags; key 1-128, value 0-256 of letters, digits, spaces and `_ . : / = + - @`; `aws:` is reserved. */
export const awsTagRules: Rules = (tags, path) =>
  checkEach(tags, path, 50, (key, value) => {
    const chars = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
    return {
      keyRule:
        key.length < 1 || key.length > 128 || !chars.test(key)
          ? "must be 1-128 letters, digits, spaces or _ . : / = + - @"
          : key.toLowerCase().startsWith("aws:")
            ? 'must not start with the reserved prefix "aws:"'
            : undefined,
      valueRule:
        value.length > 256 || !chars.test(value)
          ? "must be 0-256 letters, digits, spaces or _ . : / = + - @"
          : undefined,
    };
  });

/** Azure: 50 tags; name 1-512 without `< > % & \ ?` or `/`; value up to 256 characters. */
export const azureTagRules: Rules = (tags, path) =>
  checkEach(tags, path, 50, (key, value) => ({
    keyRule:
      key.length < 1 || key.length > 512 || /[<>%&\\?/]/.test(key)
        ? "must be 1-512 characters without < > % & \\ ? /"
        : undefined,
    valueRule: value.length > 256 ? "must be at most 256 characters" : undefined,
  }));

/** GCP: 64 labels; key 1-63 starting with a lowercase letter, value 0-63; lowercase letters, digits, `_`, `-`. */
export const gcpLabelRules: Rules = (tags, path) =>
  checkEach(tags, path, 64, (key, value) => ({
    keyRule: /^\p{Ll}[\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u.test(key)
      ? undefined
      : "must be 1-63 lowercase letters, digits, '_' or '-', starting with a lowercase letter",
    valueRule: /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u.test(value)
      ? undefined
      : "must be 0-63 lowercase letters, digits, '_' or '-'",
  }));

const K8S_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const K8S_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function k8sKeyRule(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !K8S_PREFIX.test(prefix))) {
    return "prefix must be a DNS subdomain (lowercase, at most 253 characters)";
  }
  if (prefix !== undefined && /^(kubernetes\.io|k8s\.io)$/.test(prefix)) {
    return "prefix kubernetes.io/ and k8s.io/ are reserved for Kubernetes core components (subdomains such as app.kubernetes.io are fine)";
  }
  if (!K8S_NAME.test(name)) {
    return "name must be 1-63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric";
  }
  return undefined;
}

/** Kubernetes: key `[prefix/]name` (DNS-subdomain prefix, 63-character name); value empty or a 63-character name. */
export const kubernetesLabelRules: Rules = (tags, path) =>
  checkEach(tags, path, Number.POSITIVE_INFINITY, (key, value) => ({
    keyRule: k8sKeyRule(key),
    valueRule:
      value === "" || K8S_NAME.test(value)
        ? undefined
        : "must be empty or 1-63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric",
  }));

/** The prefix of Palisade's Kubernetes label keys. */
export const KUBERNETES_LABEL_PREFIX = "compliance.palisade.dev";

function render(
  rules: Rules,
  path: string,
  base: Record<string, string>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const merged = { ...base, ...extra };
  const problems = new ProblemCollector();
  problems.addAll(rules(merged, path));
  problems.throwIfAny(`${path} (${Object.keys(merged).length} entries)`);
  return merged;
}

/**
 * The tags (or labels) a component gives every child: the compliance metadata rendered with `rules`, or
 * only `managed-by: palisade` without it, plus the caller's `extra` (which win on conflict). Problems are
 * recorded, not thrown, so a component reports them with all its others.
 */
export function resolveComponentTags(
  problems: ProblemCollector,
  compliance: ComplianceMetadata | undefined,
  extra: Readonly<Record<string, string>> | undefined,
  rules: Rules,
  path: "tags" | "labels",
): Record<string, string> {
  if (compliance) return problems.attempt(() => render(rules, path, canonicalTags(compliance), extra)) ?? {};
  const rendered = { ...extra, [TAG_KEYS.managedBy]: "palisade" };
  problems.addAll(rules(rendered, path));
  return rendered;
}

/** AWS tags for a resource: the compliance metadata plus the caller's own tags (which win on conflict). */
export function awsTags(
  meta: ComplianceMetadata,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  return render(awsTagRules, "tags", canonicalTags(meta), extra);
}

export function azureTags(
  meta: ComplianceMetadata,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  return render(azureTagRules, "tags", canonicalTags(meta), extra);
}

export function gcpLabels(
  meta: ComplianceMetadata,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  return render(gcpLabelRules, "labels", canonicalTags(meta), extra);
}

/** Kubernetes labels, keys prefixed with {@link KUBERNETES_LABEL_PREFIX}. */
export function kubernetesLabels(
  meta: ComplianceMetadata,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  const prefixed = Object.fromEntries(
    Object.entries(canonicalTags(meta)).map(([key, value]) => [`${KUBERNETES_LABEL_PREFIX}/${key}`, value]),
  );
  return render(kubernetesLabelRules, "labels", prefixed, extra);
}
