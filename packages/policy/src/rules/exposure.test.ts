import { createRequire } from "node:module";
import { SENSITIVE_PORTS } from "@palisade/core";
import { UNKNOWN } from "../kit";
import { describe, expect, it } from "vitest";
import {
  ALL_PORTS,
  SENSITIVE_PORTS_SETTING,
  exposureMessage,
  openToInternet,
  parsePortSpec,
  sensitivePorts,
  type Ingress,
} from "./exposure";

// What the policy proxy throws for a value unknown at preview.
const { UnknownValueError } = createRequire(__filename)("@pulumi/policy/proxy") as {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
};
const unknownRead = (): never => {
  throw new UnknownValueError(UNKNOWN, ["cidr"]);
};

const entry = (ports: (number | [number, number])[], sources: unknown[]): Ingress => ({
  ports: () => ports.map((p) => (typeof p === "number" ? { from: p, to: p } : { from: p[0], to: p[1] })),
  sources: () => sources,
});

const ports = sensitivePorts({ sensitivePorts: [22, 3306, 8080] });

describe("port specs", () => {
  it("read a port, an inclusive range and the wildcard", () => {
    expect(parsePortSpec("22")).toEqual({ from: 22, to: 22 });
    expect(parsePortSpec(" 20 - 25 ")).toEqual({ from: 20, to: 25 });
    expect(parsePortSpec("*")).toBe(ALL_PORTS);
    expect(ALL_PORTS).toEqual({ from: 0, to: 65535 });
    for (const bad of ["", "ssh", "22-", "-22", "1-2-3", undefined])
      expect(parsePortSpec(bad)).toBeUndefined();
  });
});

describe("the sensitivePorts setting", () => {
  it("defaults to core's list and names the ports it knows", () => {
    expect(SENSITIVE_PORTS_SETTING.default(undefined as never)).toEqual(SENSITIVE_PORTS.map((p) => p.port));
    expect(ports.map((p) => p.service)).toEqual(["SSH", "MySQL/MariaDB", "configured port"]);
    expect(sensitivePorts({})).toEqual([]);
  });
});

describe("openToInternet", () => {
  it("judges each port on the union of the sources of every entry that opens it", () => {
    const halves = [entry([[0, 1024]], ["0.0.0.0/1"]), entry([22], ["128.0.0.0/1"])];
    expect(openToInternet(halves, ports).map((p) => p.port)).toEqual([22]);
    // The second half opens another port only: 22 is not open to the whole internet.
    expect(openToInternet([entry([22], ["0.0.0.0/1"]), entry([443], ["128.0.0.0/1"])], ports)).toEqual([]);
  });

  it("takes any notation of the whole internet, and opens every sensitive port for an all-ports entry", () => {
    for (const cidr of ["0::/0", "0:0:0:0:0:0:0:0/0", "::/0", "0.0.0.0/0"])
      expect(
        openToInternet([entry([3306], [cidr])], ports).map((p) => p.port),
        cidr,
      ).toEqual([3306]);
    expect(openToInternet([{ ports: () => [ALL_PORTS], sources: () => ["::/0"] }], ports)).toEqual(ports);
    expect(openToInternet([entry([[3306, 3306]], ["10.0.0.0/8"])], ports)).toEqual([]);
  });

  it("counts a range's end ports", () => {
    expect(openToInternet([entry([[22, 22]], ["0.0.0.0/0"])], ports)).toHaveLength(1);
    expect(openToInternet([entry([[23, 3305]], ["0.0.0.0/0"])], ports)).toEqual([]);
    expect(openToInternet([entry([[3307, 8079]], ["0.0.0.0/0"])], ports)).toEqual([]);
    expect(openToInternet([entry([[21, 23]], ["0.0.0.0/0"])], ports).map((p) => p.port)).toEqual([22]);
  });

  it("decides on known entries first; an unknown entry that could open a port leaves it undetermined", () => {
    const open = entry([22], ["0.0.0.0/0"]);
    const unknownSources: Ingress = { ports: () => [{ from: 3306, to: 3306 }], sources: unknownRead };
    const unknownPorts: Ingress = { ports: unknownRead, sources: () => ["0.0.0.0/0"] };
    expect(openToInternet([open, unknownSources], ports).map((p) => p.port)).toEqual([22]);
    expect(() => openToInternet([unknownSources], ports)).toThrow(/can't be known during preview/);
    expect(() => openToInternet([unknownPorts], ports)).toThrow(/can't be known during preview/);
    // An entry that opens no sensitive port is never read further.
    const harmless: Ingress = { ports: () => [{ from: 443, to: 443 }], sources: unknownRead };
    expect(openToInternet([harmless], ports)).toEqual([]);
    // Whatever ports a private entry opens, it cannot admit the internet.
    const privateUnknownPorts: Ingress = { ports: unknownRead, sources: () => ["10.0.0.0/8"] };
    expect(openToInternet([privateUnknownPorts], ports)).toEqual([]);
    // Unless it completes another entry's half of the internet.
    const half: Ingress = { ports: unknownRead, sources: () => ["0.0.0.0/1"] };
    expect(() => openToInternet([half, entry([22], ["128.0.0.0/1"])], ports)).toThrow(/can't be known/);
  });

  it("reads each entry's sources once", () => {
    let reads = 0;
    const counted: Ingress = { ports: () => [ALL_PORTS], sources: () => (reads++, ["10.0.0.0/8"]) };
    openToInternet([counted], ports);
    expect(reads).toBe(1);
  });

  it("names the ports in a message", () => {
    expect(exposureMessage(ports.slice(0, 2))).toBe(
      "SSH (22), MySQL/MariaDB (3306) open to the whole internet",
    );
  });
});
