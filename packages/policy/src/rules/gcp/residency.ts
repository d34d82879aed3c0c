/**
 * Residency of every GCP resource (gcp v9): where its inputs place it, judged against allowedRegions.
 *
 * Where a resource is: its `location`, `region` or `zone` (a zone by its region, a self link by its
 * last segment); a Bigtable instance's `clusters[].zone`; a configurable dual-region bucket's
 * `customPlacementConfig.dataLocations` (its data stays in those two regions, whatever multi-region
 * `location` names); for the few types that name it elsewhere, the location inside a key ring path, a
 * Spanner `config` or a Firestore `locationId`. When a regional resource omits it, the provider fills in
 * its own `region` or `zone`, and a few services their own default (BigQuery's `US`).
 *
 * Why a list of types: an input that is absent tells nothing on its own; a VPC network, a firewall or a
 * service account takes no location at all, while a Compute instance without `zone` lands in the
 * provider's. The pack never loads the SDK, so the types whose args take `location`, `region` or `zone`
 * are kept below as data, generated from the SDK's `.d.ts` (args interfaces, and the documented default
 * of an optional location) and checked against the installed SDK by the test, which prints the
 * replacement when the SDK changes. IAM bindings, members and policies are left out: they hold no data,
 * and their location only names their parent's. A type not on the list takes no location (a global
 * resource, or one its parent places, such as a BigQuery table in its dataset): it is out of scope,
 * never passed.
 *
 * Multi-regions and dual-regions (`EU`, `EUR4`, Spanner's `eur3`) are judged as named entries of the
 * allow-list rather than expanded: Google defines `EU` by its legal area (data centers in EU member
 * states), not by a list of regions, and each service names its own multi-regions and dual-regions
 * (Cloud Storage's `EUR5` pairs Belgium with London), so only an entry the organisation chose to list
 * passes. Names are compared case-insensitively, as Cloud Storage and BigQuery accept them.
 */
import { everyResourceOf, resourceRule, type InputsContext, type RuleConfig } from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, residencyFindings } from "../residency";

/**
 * `<module>/` then the file names of its located types (the middle of `gcp:<module>/<file>:<Type>`);
 * `=<location>` marks a type whose service, not the provider, picks that location when it is unset.
 * Generated: see residency.test.ts.
 */
