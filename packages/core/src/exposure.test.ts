import fc from "fast-check";
import { Address4 } from "ip-address";
import { describe, expect, it } from "vitest";
import {
  admitsWholeInternet,
  rangesAdmitWholeInternet,
  describePorts,
  internetCoverage,
  parseAddressRange,
  SENSITIVE_PORTS,
  sensitivePortsIn,
} from "./exposure";

describe("admitsWholeInternet", () => {
  it.each([
    [["0.0.0.0/0"]],
    [["::/0"]],
    [["0::/0"]],
    [["0:0:0:0:0:0:0:0/0"]],
    [[" 0.0.0.0/0 "]],
    [["0.0.0.0/1", "128.0.0.0/1"]],
    [["128.0.0.0/1", "10.0.0.0/8", "0.0.0.0/1"]],
    [["::/1", "8000::/1"]],
    [["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]],
  ])("%j covers the whole internet", (sources) => {
    expect(admitsWholeInternet(sources)).toBe(true);
  });

  it.each([
    [[]],
    [["10.0.0.0/8"]],
    [["0.0.0.0/1"]],
    [["0.0.0.0/1", "128.0.0.0/2", "224.0.0.0/3"]],
    [["::/1"]],
    [["not a cidr", "0/0"]],
    [[undefined, 42, null]],
  ])("%j does not", (sources) => {
    expect(admitsWholeInternet(sources as unknown[])).toBe(false);
  });

  it("keeps the families apart: two IPv4 halves do not cover IPv6", () => {
    expect(internetCoverage(["0.0.0.0/1", "128.0.0.0/1"])).toEqual({ ipv4: true, ipv6: false });
    expect(internetCoverage(["::/0"])).toEqual({ ipv4: false, ipv6: true });
  });

  it("a gap of a single address is not coverage", () => {
    // 0.0.0.0-127.255.255.255 plus 128.0.0.1-255.255.255.255 misses 128.0.0.0.
    const halves = ["0.0.0.0/1", "128.0.0.1/32", "128.0.0.2/31", "128.0.0.4/30", "128.0.0.8/29"];
    expect(admitsWholeInternet(halves)).toBe(false);
    expect(admitsWholeInternet([...halves, "128.0.0.0/32"])).toBe(false);
  });

  it("agrees with any split of 0.0.0.0/0 into aligned blocks, in any order, and fails when one is missing", () => {
    const splits = fc.integer({ min: 1, max: 8 }).chain((bits) => {
      const blocks = Array.from(
        { length: 2 ** bits },
        (_, i) => `${Address4.fromBigInt(BigInt(i) << BigInt(32 - bits)).address}/${bits}`,
      );
      return fc.tuple(fc.shuffledSubarray(blocks, { minLength: blocks.length }), fc.nat(blocks.length - 1));
    });
    fc.assert(
      fc.property(splits, ([blocks, drop]) => {
        expect(admitsWholeInternet(blocks)).toBe(true);
        expect(admitsWholeInternet(blocks.filter((_, i) => i !== drop))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe("parseAddressRange", () => {
  it("reads both families and rejects what is neither", () => {
    expect(parseAddressRange("10.0.0.0/8")).toEqual({ family: "ipv4", first: 167772160n, last: 184549375n });
    expect(parseAddressRange("::1")).toEqual({ family: "ipv6", first: 1n, last: 1n });
    expect(parseAddressRange("10.0.0/8")).toBeUndefined();
    expect(parseAddressRange("")).toBeUndefined();
    expect(parseAddressRange(10)).toBeUndefined();
  });
});

describe("sensitive ports", () => {
  it("finds databases, caches and admin ports inside a range", () => {
    expect(sensitivePortsIn(3306, 3306).map((p) => p.service)).toEqual(["MySQL/MariaDB"]);
    expect(sensitivePortsIn(20, 25).map((p) => p.port)).toEqual([22, 23]);
    expect(sensitivePortsIn(0, 65535)).toHaveLength(SENSITIVE_PORTS.length);
    expect(sensitivePortsIn(443, 443)).toEqual([]);
    expect(describePorts(sensitivePortsIn(6379, 6379))).toBe("Redis (6379)");
  });

  it("lists each port once", () => {
    const ports = SENSITIVE_PORTS.map((p) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe("rangesAdmitWholeInternet", () => {
  it("admits the internet when first-to-last ranges cover a family", () => {
    expect(rangesAdmitWholeInternet([{ first: "0.0.0.0", last: "255.255.255.255" }])).toBe(true);
    expect(
      rangesAdmitWholeInternet([
        { first: "0.0.0.0", last: "127.255.255.255" },
        { first: "128.0.0.0", last: "255.255.255.255" },
      ]),
    ).toBe(true);
    expect(rangesAdmitWholeInternet([{ first: "::", last: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" }])).toBe(
      true,
    );
  });

  it("does not when a gap remains, families mix, a range runs backwards or is not addresses", () => {
    expect(rangesAdmitWholeInternet([{ first: "0.0.0.1", last: "255.255.255.255" }])).toBe(false);
    expect(rangesAdmitWholeInternet([{ first: "0.0.0.0", last: "255.255.255.254" }])).toBe(false);
    expect(
      rangesAdmitWholeInternet([
        { first: "0.0.0.0", last: "127.255.255.254" },
        { first: "128.0.0.0", last: "255.255.255.255" },
      ]),
    ).toBe(false);
    expect(rangesAdmitWholeInternet([{ first: "0.0.0.0", last: "ffff::" }])).toBe(false);
    expect(rangesAdmitWholeInternet([{ first: "255.255.255.255", last: "0.0.0.0" }])).toBe(false);
    expect(rangesAdmitWholeInternet([{ first: undefined, last: "255.255.255.255" }])).toBe(false);
    expect(rangesAdmitWholeInternet([{ first: "0.0.0.0", last: "x" }])).toBe(false);
    expect(rangesAdmitWholeInternet([])).toBe(false);
  });
});
