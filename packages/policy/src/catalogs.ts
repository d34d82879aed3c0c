import { finraFramework } from "./frameworks/finra";
import { gdprFramework } from "./frameworks/gdpr";
import { hipaaFramework } from "./frameworks/hipaa";
import type { FrameworkDefinition } from "./pack";

/** The shipped catalogs, by file name under docs/controls. */
export const CATALOGS: Record<string, FrameworkDefinition> = {
  "finra.md": finraFramework,
  "gdpr.md": gdprFramework,
  "hipaa.md": hipaaFramework,
};
