/** AWS rules (aws v7 type tokens; props typed from the SDK with `import type`), one file per service. */
export { cloudTrailLogWorm, cloudTrailSecure } from "./cloudtrail";
export { residencyRegion } from "./residency";
export { logGroupProtected, logGroupRetentionLimited } from "./cloudwatch";
export {
  ec2DefaultSecurityGroupClosed,
  ec2InstanceHardened,
  ec2SubnetNoPublicIp,
  securityGroupSensitivePorts,
  vpcFlowLogs,
} from "./ec2";
export { eksClusterHardened, eksNodeGroupNoOpenSsh } from "./eks";
export { iamAccountPasswordPolicy, iamLeastPrivilege } from "./iam";
export { kmsKeyDeletionWindow, kmsKeyRecordsProtected, kmsKeyRotation } from "./kms";
export {
  lbListenerTls,
  lbLoadBalancerDropsInvalidHeaders,
  lbLoadBalancerLogged,
  lbLoadBalancerProtected,
} from "./lb";
export { elbLoadBalancerLogged, elbLoadBalancerResilient, elbLoadBalancerTls } from "./elb";
export {
  rdsClusterProtected,
  rdsInstanceLogged,
  rdsInstanceMultiAz,
  rdsInstanceNotPublic,
  rdsInstanceProtected,
} from "./rds";
export {
  s3BucketAccessLogged,
  s3BucketLifecycleExpiry,
  s3BucketPublicAccessBlock,
  s3BucketRecordsDataEvents,
  s3BucketRecordsProtected,
  s3BucketRecordsReplica,
  s3BucketRecordsWorm,
  s3BucketReplicated,
  s3BucketSseKms,
  s3BucketVersioning,
  s3ReplicationDestinationRegion,
} from "./s3";
export { dmsReplicationInstanceEncrypted, dmsReplicationInstanceNotPublic } from "./dms";
export { kinesisFirehoseDeliveryStreamEncrypted, kinesisStreamEncrypted } from "./kinesis";
export {
  redshiftClusterEncrypted,
  redshiftClusterLogged,
  redshiftClusterNotPublic,
  redshiftClusterProtected,
  redshiftClusterTls,
} from "./redshift";
export { snsTopicEncrypted } from "./sns";
export { sqsQueueEncrypted } from "./sqs";
export { cloudfrontDistributionTls } from "./cloudfront";
export { dynamodbTableEncrypted, dynamodbTableProtected, dynamodbTableReplicaRegion } from "./dynamodb";
export { ecrRepositoryEncrypted, ecrRepositoryIntegrity, ecrRepositoryPolicyNotPublic } from "./ecr";
export {
  apigatewayDomainNameTls,
  apigatewayMethodSettingsCacheEncrypted,
  apigatewayMethodSettingsLogged,
  apigatewayStageClientCertificate,
  apigatewayStageLogged,
} from "./apigateway";
export {
  opensearchDomainEncrypted,
  opensearchDomainInVpc,
  opensearchDomainLogged,
  opensearchDomainTls,
} from "./opensearch";
export {
  elasticsearchDomainEncrypted,
  elasticsearchDomainInVpc,
  elasticsearchDomainLogged,
  elasticsearchDomainTls,
} from "./elasticsearch";
export {
  backupPlanCopyRegion,
  backupPlanRetention,
  backupVaultEncrypted,
  backupVaultRecordsLock,
} from "./backup";
export { ssmParameterEncrypted } from "./ssm";
export { ebsVolumeEncrypted } from "./ebs";
export { efsFileSystemEncrypted } from "./efs";
export {
  elasticacheReplicationGroupEncrypted,
  elasticacheReplicationGroupProtected,
  elasticacheReplicationGroupTls,
} from "./elasticache";
export { lambdaFunctionHardened } from "./lambda";
export {
  sagemakerDomainHardened,
  sagemakerEndpointConfigurationEncrypted,
  sagemakerModelIsolated,
  sagemakerNotebookInstanceHardened,
} from "./sagemaker";
export {
  secretsmanagerSecretEncrypted,
  secretsmanagerSecretReplicaRegion,
  secretsmanagerSecretRotated,
} from "./secretsmanager";
export { athenaWorkgroupEncrypted } from "./athena";
export { bedrockAgentGuarded, bedrockResourceEncrypted } from "./bedrock";
export { bedrockmodelInvocationLoggingDelivered } from "./bedrockmodel";
export { docdbClusterProtected } from "./docdb";
export { glueDataCatalogEncryptionSettingsEncrypted, glueSecurityConfigurationEncrypted } from "./glue";
export { mskClusterEncrypted, mskClusterTls } from "./msk";
export { neptuneClusterProtected } from "./neptune";
export { transferServerLogged, transferServerTls } from "./transfer";
export { codebuildProjectEncrypted } from "./codebuild";
export { wafv2WebAclLogged } from "./wafv2";
export { autoscalingGroupElbHealthCheck } from "./autoscaling";
export { emrClusterSecured } from "./emr";
export { elasticbeanstalkEnvironmentHardened } from "./elasticbeanstalk";
export { guarddutyDetectorPerRegion } from "./guardduty";
export { securityhubAccountPerRegion } from "./securityhub";
