/**
 * Internet exposure, judged alike on every cloud: which address ranges mean "anywhere", and which ports
 * are administrative (SSH, RDP).
 */

/** The IPv4 and IPv6 ranges that admit every address. */
export const INTERNET_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];

/** Whether `cidr` admits every address. */
export function isInternetCidr(cidr: unknown): boolean {
  return INTERNET_CIDRS.includes(String(cidr).trim());
}

/** SSH and RDP. */
export const ADMIN_PORTS = [22, 3389] as const;

export const ADMIN_PORTS_LABEL = "an admin port (22/3389)";

/** Whether the inclusive range `from`..`to` covers SSH or RDP. */
export function rangeCoversAdminPort(
  from: unknown,
  to: unknown,
  ports: readonly number[] = ADMIN_PORTS,
): boolean {
  return ports.some((port) => Number(from) <= port && port <= Number(to));
}

/**
 * Whether a port spec written as a string covers SSH or RDP: a port (`"22"`), an inclusive range
 * (`"20-25"`) or every port (`"*"`, Azure's wildcard).
 */
export function portSpecCoversAdminPort(spec: unknown, ports: readonly number[] = ADMIN_PORTS): boolean {
  const text = String(spec).trim();
  if (text === "*") return true;
  const [from, to = from] = text.split("-").map(Number);
  return rangeCoversAdminPort(from, to, ports);
}
