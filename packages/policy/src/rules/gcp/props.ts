/** Shared helpers for GCP rules. */

/** Resource inputs as a rule reads them: every property optional and possibly unknown at preview. */
export type Props<T> = { [K in keyof T]?: any };

/** GCP metadata spells booleans loosely ("TRUE", "true", "1", "y"). */
export const truthy = (value: unknown): boolean =>
  value === true || ["true", "1", "y", "yes"].includes(String(value).toLowerCase());
