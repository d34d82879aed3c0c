import { gdpr } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { globalServiceReason, regionOf, residencyRegion } from "./residency";

const queue = (props: Record<string, unknown>, provider?: Record<string, unknown>): KitResource => ({
  type: "aws:sqs/queue:Queue",
  name: "q",
  props: { name: "orders", ...props },
  provider,
});
const EU = { region: "eu-west-1" };
const US = { region: "us-east-1" };

describeRule(residencyRegion, {
  baseline: gdpr,
  compliant: [
    queue({}, EU),
    queue({ region: "eu-central-1" }),
    // The resource's own region wins over its provider's.
    queue({ region: "eu-north-1" }, US),
    // A null region is no region: the provider's applies.
    queue({ region: null }, EU),
    // Route 53 Resolver lives in the route53 module but is regional.
    {
      type: "aws:route53/resolverEndpoint:ResolverEndpoint",
      name: "resolver",
      props: { direction: "INBOUND" },
      provider: EU,
    },
  ],
  requirements: {
    "region-declared": {
      violating: [queue({}), queue({}, {}), queue({ region: null }, { region: null })],
      unknown: [queue({ region: UNKNOWN })],
      readsWith: ["region-allowed"],
      outOfScope: [
        { type: "aws:iam/role:Role", name: "role", props: { name: "app" } },
        { type: "aws:route53/record:Record", name: "www", props: { name: "www" } },
        { type: "aws:waf/webAcl:WebAcl", name: "acl", props: { name: "acl" }, provider: US },
      ],
    },
    "region-allowed": {
      violating: [
        queue({}, US),
        queue({ region: "us-east-1" }, EU),
        queue({ region: "eu-west-2" }),
        {
          type: "aws:wafregional/webAcl:WebAcl",
          name: "acl",
          props: { name: "acl" },
          provider: US,
        },
        // A mistyped region is not passed.
        queue({ region: 42 }),
      ],
      compliant: [{ resources: [queue({}, US)], config: { allowedRegions: "any" } }],
      unknown: [queue({}, { region: UNKNOWN })],
      readsWith: ["region-declared"],
      outOfScope: [
        { type: "aws:cloudfront/distribution:Distribution", name: "cdn", props: {}, provider: US },
      ],
    },
  },
});

describe("regionOf", () => {
  it("names where the region came from", () => {
    expect(regionOf({ region: "eu-west-1" }, US)).toEqual({ path: "region", region: "eu-west-1" });
    expect(regionOf({}, US)).toEqual({ path: "provider region", region: "us-east-1" });
    expect(regionOf({}, undefined)).toBeUndefined();
  });
});

describe("globalServiceReason", () => {
  it("excludes global services by type, not by module alone", () => {
    expect(globalServiceReason("aws:route53/zone:Zone")).toMatch(/Route 53 DNS/);
    expect(globalServiceReason("aws:route53/resolverRule:ResolverRule")).toBeUndefined();
    expect(globalServiceReason("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock")).toMatch(
      /account/,
    );
    expect(globalServiceReason("aws:s3/bucket:Bucket")).toBeUndefined();
  });
});