const LOCATED_TYPES = `
agenticapplications/ analystAgentPersona
agentidentity/ authProvider
agentregistry/ binding service
alloydb/ backup cluster
apigateway/ gateway
apigee/ endpointAttachment instance
apihub/ apiHubInstance curation hostProjectRegistration plugin pluginInstance runtimeProjectAttachment
apphub/ application boundary service workload
applicationintegration/ authConfig client
artifactregistry/ projectConfig repository rule vpcscConfig
assuredworkloads/ workload
backupdisasterrecovery/ backupPlan backupPlanAssociation backupVault managementServer restoreWorkload
  serviceConfig
beyondcorp/ appConnection appConnector appGateway securityGateway=global
biglake/ catalog icebergTable
bigquery/ biReservation capacityCommitment=US connection datapolicyv2DataPolicy dataset=US
  dataTransferConfig=US job=US reservation=US reservationAssignment reservationGroup=US
bigqueryanalyticshub/ dataExchange dataExchangeSubscription listing listingSubscription queryTemplate
bigquerydatapolicy/ dataPolicy
blockchainnodeengine/ blockchainNodes
certificateauthority/ authority caPool certificate certificateTemplate
certificatemanager/ certificate=global certificateIssuanceConfig=global dnsAuthorization=global
  trustConfig
ces/ agent app appRootAgentAssociation appVersion deployment evaluation example guardrail
  securitySettings tool toolset
chronicle/ bigQueryExport customList dashboardChart dataAccessLabel dataAccessScope dataExport dataTable
  dataTableRow environment environmentGroup feed findingsRefinement findingsRefinementDeployment
  nativeDashboard parser parserExtension referenceList retrohunt rule ruleDeployment soarDomain
  soarNetwork watchlist
cloudbuild/ bitbucketServerConfig trigger=global workerPool
cloudbuildv2/ connection connectionIAMBinding connectionIAMMember connectionIAMPolicy repository
clouddeploy/ automation customTargetType deliveryPipeline deployPolicy target
clouddomains/ registration
cloudfunctions/ function
cloudfunctionsv2/ function
cloudids/ endpoint
cloudrun/ domainMapping service
cloudrunv2/ job service workerPool
cloudscheduler/ job
cloudsecuritycompliance/ cloudControl framework frameworkDeployment
cloudtasks/ queue
colab/ notebookExecution runtime runtimeTemplate schedule
composer/ environment userWorkloadsConfigMap userWorkloadsSecret
compute/ address attachedDisk autoscaler bulkPerInstanceConfig caExternalAccountKey=global disk
  diskResourcePolicyAttachment forwardingRule futureReservation haVpnGateway instance
  instanceFromMachineImage instanceFromTemplate instanceGroup instanceGroupManager
  instanceGroupMembership instanceGroupNamedPort instanceIAMBinding instanceIAMMember instanceIAMPolicy
  instanceSettings instanceTemplate instantSnapshot interconnect interconnectAttachment
  networkAttachment networkEdgeSecurityService networkEndpoint networkEndpointGroup networkEndpointList
  nodeGroup nodeTemplate packetMirroring perInstanceConfig publicDelegatedPrefix regionAutoscaler
  regionBackendBucket regionBackendService regionCommitment regionCompositeHealthCheck regionDisk
  regionDiskResourcePolicyAttachment regionHealthAggregationPolicy regionHealthCheck regionHealthSource
  regionInstanceGroupManager regionInstanceTemplate regionInstantSnapshot regionNetworkEndpoint
  regionNetworkEndpointGroup regionNetworkFirewallPolicy regionNetworkFirewallPolicyAssociation
  regionNetworkFirewallPolicyRule regionNetworkFirewallPolicyWithRules regionNetworkPolicy
  regionNetworkPolicyTrafficClassificationRule regionPerInstanceConfig regionResizeRequest
  regionSecurityPolicy regionSecurityPolicyRule regionSslCertificate regionSslPolicy
  regionTargetHttpProxy regionTargetHttpsProxy regionTargetTcpProxy regionUrlMap reservation
  resizeRequest resourcePolicy resourcePolicyAttachment router routerInterface routerNamedSet routerNat
  routerNatAddress routerPeer routerRoutePolicy serviceAttachment snapshot storagePool subnetwork
  subnetworkIAMBinding subnetworkIAMMember subnetworkIAMPolicy targetInstance targetPool vPNGateway
  vPNTunnel zoneVmExtensionPolicy
configdeployment/ deployment
contactcenterinsights/ analysisRule assessmentRule autoLabelingRule encryptionSpec qaQuestion
  qaScorecard qaScorecardRevision view
container/ attachedCluster awsCluster awsNodePool azureClient azureCluster azureNodePool cluster
  nodePool registry
databasemigrationservice/ connectionProfile migrationJob privateConnection
datacatalog/ entryGroup tagTemplate taxonomy
dataflow/ flexTemplateJob job pipeline
dataform/ config folder repository repositoryReleaseConfig repositoryWorkflowConfig teamFolder
datafusion/ instance
datalineage/ config
dataloss/ preventionDiscoveryConfig
dataplex/ aspectType asset dataAsset dataProduct dataProductDataAsset datascan entry entryGroup
  entryLink entryType glossary glossaryCategory glossaryTerm lake metadataFeed task zone
dataproc/ autoscalingPolicy=global batch cluster=global clusterIAMBinding clusterIAMMember
  clusterIAMPolicy gdcApplicationEnvironment gdcServiceInstance gdcSparkApplication job=global
  jobIAMBinding jobIAMMember jobIAMPolicy metastoreFederation metastoreService=global sessionTemplate
  workflowTemplate
datastream/ connectionProfile privateConnection stream
developerconnect/ accountConnector connection gitRepositoryLink insightsConfig
diagflow/ conversationProfile cxAgent cxSecuritySettings encryptionSpec environment generator sipTrunk
discoveryengine/ aclConfig assistant chatEngine cmekConfig control dataConnector dataStore licenseConfig
  recommendationEngine schema searchEngine servingConfig sitemap targetSite userStore widgetConfig
documentai/ schema
edgecontainer/ cluster nodePool vpnConnection
edgenetwork/ interconnectAttachment network subnet
essentialcontacts/ documentAiProcessor documentAiWarehouseDocumentSchema documentAiWarehouseLocation
eventarc/ channel enrollment googleApiSource googleChannelConfig messageBus pipeline trigger
filestore/ backup instance snapshot
firebase/ aiLogicConfig aiLogicPromptTemplate aiLogicPromptTemplateLock appHostingBackend
  appHostingBuild appHostingDefaultDomain appHostingDomain appHostingTraffic databaseInstance
  dataConnectService storageDefaultBucket
gemini/ codeRepositoryIndex codeToolsSetting codeToolsSettingBinding dataSharingWithGoogleSetting
  dataSharingWithGoogleSettingBinding geminiGcpEnablementSetting geminiGcpEnablementSettingBinding
  loggingSetting loggingSettingBinding releaseChannelSetting releaseChannelSettingBinding
  repositoryGroup
gkebackup/ backupChannel backupPlan restoreChannel restorePlan
gkehub/ feature featureMembership membership=global membershipBinding membershipRbacRoleBinding
gkeonprem/ bareMetalAdminCluster bareMetalCluster bareMetalNodePool vmwareAdminCluster vMwareCluster
  vMwareNodePool
healthcare/ dataset pipelineJob
hypercomputecluster/ cluster
iam/ folderAccessPolicy foldersPolicyBinding oauthClient oauthClientCredential organizationAccessPolicy
  organizationsPolicyBinding principalAccessBoundaryPolicy projectAccessPolicy projectsPolicyBinding
  workforcePool workforcePoolProvider workforcePoolProviderKey workforcePoolProviderScimTenant
  workforcePoolProviderScimToken
iap/ tunnelDestGroup tunnelInstanceIAMBinding tunnelInstanceIAMMember tunnelInstanceIAMPolicy
integrationconnectors/ connection endpointAttachment
kms/ ekmConnection keyHandle keyRing
licensemanager/ configuration
logging/ billingAccountBucketConfig folderBucketConfig linkedDataset logScope=global logView
  organizationBucketConfig projectBucketConfig savedQuery
looker/ instance
lustre/ instance
managedkafka/ acl cluster connectCluster connector topic
memcache/ instance
memorystore/ aclPolicy instance instanceDesiredUserCreatedEndpoints
migrationcenter/ assetsExportJob discoveryClient group importDataFile importJob preferenceSet report
  reportConfig settings source
modelarmor/ floorsetting template
netapp/ activeDirectory backup backupPolicy backupVault hostGroup kmsconfig storagePool volume
  volumeQuotaRule volumeReplication volumeSnapshot
networkconnectivity/ destination gatewayAdvertisedRoute multicloudDataTransferConfig regionalEndpoint
  serviceConnectionPolicy spoke transport
networkmanagement/ organizationVpcFlowLogsConfig vpcFlowLogsConfig
networksecurity/ addressGroup authorizationPolicy=global authzPolicy backendAuthenticationConfig=global
  clientTlsPolicy=global dnsThreatDetector=global firewallEndpoint firewallEndpointAssociation
  gatewaySecurityPolicy=global gatewaySecurityPolicyRule interceptDeployment interceptDeploymentGroup
  interceptEndpointGroup interceptEndpointGroupAssociation mirroringDeployment mirroringDeploymentGroup
  mirroringEndpoint mirroringEndpointGroup mirroringEndpointGroupAssociation sacAttachment
  securityProfile=global securityProfileGroup=global serverTlsPolicy=global tlsInspectionPolicy
  ullMirroringCollector ullMirroringCollectorRule ullMirroringEngine urlList
networkservices/ agentGateway authzExtension gateway=global grpcRoute=global lbEdgeExtension
  lbRouteExtension lbTrafficExtension mesh=global multicastConsumerAssociation multicastDomain
  multicastDomainActivation multicastDomainGroup multicastGroupConsumerActivation
  multicastGroupProducerActivation multicastGroupRange multicastGroupRangeActivation
  multicastProducerAssociation serviceLbPolicies tlsRoute wasmPlugin
notebooks/ environment instance runtime
observability/ folderSettings organizationSettings projectSettings traceScope
oracledatabase/ autonomousDatabase cloudExadataInfrastructure cloudExadataInfrastructureExascaleConfig
  cloudVmCluster dbSystem exadbVmCluster exascaleDbStorageVault goldengateConnection
  goldengateConnectionAssignment goldengateDeployment odbNetwork odbSubnet
osconfig/ osPolicyAssignment
parallelstore/ instance
parametermanager/ regionalParameter
privilegedaccessmanager/ settings
pubsub/ liteReservation liteSubscription liteTopic
redis/ cluster clusterAclPolicy clusterUserCreatedConnections instance
saasruntime/ release rolloutKind saaS tenant unit unitKind unitOperation
secretmanager/ regionalSecret
securesourcemanager/ branchRule hook instance repository
securitycenter/ managementFolderSecurityHealthAnalyticsCustomModule=global
  managementOrganizationEventThreatDetectionCustomModule=global
  managementOrganizationSecurityHealthAnalyticsCustomModule=global
  managementProjectSecurityHealthAnalyticsCustomModule=global v2FolderMuteConfig=global
  v2FolderNotificationConfig=global v2FolderSccBigQueryExport=global v2OrganizationMuteConfig=global
  v2OrganizationNotificationConfig=global v2OrganizationSccBigQueryExport=global
  v2OrganizationSccBigQueryExports=global v2ProjectMuteConfig=global v2ProjectNotificationConfig=global
  v2ProjectSccBigQueryExport=global
securityposture/ posture postureDeployment
servicedirectory/ namespace
sql/ databaseInstance sourceRepresentationInstance
storage/ anywhereCache bucket insightsDatasetConfig insightsReportConfig
tags/ locationTagBinding tagBindingCollection
tpu/ v2QueuedResource v2Vm
transcoder/ job jobTemplate
vectorsearch/ collection dataObject index
vertex/ aiAgentAnomalyDetectionScope aiDataset aiDeploymentResourcePool aiEndpoint
  aiEndpointWithModelGardenDeployment aiEvaluationMetric aiFeatureGroup aiFeatureGroupFeature
  aiFeatureOnlineStore aiFeatureOnlineStoreFeatureview aiFeatureStore aiIndex aiIndexEndpoint
  aiIndexEndpointDeployedIndex aiMetadataStore aiPersistentResource aiRagEngineConfig aiReasoningEngine
  aiSchedule aiSemanticGovernancePolicyEngine aiTensorboard aiTensorboardExperiment aiTensorboardRun
vmwareengine/ datastore network networkPolicy privateCloud
vpcaccess/ connector
workbench/ instance
workflows/ workflow
workstations/ workstation workstationCluster workstationConfig
`;

