/** Azure rules (azure-native v3 type tokens; props typed from the SDK with `import type`), one file per service. */
export { aksClusterHardened } from "./containerservice";
export { keyRotation, vaultProtected } from "./keyvault";
export { logAnalyticsRetention, vaultDiagnosticSettings } from "./monitor";
export { nsgAdminPorts, vnetFlowLogs } from "./network";
export { sqlServerSecure } from "./sql";
export { blobVersioningSoftDelete, storageAccountSecure } from "./storage";
