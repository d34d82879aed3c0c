import { gdpr } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { SegmentedNetwork, type SegmentedNetworkArgs } from "./segmented-network";
import { gcpStack, PROJECT, REGION } from "./test-support";

const SUBNET = "gcp:compute/subnetwork:Subnetwork";
const FIREWALL = "gcp:compute/firewall:Firewall";
const valid: SegmentedNetworkArgs = { cidr: "10.20.0.0/16" };

async function built(args: Partial<SegmentedNetworkArgs> = {}, name = "net") {
  const stack = await gcpStack();
  const network = new SegmentedNetwork(name, { ...valid, ...args });
  return { stack: await stack.settle(), network };
}

describe("SegmentedNetwork", () => {
  it("is a custom-mode VPC with a subnet per tier, Private Google Access and full flow logs on each", async () => {
    const { stack } = await built();
    expect(stack.one("gcp:compute/network:Network", "net-vpc").inputs).toMatchObject({
      project: PROJECT,
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
    });
    const subnets = stack.ofType(SUBNET);
    expect(subnets.map((s) => [s.name, s.inputs.ipCidrRange])).toEqual([
      ["net-app", "10.20.0.0/20"],
      // app owns 4 region slots of /20 (10.20.0.0/18): data starts after it.
      ["net-data", "10.20.64.0/24"],
    ]);
    for (const subnet of subnets)
      expect(subnet.inputs).toMatchObject({
        project: PROJECT,
        region: REGION,
        privateIpGoogleAccess: true,
        logConfig: {
          aggregationInterval: "INTERVAL_5_SEC",
          flowSampling: 1,
          metadata: "INCLUDE_ALL_METADATA",
        },
      });
  });

  it("keeps every subnet where it was when a tier is appended", async () => {
    const before = (await built()).stack.ofType(SUBNET).map((s) => s.inputs.ipCidrRange);
    const after = (
      await built({
        tiers: [
          { name: "app", prefixLength: 20 },
          { name: "data", prefixLength: 24 },
          { name: "gpu", prefixLength: 22 },
        ],
      })
    ).stack
      .ofType(SUBNET)
      .map((s) => s.inputs.ipCidrRange);
    expect(after.slice(0, 2)).toEqual(before);
  });

  it("denies all ingress and egress explicitly, logged, under every allow", async () => {
    const { stack } = await built();
    expect(stack.one(FIREWALL, "net-deny-all-ingress").inputs).toMatchObject({
      direction: "INGRESS",
      priority: 65534,
      denies: [{ protocol: "all" }],
      sourceRanges: ["0.0.0.0/0"],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });
    expect(stack.one(FIREWALL, "net-deny-all-egress").inputs).toMatchObject({
      direction: "EGRESS",
      priority: 65534,
      denies: [{ protocol: "all" }],
      destinationRanges: ["0.0.0.0/0"],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });
    for (const rule of stack.ofType(FIREWALL)) expect(rule.inputs.logConfig, rule.name).toBeDefined();
  });

  it("reaches Google APIs through a Private Service Connect endpoint and its private DNS, with no internet", async () => {
    const { stack, network } = await built();
    expect(network.pscAddress).toBe("10.20.255.240");
    expect(stack.one("gcp:compute/globalAddress:GlobalAddress").inputs).toMatchObject({
      addressType: "INTERNAL",
      purpose: "PRIVATE_SERVICE_CONNECT",
      address: "10.20.255.240",
    });
    expect(stack.one("gcp:compute/globalForwardingRule:GlobalForwardingRule").inputs).toMatchObject({
      name: "palisadeapis",
      target: "all-apis",
      loadBalancingScheme: "",
    });
    expect(stack.one("gcp:dns/managedZone:ManagedZone").inputs).toMatchObject({
      dnsName: "googleapis.com.",
      visibility: "private",
    });
    const records = stack
      .ofType("gcp:dns/recordSet:RecordSet")
      .map((r) => [r.inputs.name, r.inputs.type, r.inputs.rrdatas]);
    expect(records).toEqual([
      ["googleapis.com.", "A", ["10.20.255.240"]],
      ["*.googleapis.com.", "CNAME", ["googleapis.com."]],
    ]);
    expect(stack.one(FIREWALL, "net-allow-google-apis").inputs).toMatchObject({
      direction: "EGRESS",
      priority: 1000,
      allows: [{ protocol: "tcp", ports: ["443"] }],
      destinationRanges: ["10.20.255.240/32"],
    });
    expect(stack.ofType("gcp:compute/routerNat:RouterNat")).toEqual([]);
  });

  it("plans GKE secondary ranges in their own block, and adds Cloud NAT only for the tiers that ask", async () => {
    const { stack } = await built({
      secondaryCidr: "100.64.0.0/14",
      tiers: [
        {
          name: "gke",
          prefixLength: 22,
          nat: true,
          secondaryRanges: [
            { name: "pods", prefixLength: 18 },
            { name: "services", prefixLength: 22 },
          ],
        },
        { name: "data", prefixLength: 24 },
      ],
    });
    expect(stack.one(SUBNET, "net-gke").inputs.secondaryIpRanges).toEqual([
      { rangeName: "pods", ipCidrRange: "100.64.0.0/18" },
      { rangeName: "services", ipCidrRange: "100.65.0.0/22" },
    ]);
    const nat = stack.one("gcp:compute/routerNat:RouterNat", "net-nat");
    expect(nat.inputs).toMatchObject({
      region: REGION,
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      logConfig: { enable: true, filter: "ALL" },
    });
    expect(nat.propertyDependencies.subnetworks).toEqual([stack.one(SUBNET, "net-gke").urn]);
  });

  it("turns allows into logged rules by service account, tag and tier", async () => {
    const { stack } = await built({
      allows: [
        {
          name: "app-to-data",
          direction: "INGRESS",
          protocol: "tcp",
          ports: ["5432"],
          sourceTiers: ["app"],
          targetTags: ["db"],
        },
        {
          name: "model-pull",
          direction: "EGRESS",
          protocol: "tcp",
          ports: ["443"],
          targetServiceAccounts: ["infer-vm@phi-prod-123.iam.gserviceaccount.com"],
          destinationRanges: ["10.30.0.0/24"],
        },
      ],
    });
    expect(stack.one(FIREWALL, "net-allow-app-to-data").inputs).toMatchObject({
      direction: "INGRESS",
      priority: 1000,
      allows: [{ protocol: "tcp", ports: ["5432"] }],
      sourceRanges: ["10.20.0.0/18"],
      targetTags: ["db"],
      logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });
    expect(stack.one(FIREWALL, "net-allow-model-pull").inputs).toMatchObject({
      direction: "EGRESS",
      destinationRanges: ["10.30.0.0/24"],
      targetServiceAccounts: ["infer-vm@phi-prod-123.iam.gserviceaccount.com"],
    });
  });
});