/** For each located type (`<module>/<file>`): the service's own default location, or "provider". */
export const locatedTypes: ReadonlyMap<string, string> = (() => {
  const types = new Map<string, string>();
  let module = "";
  for (const word of LOCATED_TYPES.split(/\s+/).filter(Boolean)) {
    if (word.endsWith("/")) module = word;
    else {
      const [file, unset] = word.split("=");
      types.set(`${module}${file}`, unset ?? "provider");
    }
  }
  return types;
})();

/** Types that name their location in another input, read through `location`. */
const LOCATION_INPUTS: Record<
  string,
  {
    input: string;
    path: string;
    location(value: string): string | undefined;
    /** The parent resource the input names, judged on its own when the stack creates it. */
    parent?: string;
  }
> = {
  "gcp:kms/cryptoKey:CryptoKey": {
    input: "keyRing",
    path: "keyRing's location",
    location: locationInPath,
    parent: "key ring",
  },
  "gcp:kms/keyRingImportJob:KeyRingImportJob": {
    input: "keyRing",
    path: "keyRing's location",
    location: locationInPath,
    parent: "key ring",
  },
  "gcp:spanner/instance:Instance": { input: "config", path: "config", location: spannerConfigLocation },
  "gcp:spanner/instancePartition:InstancePartition": {
    input: "config",
    path: "config",
    location: spannerConfigLocation,
  },
  "gcp:firestore/database:Database": { input: "locationId", path: "locationId", location: (value) => value },
};

