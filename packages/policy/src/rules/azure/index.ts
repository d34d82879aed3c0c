/** Azure rules (azure-native v3 type tokens; props typed from the SDK with `import type`), one file per service. */
export { aksClusterHardened } from "./aks";
export { keyRotation, vaultDiagnosticSettings, vaultProtected } from "./keyvault";
export { nsgSensitivePorts, vnetFlowLogs } from "./network";
export { logAnalyticsRetention } from "./operationalinsights";
export { sqlServerSecure } from "./sql";
export { blobVersioningSoftDelete, storageAccountSecure } from "./storage";
