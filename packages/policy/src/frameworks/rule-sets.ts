/**
 * The rules that enforce each safeguard, grouped once so every framework that asks for the same safeguard
 * (HIPAA's encryption at rest, GDPR Art. 32(1)(a), FINRA's...) lists the same rules: a rule added to a
 * group reaches every pack. A framework's control cites its own regulation around these groups.
 */
import type { Rule } from "../rule";
import * as aws from "../rules/aws";
import * as azure from "../rules/azure";
import * as gcp from "../rules/gcp";
import * as k8s from "../rules/kubernetes";

/** Data stores encrypted at rest with keys the organisation controls. */
export const ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS: readonly Rule[] = [
  aws.s3BucketSseKms,
  azure.storageAccountSecure,
  azure.vaultProtected,
  gcp.storageBucketSecure,
  azure.diskEncrypted,
  azure.cosmosAccountCmk,
  azure.synapseWorkspaceCmk,
  azure.aiAccountCmk,
  azure.mlWorkspaceCmk,
  azure.postgresServerCmk,
  azure.mysqlServerCmk,
  azure.serviceBusNamespaceCmk,
  azure.eventHubsNamespaceCmk,
  azure.sqlCmk,
  azure.dataFactoryCmk,
  gcp.diskCmek,
  gcp.functionCmek,
  gcp.runServiceCmek,
  gcp.vertexCmek,
  gcp.bigqueryDatasetCmek,
  gcp.bigqueryTableCmek,
  gcp.pubsubTopicCmek,
  gcp.spannerDatabaseCmek,
  gcp.memorystoreRedisCmek,
  gcp.filestoreInstanceCmek,
  aws.redshiftClusterEncrypted,
  aws.dmsReplicationInstanceEncrypted,
  aws.kinesisStreamEncrypted,
  aws.kinesisFirehoseDeliveryStreamEncrypted,
  aws.snsTopicEncrypted,
  aws.sqsQueueEncrypted,
  aws.dynamodbTableEncrypted,
  aws.ecrRepositoryEncrypted,
  aws.opensearchDomainEncrypted,
  aws.elasticsearchDomainEncrypted,
  aws.backupVaultEncrypted,
  aws.ssmParameterEncrypted,
  aws.ebsVolumeEncrypted,
  aws.efsFileSystemEncrypted,
  aws.elasticacheReplicationGroupEncrypted,
  aws.secretsmanagerSecretEncrypted,
  aws.sagemakerEndpointConfigurationEncrypted,
  aws.mskClusterEncrypted,
  aws.athenaWorkgroupEncrypted,
  aws.glueSecurityConfigurationEncrypted,
  aws.glueDataCatalogEncryptionSettingsEncrypted,
  aws.bedrockResourceEncrypted,
  aws.codebuildProjectEncrypted,
  aws.apigatewayMethodSettingsCacheEncrypted,
];

/** Customer keys rotate automatically. */
export const KEY_ROTATION: readonly Rule[] = [aws.kmsKeyRotation, azure.keyRotation, gcp.cryptoKeyRotation];

/** Data stores are not publicly reachable. */
export const NO_PUBLIC_DATA: readonly Rule[] = [
  aws.s3BucketPublicAccessBlock,
  azure.cosmosAccountPrivate,
  azure.redisCachePrivate,
  azure.synapseWorkspacePrivate,
  azure.aiAccountPrivate,
  azure.mlWorkspacePrivate,
  azure.postgresServerPrivate,
  azure.mysqlServerPrivate,
  azure.serviceBusNamespacePrivate,
  azure.eventHubsNamespacePrivate,
  azure.dataFactoryPrivate,
  gcp.functionPrivate,
  gcp.runServicePrivate,
  gcp.vertexEndpointPrivate,
  aws.rdsInstanceNotPublic,
  aws.redshiftClusterNotPublic,
  aws.dmsReplicationInstanceNotPublic,
  aws.ecrRepositoryPolicyNotPublic,
  aws.opensearchDomainInVpc,
  aws.elasticsearchDomainInVpc,
];

/** No internet ingress to administrative or data ports. */
export const ADMIN_PORTS_CLOSED: readonly Rule[] = [
  aws.securityGroupSensitivePorts,
  azure.nsgSensitivePorts,
  gcp.firewallSensitivePorts,
  azure.networkInterfaceGuarded,
  aws.eksNodeGroupNoOpenSsh,
  aws.ec2DefaultSecurityGroupClosed,
];

/** Control-plane and data-access activity is recorded. */
export const AUDIT_TRAIL: readonly Rule[] = [
  aws.cloudTrailSecure,
  azure.vaultDiagnosticSettings,
  gcp.auditConfigComplete,
  aws.apigatewayStageLogged,
  aws.apigatewayMethodSettingsLogged,
  aws.opensearchDomainLogged,
  aws.elasticsearchDomainLogged,
  aws.transferServerLogged,
  aws.bedrockmodelInvocationLoggingDelivered,
  aws.lbLoadBalancerLogged,
  aws.elbLoadBalancerLogged,
  aws.redshiftClusterLogged,
  aws.s3BucketAccessLogged,
  aws.wafv2WebAclLogged,
  aws.rdsInstanceLogged,
];

