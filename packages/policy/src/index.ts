/**
 * @palisade/policy: the rule library (one namespace per cloud), the rule model, the pack builder, the
 * frameworks and the control catalog. Testing helpers live in `@palisade/policy/test-support`.
 */
import * as aws from "./rules/aws/index";
import * as azure from "./rules/azure/index";
import * as gcp from "./rules/gcp/index";
import * as kubernetes from "./rules/kubernetes/index";

export { aws, azure, gcp, kubernetes };
export {
  baselineSetting,
  dependents,
  everyResourceOf,
  fixedSetting,
  isTypeGlob,
  judges,
  matchesType,
  requirementId,
  resourceRule,
  stackRule,
  type InputsContext,
  type Props,
  type Requirement,
  type ResourceRule,
  type Rule,
  type RuleConfig,
  type RuleSetting,
  type StackContext,
  type StackRule,
  type StackView,
  type Subject,
  type Target,
} from "./rule";
export {
  buildPolicies,
  configDefaults,
  policyFor,
  remediationSteps,
  type Control,
  type FrameworkDefinition,
  type Severity,
} from "./pack";
export { EXEMPTIONS_SCHEMA, checkExemptions, findExemption, type Exemption } from "./exemptions";
export { isUnknownValueError, known, type Known } from "./unknowns";
export {
  ALL_PORTS,
  SENSITIVE_PORTS_SETTING,
  exposureMessage,
  openToInternet,
  parsePortSpec,
  sensitivePorts,
  type Ingress,
  type PortRange,
} from "./rules/exposure";
export { allowedRegionsSetting, normalizeRegion, regionAllowed, residencyFindings } from "./rules/residency";
export {
  DATA_SCOPE_SETTINGS,
  DETECTION_MANAGED_CENTRALLY_SETTING,
  MAX_RETENTION_SETTING,
  detectionManagedElsewhere,
  outsidePersonalData,
  retentionFindings,
} from "./rules/scope";
export {
  POD_SECURITY_CHECKS,
  checkPodSpec,
  podSecurityFindings,
  type PodSecurityCheck,
  type PodSecurityFinding,
  type PodSecurityLevel,
  type PodSecurityOptions,
} from "./rules/kubernetes/pod-security";
export { renderCatalog } from "./catalog";
export { CATALOGS } from "./catalogs";
export { finraFramework } from "./frameworks/finra";
export { gdprFramework } from "./frameworks/gdpr";
export { hipaaFramework } from "./frameworks/hipaa";
