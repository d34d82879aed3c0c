/**
 * The IAM policy JSON `aws.iam.getPolicyDocument` returns, rendered offline the way the AWS provider
 * renders it (its `aws_iam_policy_document` data source), so the packs judge the document a deployment
 * would get rather than a placeholder.
 */
import { crc32 } from "node:zlib";
import type { GetPolicyDocumentArgs, GetPolicyDocumentResult } from "@pulumi/aws/iam/getPolicyDocument";

type Statement = Record<string, unknown>;
interface PolicyDoc {
  Version?: string;
  Id?: string;
  Statement?: Statement[];
}
type StatementArgs = NonNullable<GetPolicyDocumentArgs["statements"]>[number];

// `&{aws:username}` is how a program writes an IAM policy variable without interpolation.
const policyVariables = (value: string) => value.replaceAll("&{", "${");

/** A list of one is its only item; longer lists the provider holds as sets and writes in reverse order. */
function stringSet(values: readonly string[]): string | string[] {
  const unique = [...new Set(values.map(policyVariables))];
  return unique.length === 1 ? unique[0]! : unique.sort().reverse();
}

/** `{ "AWS": [...], "Service": "..." }`, or `"*"` for the single principal of type `*` and identifier `*`. */
function principals(list: readonly { type: string; identifiers: string[] }[]): unknown {
  const [only] = list;
  if (list.length === 1 && only?.type === "*" && stringSet(only.identifiers) === "*") return "*";
  const byType = new Map<string, string[]>();
  for (const p of list) {
    const ids = stringSet(p.identifiers);
    byType.set(p.type, [...(byType.get(p.type) ?? []), ...(Array.isArray(ids) ? ids : [ids])]);
  }
  return sortedObject(byType, (ids) => (ids.length === 1 ? ids[0] : ids));
}

/** `{ test: { variable: value or values } }`; values keep their order (it matters to IAM). */
function conditions(list: readonly { test: string; variable: string; values: string[] }[]): unknown {
  const byTest = new Map<string, Map<string, string[]>>();
  for (const c of list) {
    const variables = byTest.get(c.test) ?? new Map<string, string[]>();
    variables.set(c.variable, [...(variables.get(c.variable) ?? []), ...c.values.map(policyVariables)]);
    byTest.set(c.test, variables);
  }
  return sortedObject(byTest, (variables) =>
    sortedObject(variables, (values) => (values.length === 1 ? values[0] : values)),
  );
}

// The provider writes Go maps, whose keys JSON encoding sorts.
function sortedObject<V>(map: Map<string, V>, value: (v: V) => unknown): Record<string, unknown> {
  return Object.fromEntries([...map.keys()].sort().map((key) => [key, value(map.get(key)!)]));
}

function statement(args: StatementArgs): Statement {
  const entries: [string, unknown][] = [
    ["Sid", args.sid || undefined],
    ["Effect", args.effect || "Allow"],
    ["Action", args.actions?.length ? stringSet(args.actions) : undefined],
    ["NotAction", args.notActions?.length ? stringSet(args.notActions) : undefined],
    ["Resource", args.resources?.length ? stringSet(args.resources) : undefined],
    ["NotResource", args.notResources?.length ? stringSet(args.notResources) : undefined],
    ["Principal", args.principals?.length ? principals(args.principals) : undefined],
    ["NotPrincipal", args.notPrincipals?.length ? principals(args.notPrincipals) : undefined],
    ["Condition", args.conditions?.length ? conditions(args.conditions) : undefined],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

function parse(json: string): PolicyDoc {
  const doc = JSON.parse(json) as { Version?: string; Id?: string; Statement?: Statement | Statement[] };
  const statements = doc.Statement === undefined ? [] : [doc.Statement].flat();
  return { Version: doc.Version, Id: doc.Id, Statement: statements };
}

/** Merges `next` into `into` as the provider does: its Id wins, a later Version wins, a statement replaces the one with its Sid. */
function merge(into: PolicyDoc, next: PolicyDoc): void {
  if (next.Id) into.Id = next.Id;
  if ((next.Version ?? "") > (into.Version ?? "")) into.Version = next.Version;
  for (const s of next.Statement ?? []) {
    const at = s.Sid ? (into.Statement ?? []).findIndex((existing) => existing.Sid === s.Sid) : -1;
    if (at >= 0) into.Statement![at] = s;
    else into.Statement = [...(into.Statement ?? []), s];
  }
}

/** The data source's result: sources first, then this document's statements, then the overrides. */
export function renderPolicyDocument(args: GetPolicyDocumentArgs): GetPolicyDocumentResult {
  const version = args.version ?? "2012-10-17";
  const doc: PolicyDoc = args.sourceJson ? parse(args.sourceJson) : {};
  for (const source of args.sourcePolicyDocuments ?? []) merge(doc, parse(source));
  merge(doc, { Version: version, Id: args.policyId, Statement: (args.statements ?? []).map(statement) });
  for (const override of args.overridePolicyDocuments ?? []) merge(doc, parse(override));
  if (args.overrideJson) merge(doc, parse(args.overrideJson));

  const rendered = {
    Version: doc.Version || undefined,
    Id: doc.Id || undefined,
    Statement: doc.Statement?.length ? doc.Statement : undefined,
  };
  const json = JSON.stringify(rendered, null, 2);
  return {
    ...args,
    version,
    // The provider's id is the CRC-32 of the document.
    id: String(crc32(json)),
    json,
    minifiedJson: JSON.stringify(rendered),
  };
}
