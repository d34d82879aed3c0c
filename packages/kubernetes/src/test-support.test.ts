import type { Registration } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { validateKubernetesObjects } from "./test-support";

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
