/** Shared helpers for GCP rules. */

export type { Props } from "../../rule";

/** GCP metadata spells booleans loosely ("TRUE", "true", "1", "y"). */
export const truthy = (value: unknown): boolean =>
  value === true || ["true", "1", "y", "yes"].includes(String(value).toLowerCase());
