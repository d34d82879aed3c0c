import type { ArgsSchema, ComplianceMetadata, ProblemCollector } from "@palisade/core";
import { awsTagRules, COMPLIANCE_SCHEMA, resolveComponentTags, shape } from "@palisade/core";

export interface TaggingArgs {
  /**
   * Compliance metadata rendered as tags on every child (framework, data classification, owner...).
   * @default none: only `managed-by: palisade`
   */
  compliance?: ComplianceMetadata;
  /** Extra tags for every child; they win over the compliance tags on conflict. @default none */
  tags?: Record<string, string>;
}

export const TAGGING_SCHEMA: Record<string, ArgsSchema> = {
  compliance: COMPLIANCE_SCHEMA,
  tags: shape.stringMap("must be an object of string tag values"),
};

/** Validates and renders the tags for a component's children, recording problems instead of throwing. */
export function resolveTags(problems: ProblemCollector, args: TaggingArgs): Record<string, string> {
  return resolveComponentTags(problems, args.compliance, args.tags, awsTagRules, "tags");
}
