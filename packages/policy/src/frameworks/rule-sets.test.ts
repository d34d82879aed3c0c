import { describe, expect, it } from "vitest";
import type { Rule } from "../rule";
import * as aws from "../rules/aws";
import * as azure from "../rules/azure";
import * as gcp from "../rules/gcp";
import * as k8s from "../rules/kubernetes";
import * as sets from "./rule-sets";

const isRule = (value: unknown): value is Rule =>
  typeof value === "object" && value !== null && "judgedOn" in value && "requirements" in value;

describe("the safeguard rule sets", () => {
  const groups = Object.entries<readonly Rule[]>(sets);

  it("each hold rules", () => {
    for (const [name, rules] of groups) expect(rules.length, name).toBeGreaterThan(0);
  });

  it("place every rule of the library in exactly one set, so no rule is written and never enforced", () => {
    const library = [aws, azure, gcp, k8s].flatMap((m) => Object.values(m).filter(isRule));
    const placed = groups.flatMap(([name, rules]) => rules.map((r) => [r.id, name] as const));
    const ids = placed.map(([id]) => id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(library.map((r) => r.id).filter((id) => !ids.includes(id))).toEqual([]);
  });
});
