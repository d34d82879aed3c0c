/**
 * Child resource names derive from the component name, so two instances of one component never collide
 * and a reader can find every child of `prod` by its prefix.
 */
export function childName(componentName: string, ...parts: string[]): string {
  return [componentName, ...parts].join("-");
}

/** A DNS-1123 label: what Kubernetes object names, tier names and most cloud name fields accept. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_RULE =
  "must be a DNS label: 1-63 lowercase letters, digits or '-', starting and ending alphanumeric";

export function isDnsLabel(value: unknown): value is string {
  return typeof value === "string" && value.length <= 63 && DNS_LABEL.test(value);
}
