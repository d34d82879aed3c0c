/**
 * Internet exposure as every cloud's rules judge it, on @palisade/core's one definition (the whole
 * internet in any notation or as a union of ranges, and the sensitive-port list): port specs written as
 * text, the `sensitivePorts` setting, and a rule set judged on the union of its sources per port.
 */
import { SENSITIVE_PORTS, admitsWholeInternet, describePorts, type SensitivePort } from "@palisade/core";
import { fixedSetting, type RuleConfig, type RuleSetting } from "../rule";
import { known } from "../unknowns";

/** An inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** A port spec written as text: a port (`"22"`), an inclusive range (`"20-25"`) or every port (`"*"`). */
export function parsePortSpec(spec: unknown): PortRange | undefined {
  const text = String(spec).trim();
  if (text === "*") return ALL_PORTS;
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

/**
 * The `sensitivePorts` setting: ports that must never admit the whole internet. The default is
 * @palisade/core's SENSITIVE_PORTS (remote administration, databases, caches, search, message brokers
 * and cluster control planes); an all-ports rule opens every one of them.
 */
export const SENSITIVE_PORTS_SETTING: RuleSetting = fixedSetting(
  SENSITIVE_PORTS.map((p) => p.port),
  {
    type: "array",
    items: { type: "integer", minimum: 0, maximum: 65535 },
    uniqueItems: true,
    description:
      "Ports that must not admit the whole internet: remote administration, databases, caches, search engines, message brokers and cluster control planes by default",
  },
);

/** The configured sensitive ports, named by the service the default list knows on each. */
export function sensitivePorts(config: RuleConfig): SensitivePort[] {
  const ports = (config.sensitivePorts as number[] | undefined) ?? [];
  return ports.map(
    (port) =>
      SENSITIVE_PORTS.find((p) => p.port === port) ??
      // A port the default list does not know: only its number is known, so no category is claimed.
      ({ port, service: "configured port" } as SensitivePort),
  );
}

/** One entry of a firewall, security group or NSG rule set, read lazily. */
export interface Ingress {
  /** The port ranges the entry opens; read first, so an entry that opens no sensitive port is read no further. */
  ports(): readonly PortRange[];
  /** Where traffic may come from: address ranges in any notation (anything else admits no range). */
  sources(): readonly unknown[];
}

/** What an entry whose sources are unknown could admit. */
const ANYWHERE = ["0.0.0.0/0", "::/0"];

/**
 * The sensitive ports that the rule set admits the whole internet to, judged per port on the union of the
 * sources of every entry that opens it. What is known decides first: a port open through known entries is
 * a finding even while another entry is unknown at preview, and a port stays closed when even the worst
 * reading of the unknown entries (every port, any source) cannot open it. Only when the unknown entries
 * could open a port that the known ones leave closed is the unknown value thrown (undetermined).
 */
export function openToInternet(
  entries: readonly Ingress[],
  ports: readonly SensitivePort[],
): SensitivePort[] {
  let pending: Error | undefined;
  // The ports each entry opens; undefined when unknown (it may open any).
  const opened = entries.map((entry) => {
    const read = known(() => entry.ports());
    if (read.known) return read.value;
    pending ??= read.error;
    return undefined;
  });
  const sources = new Map<number, readonly unknown[] | undefined>();
  const sourcesOf = (i: number): readonly unknown[] | undefined => {
    if (!sources.has(i)) {
      const read = known(() => entries[i]!.sources());
      if (!read.known) pending ??= read.error;
      sources.set(i, read.known ? read.value : undefined);
    }
    return sources.get(i);
  };
  let undecided = false;
  const open = ports.filter((port) => {
    const definite: unknown[] = [];
    const possible: unknown[] = [];
    opened.forEach((ranges, i) => {
      if (ranges !== undefined && !ranges.some((r) => r.from <= port.port && port.port <= r.to)) return;
      const from = sourcesOf(i);
      if (from === undefined) possible.push(...ANYWHERE);
      else (ranges === undefined ? possible : definite).push(...from);
    });
    if (admitsWholeInternet(definite)) return true;
    if (admitsWholeInternet([...definite, ...possible])) undecided = true;
    return false;
  });
  if (open.length === 0 && undecided && pending) throw pending;
  return open;
}

/** "SSH (22), MySQL/MariaDB (3306) open to the whole internet". */
export const exposureMessage = (open: readonly SensitivePort[]) =>
  `${describePorts(open)} open to the whole internet`;