/** Audit logs are encrypted and kept for the baseline's minimum. */
export const LOG_RETENTION: readonly Rule[] = [
  aws.logGroupProtected,
  azure.logAnalyticsRetention,
  gcp.logBucketProtected,
];

/** Network activity is recorded. */
export const FLOW_LOGS: readonly Rule[] = [
  aws.vpcFlowLogs,
  azure.vnetFlowLogs,
  gcp.subnetworkFlowLogs,
  gcp.networkCustomSubnets,
];

/** Stored data is protected from improper alteration or destruction. */
export const INTEGRITY_VERSIONING: readonly Rule[] = [
  aws.s3BucketVersioning,
  azure.blobVersioningSoftDelete,
  gcp.storageBucketVersioning,
  aws.ecrRepositoryIntegrity,
  aws.lbLoadBalancerDropsInvalidHeaders,
];

/** Hosts restrict access to credentials and encrypt their storage. */
export const COMPUTE_HARDENED: readonly Rule[] = [
  aws.ec2InstanceHardened,
  gcp.instanceHardened,
  azure.virtualMachineHardened,
  azure.mlComputeIsolated,
  gcp.gkeNodesHardened,
  gcp.workbenchInstanceHardened,
  aws.sagemakerNotebookInstanceHardened,
  aws.sagemakerDomainHardened,
  aws.sagemakerModelIsolated,
  aws.lambdaFunctionHardened,
  aws.ec2SubnetNoPublicIp,
  aws.autoscalingGroupElbHealthCheck,
  aws.emrClusterSecured,
  aws.elasticbeanstalkEnvironmentHardened,
];

/** Managed clusters encrypt secrets with a customer key and keep the API server private. */
export const K8S_CLUSTER_HARDENED: readonly Rule[] = [
  aws.eksClusterHardened,
  azure.aksClusterHardened,
  gcp.gkeClusterHardened,
];

/** Workloads run under the Pod Security Standards restricted profile. */
export const K8S_POD_SECURITY: readonly Rule[] = [
  k8s.podSecurityRestricted,
  k8s.namespaceRestricted,
  k8s.serviceAccountTokenAutomount,
  k8s.workloadSecretsAsFiles,
  k8s.workloadNamespaceOwned,
];

/** Workload traffic is denied unless allowed. */
export const K8S_NETWORK_SEGMENTATION: readonly Rule[] = [k8s.namespaceDefaultDeny, k8s.serviceNotPublic];

/** Data stores keep backups, survive a zone or instance failure and cannot be deleted by mistake. */
export const BACKUP_AND_DELETION_PROTECTION: readonly Rule[] = [
  aws.rdsInstanceProtected,
  aws.rdsInstanceMultiAz,
  gcp.sqlInstanceProtected,
  aws.rdsClusterProtected,
  aws.redshiftClusterProtected,
  aws.dynamodbTableProtected,
  aws.backupPlanRetention,
  aws.elasticacheReplicationGroupProtected,
  aws.docdbClusterProtected,
  aws.neptuneClusterProtected,
  aws.elbLoadBalancerResilient,
  aws.s3BucketReplicated,
  aws.lbLoadBalancerProtected,
];

/** Data travels only over TLS 1.2 or newer. */
export const TRANSIT_TLS: readonly Rule[] = [
  aws.lbListenerTls,
  azure.sqlServerSecure,
  gcp.sqlInstancePrivateTls,
  k8s.ingressTls,
  azure.cosmosAccountTls,
  azure.redisCacheTls,
  azure.webAppTls,
  azure.postgresConfigurationTls,
  azure.mysqlConfigurationTls,
  azure.serviceBusNamespaceTls,
  azure.eventHubsNamespaceTls,
  azure.sqlManagedInstanceSecure,
  gcp.sslPolicyModernTls,
  gcp.targetProxyTls,
  gcp.memorystoreRedisTls,
  k8s.serviceTls,
  aws.cloudfrontDistributionTls,
  aws.apigatewayStageClientCertificate,
  aws.apigatewayDomainNameTls,
  aws.opensearchDomainTls,
  aws.elasticsearchDomainTls,
  aws.elasticacheReplicationGroupTls,
  aws.mskClusterTls,
  aws.transferServerTls,
  aws.elbLoadBalancerTls,
  aws.redshiftClusterTls,
];

/** No administrator or wildcard grants, no grants to individual users. */
export const LEAST_PRIVILEGE: readonly Rule[] = [aws.iamLeastPrivilege, k8s.rbacLeastPrivilege];

