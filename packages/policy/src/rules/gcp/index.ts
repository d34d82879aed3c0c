/** GCP rules (gcp v9 type tokens; props typed from the SDK with `import type`), one file per service. */
export {
  firewallSensitivePorts,
  instanceHardened,
  networkCustomSubnets,
  subnetworkFlowLogs,
} from "./compute";
export { gkeClusterHardened } from "./container";
export { auditConfigComplete } from "./iam";
export { cryptoKeyRotation } from "./kms";
export { logBucketProtected } from "./logging";
export { sqlInstancePrivateTls, sqlInstanceProtected } from "./sql";
export { storageBucketSecure, storageBucketVersioning } from "./storage";
