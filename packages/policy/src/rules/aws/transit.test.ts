import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
import { describeResourceCases, policy } from "../rule-cases.test-support";

const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

describeResourceCases([
  {
    rule: "aws-lb-listener-tls",
    type: "aws:lb/listener:Listener",
    compliant: { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
    violating: { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-2016-08" },
    // The load balancer and certificate are created in the same preview; protocol and policy decide.
    unknown: {
      loadBalancerArn: UNKNOWN,
      certificateArn: UNKNOWN,
      protocol: "TLS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
    },
    unknownVerdict: "compliant",
  },
]);

describe("aws-lb-listener-tls", () => {
  const run = (props: Record<string, unknown>) =>
    analyzeResource(policy("aws-lb-listener-tls"), { type: "aws:alb/listener:Listener", name: "l", props });

  it("allows plain HTTP only when every default action redirects to HTTPS", async () => {
    expect((await run({ protocol: "HTTP", defaultActions: [redirect] })).violations).toEqual([]);
    const forward = { type: "forward", targetGroupArn: "arn:tg" };
    expect((await run({ protocol: "HTTP", defaultActions: [redirect, forward] })).violations[0]).toContain(
      "protocol HTTP is allowed only when every default action redirects to HTTPS",
    );
  });

  it("rejects an HTTPS listener that leaves the TLS policy to the provider default", async () => {
    expect((await run({ protocol: "HTTPS" })).violations[0]).toContain("sslPolicy (provider default)");
  });
});
