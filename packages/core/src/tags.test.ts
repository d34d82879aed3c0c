import { describe, expect, it } from "vitest";
import { checkArgsShape } from "./arguments";
import { ProblemCollector } from "./errors";
import {
  COMPLIANCE_SCHEMA,
  resolveComponentTags,
  awsTagRules,
  awsTags,
  azureTagRules,
  azureTags,
  gcpLabelRules,
  gcpLabels,
  kubernetesLabelRules,
  kubernetesLabels,
  type ComplianceMetadata,
} from "./tags";
import { expectRejected } from "./test-support";

const phi: ComplianceMetadata = {
  frameworks: ["hipaa", "gdpr"],
  dataClassification: "phi",
  owner: "ml-platform",
  environment: "prod",
};

describe("compliance metadata rendering", () => {
  const canonical = {
    "compliance-frameworks": "gdpr_hipaa",
    "data-classification": "phi",
    owner: "ml-platform",
    environment: "prod",
    "managed-by": "palisade",
  };

  it("renders the same keys and values for AWS, Azure and GCP", () => {
    expect(awsTags(phi)).toEqual(canonical);
    expect(azureTags(phi)).toEqual(canonical);
    expect(gcpLabels(phi)).toEqual(canonical);
  });

  it("prefixes Kubernetes label keys", () => {
    expect(kubernetesLabels(phi)).toEqual(
      Object.fromEntries(Object.entries(canonical).map(([k, v]) => [`compliance.palisade.dev/${k}`, v])),
    );
  });

  it("merges the caller's tags, which win on conflict", () => {
    expect(awsTags(phi, { Project: "inference", owner: "sre" })).toMatchObject({
      Project: "inference",
      owner: "sre",
    });
  });

  it.each([
    ["compliance.frameworks", { frameworks: [] }, []],
    ["compliance.frameworks", { frameworks: ["sox"] }, ["sox"]],
    ["compliance.dataClassification", { dataClassification: "secret" }, "secret"],
    ["compliance.owner", { owner: "ML Platform" }, "ML Platform"],
    ["compliance.owner", { owner: "ops@example.com" }, "ops@example.com"],
    ["compliance.environment", { environment: "Prod" }, "Prod"],
    ["compliance.costCenter", { costCenter: "1234" }, "1234"],
  ] as const)("rejects %s = %j", (path, override, value) => {
    expectRejected(() => awsTags({ ...phi, ...override } as ComplianceMetadata), path, value);
  });
});

type Case = readonly [string, string, "key" | "value"];

