/** Admin-port logic shared by the clouds' "no SSH or RDP from the internet" rules. */

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
