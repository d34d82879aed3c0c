import { describe, expect, it } from "vitest";
import { isInternetCidr, portSpecCoversAdminPort, rangeCoversAdminPort } from "./exposure";

describe("internet ranges", () => {
  it("are the all-address IPv4 and IPv6 blocks, and nothing narrower", () => {
    for (const cidr of ["0.0.0.0/0", "::/0", " ::/0 "]) expect(isInternetCidr(cidr)).toBe(true);
    for (const cidr of ["0.0.0.0/1", "10.0.0.0/8", "::/1", undefined])
      expect(isInternetCidr(cidr)).toBe(false);
  });
});

describe("admin-port ranges", () => {
  it("cover SSH or RDP when the inclusive range reaches 22 or 3389", () => {
    expect(rangeCoversAdminPort(22, 22)).toBe(true);
    expect(rangeCoversAdminPort(3000, 4000)).toBe(true);
    expect(rangeCoversAdminPort(23, 3388)).toBe(false);
    expect(rangeCoversAdminPort("0", "65535")).toBe(true);
  });

  it("read ports, ranges and the wildcard from strings", () => {
    for (const spec of ["22", "3389", "20-25", "1-65535", "*", " 22 "])
      expect(portSpecCoversAdminPort(spec)).toBe(true);
    for (const spec of ["443", "23-3388", "8080-8090"]) expect(portSpecCoversAdminPort(spec)).toBe(false);
  });
});