describe.each<{
  platform: string;
  rules: (
    tags: Readonly<Record<string, string>>,
    path: string,
  ) => readonly { path: string; value: unknown; rule: string }[];
  render: (meta: ComplianceMetadata, extra?: Readonly<Record<string, string>>) => Record<string, string>;
  valid: Record<string, string>;
  invalid: Case[];
  maxCount: number;
}>([
  {
    platform: "AWS",
    rules: awsTagRules,
    render: awsTags,
    valid: { "cost center": "a b", "team:app/x": "v=1+2@3", ["k".repeat(128)]: "v".repeat(256) },
    invalid: [
      ["aws:createdBy", "x", "key"],
      ["AWS:x", "x", "key"],
      ["", "x", "key"],
      ["k".repeat(129), "x", "key"],
      ["bad#key", "x", "key"],
      ["ok", "v".repeat(257), "value"],
      ["ok", "a,b", "value"],
    ] as Case[],
    maxCount: 50,
  },
  {
    platform: "Azure",
    rules: azureTagRules,
    render: azureTags,
    valid: { "Cost Center": "anything, really: 100%", ["k".repeat(512)]: "v".repeat(256) },
    invalid: [
      ["a/b", "x", "key"],
      ["50%", "x", "key"],
      ["a?b", "x", "key"],
      ["a<b", "x", "key"],
      ["", "x", "key"],
      ["ok", "v".repeat(257), "value"],
    ] as Case[],
    maxCount: 50,
  },
  {
    platform: "GCP",
    rules: gcpLabelRules,
    render: gcpLabels,
    valid: { team: "", "cost_center-1": "ab-12_c", ["k".repeat(63)]: "v".repeat(63) },
    invalid: [
      ["Team", "x", "key"],
      ["1team", "x", "key"],
      ["team.name", "x", "key"],
      ["k".repeat(64), "x", "key"],
      ["ok", "Prod", "value"],
      ["ok", "a.b", "value"],
      ["ok", "v".repeat(64), "value"],
    ] as Case[],
    maxCount: 64,
  },
  {
    platform: "Kubernetes",
    rules: kubernetesLabelRules,
    render: kubernetesLabels,
    valid: {
      "app.kubernetes.io/name": "model-server",
      "pod-security.kubernetes.io/enforce": "restricted",
      tier: "",
      "example.com/Team_1.x": "A.b-C",
    },
    invalid: [
      ["kubernetes.io/role", "x", "key"],
      ["k8s.io/x", "x", "key"],
      ["Example.com/x", "x", "key"],
      ["-bad", "x", "key"],
      ["n".repeat(64), "x", "key"],
      ["ok", "-x", "value"],
      ["ok", "v".repeat(64), "value"],
      ["ok", "a b", "value"],
    ] as Case[],
    maxCount: Number.POSITIVE_INFINITY,
  },
])("$platform rules", ({ rules, render, valid, invalid, maxCount }) => {
  it("accept valid entries", () => {
    expect(rules(valid, "tags")).toEqual([]);
  });

  it.each(invalid)("reject key %j with value %j (bad %s)", (key, value, part) => {
    const problems = rules({ [key]: value }, "tags");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(`tags[${JSON.stringify(key)}]`);
    expect(problems[0]?.value).toBe(part === "key" ? key : value);
    expect(problems[0]?.rule).toMatch(new RegExp(`^${part} `));
  });

  it("render() throws naming the bad entry and its value", () => {
    const [key, value, part] = invalid[0] as Case;
    const error = expectRejected(
      () => render(phi, { [key]: value }),
      `${render === gcpLabels || render === kubernetesLabels ? "labels" : "tags"}[${JSON.stringify(key)}]`,
      part === "key" ? key : value,
    );
    expect(error.message).toContain(part);
  });

  it("limit the number of entries", () => {
    if (!Number.isFinite(maxCount))
      return expect(
        rules(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, "v"])), "t"),
      ).toEqual([]);
    const tooMany = Object.fromEntries(Array.from({ length: maxCount + 1 }, (_, i) => [`k${i}`, "v"]));
    expect(rules(tooMany, "tags")).toEqual([
      { path: "tags", value: maxCount + 1, rule: `must have at most ${maxCount} entries` },
    ]);
  });
});

describe("COMPLIANCE_SCHEMA", () => {
  const shapeProblems = (value: unknown) => {
    const problems = new ProblemCollector();
    checkArgsShape(problems, COMPLIANCE_SCHEMA, value, "compliance");
    return problems.problems.map((p) => p.path);
  };

  it("accepts metadata of the right shape, leaving the values to the renderers", () => {
    expect(shapeProblems(phi)).toEqual([]);
    expect(shapeProblems({ ...phi, owner: "ML Platform" })).toEqual([]);
  });

  it("names misspelt keys, wrong types and missing fields", () => {
    expect(shapeProblems("hipaa")).toEqual(["compliance"]);
    expect(shapeProblems({ ...phi, frameworks: "hipaa", dataClasification: "phi" }).sort()).toEqual([
      "compliance.dataClasification",
      "compliance.frameworks",
    ]);
    expect(shapeProblems({ frameworks: ["sox"], dataClassification: "phi" }).sort()).toEqual([
      "compliance.frameworks[0]",
      "compliance.owner",
    ]);
  });
});

describe("resolveComponentTags", () => {
  const phi = { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" } as const;

  it("renders the compliance metadata with the caller's tags winning, or only managed-by without it", () => {
    const problems = new ProblemCollector();
    expect(
      resolveComponentTags(problems, phi, { owner: "data-team", team: "x" }, azureTagRules, "tags"),
    ).toEqual({ ...azureTags(phi), owner: "data-team", team: "x" });
    expect(resolveComponentTags(problems, undefined, { team: "x" }, gcpLabelRules, "labels")).toEqual({
      team: "x",
      "managed-by": "palisade",
    });
    expect(problems.problems).toEqual([]);
  });

  it("records what the cloud would reject under the argument's path instead of throwing", () => {
    const problems = new ProblemCollector();
    resolveComponentTags(problems, undefined, { Team: "x" }, gcpLabelRules, "labels");
    resolveComponentTags(
      problems,
      { ...phi, dataClassification: "secret" as never },
      {},
      awsTagRules,
      "tags",
    );
    expect(problems.problems.map((p) => p.path)).toEqual(['labels["Team"]', "compliance.dataClassification"]);
  });
});