/** Services authenticate identities, not shared keys or local accounts. */
export const UNIQUE_AUTHENTICATION: readonly Rule[] = [
  azure.cosmosAccountIdentityAuth,
  azure.redisCacheIdentityAuth,
  azure.synapseWorkspaceIdentityAuth,
  azure.aiAccountIdentityAuth,
  azure.mlComputeIdentityAuth,
  azure.serviceBusNamespaceIdentityAuth,
  azure.eventHubsNamespaceIdentityAuth,
  azure.sqlIdentityAuth,
  azure.dataFactoryIdentityAuth,
  gcp.memorystoreRedisAuth,
];

/** Workloads run images pinned by digest. */
export const K8S_IMAGE_PROVENANCE: readonly Rule[] = [k8s.workloadImageDigest];

/** Password policies and rotated stored credentials. */
export const PASSWORD_MANAGEMENT: readonly Rule[] = [
  aws.iamAccountPasswordPolicy,
  aws.secretsmanagerSecretRotated,
];

/** AI agents screen prompts and answers through a guardrail. */
export const AI_GUARDRAILS: readonly Rule[] = [aws.bedrockAgentGuarded];

/** Customer keys cannot be deleted before a recovery window passes. */
export const KEY_DELETION_PROTECTION: readonly Rule[] = [aws.kmsKeyDeletionWindow];

/** Every resource is placed in an allowed region. */
export const RESIDENCY: readonly Rule[] = [
  aws.residencyRegion,
  azure.resourceLocation,
  gcp.residencyResourceLocation,
];

/** Replicas, backups and copies land in allowed regions. */
export const REPLICA_RESIDENCY: readonly Rule[] = [
  aws.s3ReplicationDestinationRegion,
  aws.dynamodbTableReplicaRegion,
  aws.backupPlanCopyRegion,
  aws.secretsmanagerSecretReplicaRegion,
  azure.storageGeoReplicaRegion,
  azure.cosmosAccountReplicaRegions,
  azure.mysqlServerGeoBackupRegion,
  azure.postgresServerGeoBackupRegion,
  azure.sqlBackupGeoCopyRegion,
  azure.backupVaultCopyRegions,
  gcp.sqlInstanceBackupLocation,
  gcp.pubsubTopicMessageStorage,
  gcp.secretmanagerSecretReplicaLocations,
  gcp.snapshotStorageLocation,
];

/** Personal-data stores and logs expire within the configured maximum. */
export const STORAGE_LIMITATION: readonly Rule[] = [
  aws.s3BucketLifecycleExpiry,
  aws.logGroupRetentionLimited,
  azure.storageLifecycleDeletion,
  azure.logAnalyticsMaxRetention,
  gcp.storageBucketExpiry,
  gcp.logBucketMaxRetention,
  gcp.bigqueryDatasetExpiry,
];

/** Threat detection and a security contact cover the stack. */
export const BREACH_DETECTION: readonly Rule[] = [
  aws.guarddutyDetectorPerRegion,
  aws.securityhubAccountPerRegion,
  azure.defenderBreachDetection,
];

/** Records stores are WORM: locked in a non-bypassable mode for the records' retention, with WORM's prerequisites on. */
export const RECORDS_WORM: readonly Rule[] = [
  aws.s3BucketRecordsWorm,
  azure.storageRecordsWorm,
  gcp.storageBucketRecordsWorm,
];

/** Records stores are protected from deletion and never force-destroyed. */
export const RECORDS_NO_DESTROY: readonly Rule[] = [
  aws.s3BucketRecordsProtected,
  azure.storageRecordsProtected,
  gcp.storageBucketRecordsProtected,
];

/** Reads, writes and deletes of records are logged. */
export const RECORD_AUDIT_TRAIL: readonly Rule[] = [
  aws.s3BucketRecordsDataEvents,
  azure.storageRecordsAuditLogs,
  gcp.storageBucketRecordsAuditLogs,
];

/** The audit logs of records are kept immutable, at least as long as the records. */
export const AUDIT_LOG_WORM: readonly Rule[] = [
  aws.cloudTrailLogWorm,
  azure.diagnosticSettingRecordsArchive,
  gcp.storageBucketRecordsAuditLogWorm,
];

/** A second copy of records meets the same WORM bar. */
export const REDUNDANT_WORM_COPY: readonly Rule[] = [
  aws.s3BucketRecordsReplica,
  azure.storageRecordsRedundant,
  gcp.storageBucketRecordsRedundant,
];

/** Backups of records sit in vaults locked for the records' retention. */
export const BACKUP_VAULT_LOCK: readonly Rule[] = [
  aws.backupVaultRecordsLock,
  azure.backupVaultRecordsLock,
  azure.recoveryVaultRecordsLock,
  gcp.backupVaultRecordsLocked,
];

/** Keys that encrypt records are protected from deletion like the records themselves. */
export const RECORDS_KEY_PROTECTION: readonly Rule[] = [aws.kmsKeyRecordsProtected];
