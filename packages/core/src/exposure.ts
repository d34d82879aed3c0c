/**
 * Internet exposure, decided once for components and policy rules alike: which sets of source ranges
 * admit the whole internet (in any IPv4 or IPv6 notation, alone or as a union), and which ports are
 * sensitive enough that opening them to the internet is a finding.
 */
import { Address4, Address6 } from "ip-address";

export type IpFamily = "ipv4" | "ipv6";

/** An address range as the first and last address it contains. */
export interface AddressRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

const LAST_ADDRESS: Record<IpFamily, bigint> = {
  ipv4: (1n << 32n) - 1n,
  ipv6: (1n << 128n) - 1n,
};

/**
 * Parses an IPv4 or IPv6 address or CIDR in any notation ip-address accepts (`0::/0`,
 * `0:0:0:0:0:0:0:0/0`, `10.0.0.1/8`); a bare address is a single host. Undefined when it is neither.
 */
export function parseAddressRange(value: unknown): AddressRange | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  try {
    if (text.includes(":")) {
      if (!Address6.isValid(text)) return undefined;
      const address = new Address6(text);
      return {
        family: "ipv6",
        first: address.startAddress().bigInt(),
        last: address.endAddress().bigInt(),
      };
    }
    // Address4 accepts only dotted quads, so "0/0" or "10/8" are not silently read as something else.
    if (!Address4.isValid(text)) return undefined;
    const address = new Address4(text);
    return { family: "ipv4", first: address.startAddress().bigInt(), last: address.endAddress().bigInt() };
  } catch {
    return undefined;
  }
}

/** Whether the union of `ranges` of one family covers its whole address space. */
function coversFamily(ranges: readonly AddressRange[], family: IpFamily): boolean {
  const sorted = ranges
    .filter((r) => r.family === family)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n; // the lowest address not yet covered
  for (const range of sorted) {
    if (range.first > next) return false;
    if (range.last + 1n > next) next = range.last + 1n;
    if (next > LAST_ADDRESS[family]) return true;
  }
  return false;
}

/** Which address families the union of `sources` covers entirely; entries that are not ranges are ignored. */
export function internetCoverage(sources: readonly unknown[]): Record<IpFamily, boolean> {
  const ranges = sources.map(parseAddressRange).filter((r): r is AddressRange => r !== undefined);
  return { ipv4: coversFamily(ranges, "ipv4"), ipv6: coversFamily(ranges, "ipv6") };
}

/**
 * Whether the sources together admit every IPv4 or every IPv6 address: `0.0.0.0/0`, `::/0`, `0::/0`,
 * or `0.0.0.0/1` with `128.0.0.0/1`, and so on.
 */
export function admitsWholeInternet(sources: readonly unknown[]): boolean {
  const coverage = internetCoverage(sources);
  return coverage.ipv4 || coverage.ipv6;
}

/**
 * Whether address ranges written as first and last address (`0.0.0.0` to `255.255.255.255`, as Synapse and
 * SQL firewall rules write them) together admit every IPv4 or every IPv6 address. A pair that is not two
 * addresses of one family, or that runs backwards, admits nothing.
 */
export function rangesAdmitWholeInternet(ranges: readonly { first: unknown; last: unknown }[]): boolean {
  const parsed = ranges.flatMap(({ first, last }): AddressRange[] => {
    const from = parseAddressRange(first);
    const to = parseAddressRange(last);
    if (!from || !to || from.family !== to.family || from.first > to.last) return [];
    return [{ family: from.family, first: from.first, last: to.last }];
  });
  return coversFamily(parsed, "ipv4") || coversFamily(parsed, "ipv6");
}

/** The rule text components use when they refuse the whole internet as a source. */
export const WHOLE_INTERNET_RULE =
  "must not admit the whole internet (0.0.0.0/0, ::/0, or ranges whose union covers either)";

export type SensitivePortCategory =
  "remote administration" | "database" | "cache" | "search" | "message broker" | "cluster control plane";

/** A port that must never be open to the internet, with what listens on it. */
export interface SensitivePort {
  readonly port: number;
  readonly service: string;
  readonly category: SensitivePortCategory;
}

/**
 * The default sensitive ports: remote administration, databases, caches, search engines, message brokers
 * and cluster control planes. Policy packs make the list configurable; this is what applies without config.
 */
export const SENSITIVE_PORTS: readonly SensitivePort[] = [
  { port: 22, service: "SSH", category: "remote administration" },
  { port: 23, service: "Telnet", category: "remote administration" },
  { port: 3389, service: "RDP", category: "remote administration" },
  { port: 5900, service: "VNC", category: "remote administration" },
  { port: 5985, service: "WinRM (HTTP)", category: "remote administration" },
  { port: 5986, service: "WinRM (HTTPS)", category: "remote administration" },
  { port: 1433, service: "SQL Server", category: "database" },
  { port: 1521, service: "Oracle", category: "database" },
  { port: 3306, service: "MySQL/MariaDB", category: "database" },
  { port: 5432, service: "PostgreSQL", category: "database" },
  { port: 5984, service: "CouchDB", category: "database" },
  { port: 7000, service: "Cassandra (inter-node)", category: "database" },
  { port: 9042, service: "Cassandra", category: "database" },
  { port: 27017, service: "MongoDB", category: "database" },
  { port: 6379, service: "Redis", category: "cache" },
  { port: 11211, service: "Memcached", category: "cache" },
  { port: 9200, service: "Elasticsearch/OpenSearch", category: "search" },
  { port: 9300, service: "Elasticsearch/OpenSearch (transport)", category: "search" },
  { port: 1883, service: "MQTT", category: "message broker" },
  { port: 4222, service: "NATS", category: "message broker" },
  { port: 5672, service: "AMQP (RabbitMQ)", category: "message broker" },
  { port: 9092, service: "Kafka", category: "message broker" },
  { port: 2379, service: "etcd", category: "cluster control plane" },
  { port: 2380, service: "etcd (peer)", category: "cluster control plane" },
  { port: 2375, service: "Docker daemon", category: "cluster control plane" },
  { port: 2376, service: "Docker daemon (TLS)", category: "cluster control plane" },
  { port: 6443, service: "Kubernetes API", category: "cluster control plane" },
  { port: 10250, service: "kubelet", category: "cluster control plane" },
];

/** The sensitive ports an inclusive port range opens (every one of them for an all-ports rule). */
export function sensitivePortsIn(
  from: number,
  to: number,
  ports: readonly SensitivePort[] = SENSITIVE_PORTS,
): SensitivePort[] {
  return ports.filter((p) => from <= p.port && p.port <= to);
}

/** "SSH (22), MySQL/MariaDB (3306)": how findings and errors name the ports they found. */
export function describePorts(ports: readonly SensitivePort[]): string {
  return ports.map((p) => `${p.service} (${p.port})`).join(", ");
}