/** `projects/p/locations/{location}/keyRings/r` to its location. */
function locationInPath(path: string): string | undefined {
  return /(?:^|\/)locations\/([^/]+)/.exec(path)?.[1];
}

/** `projects/p/instanceConfigs/regional-europe-west1` to its region; a multi-region config keeps its name. */
function spannerConfigLocation(config: string): string {
  return lastSegment(config).replace(/^regional-/, "");
}

const lastSegment = (value: string) => value.slice(value.lastIndexOf("/") + 1);

/** A zone (`europe-west1-b`) names its region; regions, multi-regions and dual-regions stay as they are. */
const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z0-9]+$/;

/** A location as the allow-list spells it: a self link's last segment, lower case, a zone's region. */
export function normalizeLocation(location: string): string {
  const name = lastSegment(location).toLowerCase();
  return ZONE.exec(name)?.[1] ?? name;
}

/**
 * The finding for a GCP location read from `path` (a region, zone, multi-region or dual-region name, or
 * a self link) when it is outside allowedRegions, compared case-insensitively. For every GCP rule that
 * judges where a replica, backup or copy goes.
 */
export function locationFindings(path: string, location: unknown, config: RuleConfig): string[] {
  if (typeof location !== "string") return residencyFindings("gcp", path, location, config);
  const allowed = config.allowedRegions;
  const lowered = Array.isArray(allowed) ? allowed.map((r) => String(r).toLowerCase()) : allowed;
  return residencyFindings("gcp", path, normalizeLocation(location), { ...config, allowedRegions: lowered });
}

