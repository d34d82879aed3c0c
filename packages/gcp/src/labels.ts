import type { ArgsSchema, ComplianceMetadata, ProblemCollector } from "@palisade/core";
import { COMPLIANCE_SCHEMA, gcpLabelRules, resolveComponentTags, shape } from "@palisade/core";

export interface LabelingArgs {
  /**
   * Compliance metadata rendered as labels on every child that takes labels (framework, data
   * classification, owner...), so policy packs can scope regulated resources.
   * @default none: only `managed-by: palisade`
   */
  compliance?: ComplianceMetadata;
  /** Extra labels for every child; they win over the compliance labels on conflict. @default none */
  labels?: Record<string, string>;
}

export const LABELING_SCHEMA: Record<string, ArgsSchema> = {
  compliance: COMPLIANCE_SCHEMA,
  labels: shape.stringMap("must be an object of string label values"),
};

/** Validates and renders the labels for a component's children, recording problems instead of throwing. */
export function resolveLabels(problems: ProblemCollector, args: LabelingArgs): Record<string, string> {
  return resolveComponentTags(problems, args.compliance, args.labels, gcpLabelRules, "labels");
}