const FIVE_REGIONS = ["us-central1", "us-east1", "us-east4", "us-west1", "us-west2"];

describe("SegmentedNetwork across regions", () => {
  it("puts a subnet per tier in each region, in its own slot; a region appended later moves nothing", async () => {
    const one = (await built()).stack
      .ofType(SUBNET)
      .map((s) => [s.name, s.inputs.region, s.inputs.ipCidrRange]);
    const { stack, network } = await built({
      regions: [REGION, "us-east4"],
      tiers: [{ name: "app", prefixLength: 20, nat: true }],
    });
    expect(stack.ofType(SUBNET).map((s) => [s.name, s.inputs.region, s.inputs.ipCidrRange])).toEqual([
      ["net-app", REGION, "10.20.0.0/20"],
      ["net-app-us-east4", "us-east4", "10.20.16.0/20"],
    ]);
    expect(one[0]).toEqual(["net-app", REGION, "10.20.0.0/20"]);
    expect(Object.keys(network.subnetsByRegion)).toEqual([REGION, "us-east4"]);
    // Cloud NAT is regional: one per region, each for its own region's subnet.
    expect(stack.ofType("gcp:compute/routerNat:RouterNat").map((n) => [n.name, n.inputs.region])).toEqual([
      ["net-nat", REGION],
      ["net-nat-us-east4", "us-east4"],
    ]);
    expect(
      stack.one("gcp:compute/routerNat:RouterNat", "net-nat-us-east4").propertyDependencies.subnetworks,
    ).toEqual([stack.one(SUBNET, "net-app-us-east4").urn]);
  });

  it.each([
    [{ regions: ["europe-west4", "europe-west4"] }, "regions[1]", "europe-west4"],
    [{ regions: ["europe-west4-a"] }, "regions[0]", "europe-west4-a"],
    [
      // Five regions, four slots per tier.
      { regions: FIVE_REGIONS },
      "regions",
      FIVE_REGIONS,
    ],
    [
      { baseline: gdpr, region: "europe-west4", regions: ["europe-west4", "us-east4"] },
      "regions[1]",
      "us-east4",
    ],
  ] as [Partial<SegmentedNetworkArgs>, string, unknown][])(
    "refuses %j, naming %s",
    async (args, path, value) => {
      const stack = await gcpStack();
      expectRejected(() => new SegmentedNetwork("net", { ...valid, ...args }), path, value);
      expect(stack.registrations).toEqual([]);
    },
  );
});

