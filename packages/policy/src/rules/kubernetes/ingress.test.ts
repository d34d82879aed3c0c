import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
import { describeResourceCases, policy } from "../rule-cases.test-support";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const rules = [{ host: "api.example.com" }, { host: "mcp.example.com" }];

describeResourceCases([
  {
    rule: "kubernetes-ingress-tls",
    type: INGRESS,
    compliant: { spec: { rules, tls: [{ hosts: ["api.example.com", "mcp.example.com"], secretName: "t" }] } },
    violating: { spec: { rules } },
    // The certificate secret may come from a resource created in the same preview.
    unknown: {
      spec: { rules, tls: [{ hosts: ["api.example.com", "mcp.example.com"], secretName: UNKNOWN }] },
    },
    unknownVerdict: "compliant",
  },
]);

describe("kubernetes-ingress-tls", () => {
  it("names each routed host that TLS does not cover", async () => {
    const result = await analyzeResource(policy("kubernetes-ingress-tls"), {
      type: INGRESS,
      name: "i",
      props: { spec: { rules, tls: [{ hosts: ["api.example.com"], secretName: "t" }] } },
    });
    expect(result.violations).toEqual([
      expect.stringContaining("spec.rules host mcp.example.com is not listed in spec.tls"),
    ]);
  });
});
