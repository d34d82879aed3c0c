/**
 * Scores the pod-security check against the Kubernetes project's own Pod Security Admission test data
 * (148 pods, baseline and restricted, policy version v1.37; Apache-2.0). The corpus is part of this
 * repository (`test/corpora/pod-security-admission`, source and licence in its README); without it this
 * test fails rather than passing empty.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPodSpec, type PodSecurityLevel } from "../packages/policy/src/rules/kubernetes/pod-security.js";

interface Case {
  id: string;
  level: PodSecurityLevel;
  control: string;
  expected: "compliant" | "violation";
  props: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
}

const corpus = path.join(__dirname, "corpora", "pod-security-admission", "cases.jsonl");

function load(): Case[] {
  if (!existsSync(corpus)) {
    throw new Error(
      `the Pod Security Admission corpus is missing at ${corpus}; it is part of the repository`,
    );
  }
  return readFileSync(corpus, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Case);
}

describe("pod-security rules against the Pod Security Admission corpus", () => {
  const cases = load();

  it("has all 148 cases at both levels, as counted in its README", () => {
    expect(cases).toHaveLength(148);
    expect(new Set(cases.map((c) => c.id)).size).toBe(148);
    const count = (level: string, expected: string) =>
      cases.filter((c) => c.level === level && c.expected === expected).length;
    expect([
      count("baseline", "compliant"),
      count("baseline", "violation"),
      count("restricted", "compliant"),
      count("restricted", "violation"),
    ]).toEqual([15, 34, 23, 76]);
  });

  it("is read from inside the repository", () => {
    expect(path.relative(path.resolve(__dirname, ".."), corpus).startsWith("..")).toBe(false);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const violations = checkPodSpec(c.props.spec, c.level, c.props.metadata);
    if (c.expected === "compliant") expect(violations).toEqual([]);
    else expect(violations.length).toBeGreaterThan(0);
  });
});
