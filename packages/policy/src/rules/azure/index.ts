/** Azure rules (azure-native v3 type tokens; props typed from the SDK with `import type`), one file per service. */
export { aksClusterHardened } from "./aks";
export { aiAccountCmk, aiAccountIdentityAuth, aiAccountPrivate } from "./cognitiveservices";
export { diskEncrypted, virtualMachineHardened } from "./compute";
export {
  cosmosAccountCmk,
  cosmosAccountIdentityAuth,
  cosmosAccountPrivate,
  cosmosAccountReplicaRegions,
  cosmosAccountTls,
} from "./cosmosdb";
export { dataFactoryCmk, dataFactoryIdentityAuth, dataFactoryPrivate } from "./datafactory";
export { backupVaultCopyRegions, backupVaultRecordsLock } from "./dataprotection";
export {
  mysqlConfigurationTls,
  mysqlServerCmk,
  mysqlServerGeoBackupRegion,
  mysqlServerPrivate,
} from "./dbformysql";
export {
  postgresConfigurationTls,
  postgresServerCmk,
  postgresServerGeoBackupRegion,
  postgresServerPrivate,
} from "./dbforpostgresql";
export {
  eventHubsNamespaceCmk,
  eventHubsNamespaceIdentityAuth,
  eventHubsNamespacePrivate,
  eventHubsNamespaceTls,
} from "./eventhub";
export { keyRotation, vaultDiagnosticSettings, vaultProtected } from "./keyvault";
export { networkInterfaceGuarded, nsgSensitivePorts, vnetFlowLogs } from "./network";
export {
  mlComputeIdentityAuth,
  mlComputeIsolated,
  mlWorkspaceCmk,
  mlWorkspacePrivate,
} from "./machinelearningservices";
export { diagnosticSettingRecordsArchive } from "./monitor";
export { logAnalyticsMaxRetention, logAnalyticsRetention } from "./operationalinsights";
export { recoveryVaultRecordsLock } from "./recoveryservices";
export { redisCacheIdentityAuth, redisCachePrivate, redisCacheTls } from "./redis";
export { resourceLocation } from "./residency";
export { defenderBreachDetection } from "./security";
export {
  serviceBusNamespaceCmk,
  serviceBusNamespaceIdentityAuth,
  serviceBusNamespacePrivate,
  serviceBusNamespaceTls,
} from "./servicebus";
export {
  sqlBackupGeoCopyRegion,
  sqlCmk,
  sqlIdentityAuth,
  sqlManagedInstanceSecure,
  sqlServerSecure,
} from "./sql";
export {
  blobVersioningSoftDelete,
  storageAccountSecure,
  storageGeoReplicaRegion,
  storageLifecycleDeletion,
  storageRecordsAuditLogs,
  storageRecordsProtected,
  storageRecordsRedundant,
  storageRecordsWorm,
} from "./storage";
export { synapseWorkspaceCmk, synapseWorkspaceIdentityAuth, synapseWorkspacePrivate } from "./synapse";
export { webAppTls } from "./web";
