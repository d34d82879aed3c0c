/** Shared helpers for GCP rules. */

/** Resource inputs as a rule reads them: every property optional and possibly unknown at preview. */
export type Props<T> = { [K in keyof T]?: any };