describe("SegmentedNetwork rejects, naming the argument, before registering anything", () => {
  it.each([
    [{ cidr: "8.8.0.0/16" }, "cidr", "8.8.0.0/16"],
    [{ cidr: "10.20.0.1/16" }, "cidr", "10.20.0.1/16"],
    [{ tiers: [{ name: "app", prefixLength: 30 }] }, "tiers[0].prefixLength", 30],
    [
      { tiers: [{ name: "gke", prefixLength: 22, secondaryRanges: [{ name: "pods", prefixLength: 18 }] }] },
      "secondaryCidr",
      undefined,
    ],
    [{ secondaryCidr: "100.64.0.0/14" }, "secondaryCidr", "100.64.0.0/14"],
    [
      {
        secondaryCidr: "10.20.0.0/16",
        tiers: [{ name: "gke", prefixLength: 22, secondaryRanges: [{ name: "pods", prefixLength: 18 }] }],
      },
      "secondaryCidr",
      "10.20.0.0/16",
    ],
    [
      {
        secondaryCidr: "100.64.0.0/20",
        tiers: [{ name: "gke", prefixLength: 22, secondaryRanges: [{ name: "pods", prefixLength: 18 }] }],
      },
      "tiers[0].secondaryRanges[0].prefixLength",
      18,
    ],
    [{ pscEndpointName: "google-apis" }, "pscEndpointName", "google-apis"],
    [
      { allows: [{ name: "open", direction: "INGRESS", protocol: "tcp", ports: ["22"] }] },
      "allows[0]",
      "open",
    ],
    [
      {
        allows: [
          { name: "web", direction: "INGRESS", protocol: "tcp", sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] },
        ],
      },
      "allows[0].sourceRanges",
      ["0.0.0.0/1", "128.0.0.0/1"],
    ],
    [
      { allows: [{ name: "x", direction: "EGRESS", protocol: "tcp", destinationTiers: ["web"] }] },
      "allows[0].destinationTiers[0]",
      "web",
    ],
    [
      {
        allows: [
          { name: "x", direction: "EGRESS", protocol: "tcp", ports: ["70000"], destinationTiers: ["app"] },
        ],
      },
      "allows[0].ports[0]",
      "70000",
    ],
    [
      {
        allows: [
          { name: "x", direction: "EGRESS", protocol: "icmp", ports: ["1"], destinationTiers: ["app"] },
        ],
      },
      "allows[0].ports",
      ["1"],
    ],
    [{ baseline: gdpr, region: "us-central1" }, "region", "us-central1"],
  ] as [Partial<SegmentedNetworkArgs>, string, unknown][])("%j: %s", async (args, path, value) => {
    const stack = await gcpStack();
    expectRejected(() => new SegmentedNetwork("net", { ...valid, ...args }), path, value);
    expect(stack.registrations).toEqual([]);
  });
});