/** Where a resource is placed: the path a message names, and how to read it (which may throw at preview). */
interface Placement {
  path: string;
  read: () => unknown;
  /** The path of one entry, when `read` gives a list (replicas, data locations). */
  item?: (index: number) => string;
}

const LOCATION_KEYS = ["location", "region", "zone"] as const;
const BUCKET = "gcp:storage/bucket:Bucket";
const BIGTABLE_INSTANCE = "gcp:bigtable/instance:Instance";

/**
 * Where `props` place a resource of `context.type`: its own input, else the service's default, else the
 * provider's region and zone (it lands in one of them, so each must be allowed); undefined when the type
 * takes no location. Reads only which inputs are present, never their values.
 */
function placementsOf(props: Record<string, any>, context: InputsContext): Placement[] | undefined {
  const named = LOCATION_INPUTS[context.type];
  if (named) {
    const read = () => {
      const value = props[named.input];
      return typeof value === "string" ? named.location(value) : value;
    };
    return [{ path: named.path, read }];
  }
  // A Bigtable instance is where its clusters (its replicas) are.
  if (context.type === BIGTABLE_INSTANCE && "clusters" in props) {
    const read = () => (Array.isArray(props.clusters) ? props.clusters.map((c) => c?.zone) : props.clusters);
    return [{ path: "clusters", read, item: (i) => `clusters[${i}].zone` }];
  }
  // A configurable dual-region bucket keeps its data in exactly these regions, not all of its multi-region.
  if (context.type === BUCKET && "customPlacementConfig" in props)
    return [
      { path: "customPlacementConfig.dataLocations", read: () => props.customPlacementConfig?.dataLocations },
    ];
  const key = LOCATION_KEYS.find((k) => k in props);
  if (key) return [{ path: key, read: () => props[key] }];
  const unset = locatedTypes.get(context.type.split(":")[1] ?? "");
  if (unset === undefined) return undefined;
  if (unset !== "provider") return [{ path: "location (unset: the service's default)", read: () => unset }];
  // Which provider inputs are present, not their values, so an unknown one is left to check.
  const provider = context.provider ?? {};
  return (["region", "zone"] as const)
    .filter((k) => k in provider)
    .map((k) => ({
      path: `the provider's ${k} (${LOCATION_KEYS.join(", ")} unset)`,
      read: () => provider[k],
    }));
}

export const residencyResourceLocation = resourceRule({
  id: "gcp-residency-resource-location",
  description: "Every GCP resource that takes a location is placed in an allowed region",
  target: "gcp",
  types: [everyResourceOf("gcp")],
  config: { allowedRegions: allowedRegionsSetting("gcp") },
  requirements: [
    {
      id: "allowed-location",
      description:
        "The resource's location, region or zone (or the location in its key ring, Spanner config or Firestore locationId; when unset, the service's default or the provider's region and zone) is in allowedRegions",
      remediation:
        "Set location, region or zone (or the provider's region and zone) to a region in allowedRegions; a multi-region or dual-region passes only when allowedRegions names it.",
      outOfScope: (props, context) => {
        // A key names its ring by id: unknown at preview when this stack creates the ring, whose own
        // location this rule judges (the key cannot be anywhere else).
        const named = LOCATION_INPUTS[context.type];
        if (named?.parent && !known(() => props[named.input]).known)
          return `${named.input} is created in this stack: the ${named.parent}'s location is judged on the ${named.parent}`;
        const placements = placementsOf(props, context);
        if (placements === undefined)
          return `${context.type} takes no location (a global resource, or one its parent places)`;
        // Read only to tell a global resource; a value unknown at preview is left to check.
        const global =
          placements.length > 0 &&
          placements.every((p) => {
            const value = known(p.read);
            return (
              value.known && typeof value.value === "string" && normalizeLocation(value.value) === "global"
            );
          });
        return global ? `${placements[0]!.path} is global: the resource has no region` : undefined;
      },
      check: (props, context) => {
        const placements = placementsOf(props, context)!;
        // Nowhere to judge, unless every region is allowed.
        if (placements.length === 0 && context.config.allowedRegions !== "any")
          return [`${LOCATION_KEYS.join(", ")} are unset, and the provider sets no region or zone`];
        return placements.flatMap((p) => {
          const location = p.read();
          if (!Array.isArray(location)) return locationFindings(p.path, location, context.config);
          if (location.length === 0) return [`${p.path} is empty`];
          const item = p.item ?? ((i) => `${p.path}[${i}]`);
          return location.flatMap((l, i) => locationFindings(item(i), l, context.config));
        });
      },
    },
  ],
});
