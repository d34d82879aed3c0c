/** GCP rules (gcp v9 type tokens; props typed from the SDK with `import type`), one file per service. */
export { backupVaultRecordsLocked } from "./backupdisasterrecovery";
export { bigqueryDatasetCmek, bigqueryDatasetExpiry, bigqueryTableCmek } from "./bigquery";
export { functionCmek, functionPrivate } from "./cloudfunctions";
export { runServiceCmek, runServicePrivate } from "./cloudrun";
export {
  diskCmek,
  firewallSensitivePorts,
  instanceHardened,
  networkCustomSubnets,
  snapshotStorageLocation,
  sslPolicyModernTls,
  subnetworkFlowLogs,
  targetProxyTls,
} from "./compute";
export { gkeClusterHardened, gkeNodesHardened } from "./container";
export { filestoreInstanceCmek } from "./filestore";
export { auditConfigComplete } from "./iam";
export { cryptoKeyRotation } from "./kms";
export { logBucketMaxRetention, logBucketProtected } from "./logging";
export { pubsubTopicCmek, pubsubTopicMessageStorage } from "./pubsub";
export { memorystoreRedisAuth, memorystoreRedisCmek, memorystoreRedisTls } from "./redis";
export { residencyResourceLocation } from "./residency";
export { secretmanagerSecretReplicaLocations } from "./secretmanager";
export { spannerDatabaseCmek } from "./spanner";
export { sqlInstanceBackupLocation, sqlInstancePrivateTls, sqlInstanceProtected } from "./sql";
export {
  storageBucketExpiry,
  storageBucketRecordsAuditLogs,
  storageBucketRecordsAuditLogWorm,
  storageBucketRecordsProtected,
  storageBucketRecordsRedundant,
  storageBucketRecordsWorm,
  storageBucketSecure,
  storageBucketVersioning,
} from "./storage";
export { vertexCmek, vertexEndpointPrivate } from "./vertex";
export { workbenchInstanceHardened } from "./workbench";
