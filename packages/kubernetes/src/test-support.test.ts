import type { Registration } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { kubernetesNameProblems, validateKubernetesObjects } from "./test-support";

const policy = (spec: unknown): Registration =>
  ({
    type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    name: "p",
    inputs: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p" }, spec },
  }) as unknown as Registration;

describe("validateKubernetesObjects", () => {
  it("accepts a valid object and rejects one the API schema forbids, naming it", () => {
    expect(validateKubernetesObjects([policy({ podSelector: {}, policyTypes: ["Ingress"] })])).toBe(1);
    expect(() =>
      validateKubernetesObjects([policy({ podSelector: {}, ingress: [{ ports: [{ port: { bad: 1 } }] }] })]),
    ).toThrow(/NetworkPolicy p fails the Kubernetes API schema/);
  });

  it("refuses kinds it has no schema for rather than passing them silently", () => {
    const unknown = { type: "kubernetes:batch/v1:Job", name: "j", inputs: {} } as unknown as Registration;
    expect(() => validateKubernetesObjects([unknown])).toThrow(
      /no kubernetes-models class for kubernetes:batch\/v1:Job/,
    );
  });
});

describe("kubernetesNameProblems", () => {
  const object = (type: string, name: unknown, namespace?: unknown, urn = `urn:${String(name)}`) =>
    ({ type, name: "x", urn, inputs: { metadata: { name, namespace } } }) as unknown as Registration;

  it("holds each kind to its own rule", () => {
    expect(
      kubernetesNameProblems([
        object("kubernetes:core/v1:Namespace", "inference"),
        object("kubernetes:core/v1:Service", "api", "inference"),
        object("kubernetes:networking.k8s.io/v1:NetworkPolicy", "allow.dns", "inference"),
      ]),
    ).toEqual([]);
    expect(
      kubernetesNameProblems([
        object("kubernetes:core/v1:Namespace", "in.ference"),
        object("kubernetes:core/v1:Service", "1api", "inference"),
        object("kubernetes:apps/v1:Deployment", "api", "Inference"),
      ]),
    ).toEqual([
      'kubernetes:core/v1:Namespace x: metadata.name "in.ference"',
      'kubernetes:core/v1:Service x: metadata.name "1api"',
      'kubernetes:apps/v1:Deployment x: metadata.namespace "Inference"',
    ]);
  });

  it("reports a URN registered twice", () => {
    const twice = object("kubernetes:core/v1:Namespace", "a", undefined, "urn:same");
    expect(kubernetesNameProblems([twice, twice])).toEqual(["urn:same registered twice"]);
  });
});
