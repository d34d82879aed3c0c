import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  diskCmek,
  firewallSensitivePorts,
  instanceHardened,
  networkCustomSubnets,
  snapshotStorageLocation,
  sslPolicyModernTls,
  subnetworkFlowLogs,
  targetProxyTls,
} from "./compute";

const KEY = "projects/p/locations/l/keyRings/r/cryptoKeys/k";
const vm = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:compute/instance:Instance",
  name: "vm",
  props: {
    machineType: "c3-standard-4",
    bootDisk: { kmsKeySelfLink: KEY, initializeParams: { image: "i" } },
    networkInterfaces: [{ subnetwork: "s" }],
    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
    metadata: { "block-project-ssh-keys": "TRUE" },
    ...props,
  },
});

describeRule(instanceHardened, {
  baseline: hipaa,
  compliant: [
    vm({}),
    vm({ metadata: { "enable-oslogin": "TRUE" } }),
    vm({ metadata: { "block-project-ssh-keys": true, "serial-port-enable": "FALSE" } }),
    vm({ metadata: { "block-project-ssh-keys": "1" }, shieldedInstanceConfig: { enableSecureBoot: true } }),
    vm({ bootDisk: { diskEncryptionKeyRaw: "c2VjcmV0" }, metadata: { "enable-oslogin": "y" } }),
    vm({ bootDisk: { diskEncryptionKeyRsa: "cnNh" }, metadata: { "enable-oslogin": "yes" } }),
    // The key and the subnet are created in the same preview; a startup value in metadata is not read.
    vm({
      bootDisk: { kmsKeySelfLink: UNKNOWN },
      networkInterfaces: [{ subnetwork: UNKNOWN }],
      metadata: { "block-project-ssh-keys": "TRUE", "startup-script": UNKNOWN },
    }),
  ],
  requirements: {
    "no-external-ip": {
      violating: [
        vm({ networkInterfaces: [{ subnetwork: "s", accessConfigs: [{}] }] }),
        vm({
          networkInterfaces: [
            { subnetwork: "s" },
            { subnetwork: "t", ipv6AccessConfigs: [{ networkTier: "PREMIUM" }] },
          ],
        }),
      ],
      compliant: [vm({ networkInterfaces: [{ subnetwork: "s", accessConfigs: [], ipv6AccessConfigs: [] }] })],
      unknown: [vm({ networkInterfaces: [{ subnetwork: "s", accessConfigs: UNKNOWN }] })],
    },
    "secure-boot": {
      violating: [
        vm({ shieldedInstanceConfig: { enableSecureBoot: false } }),
        vm({ shieldedInstanceConfig: undefined }),
      ],
      unknown: [
        vm({ shieldedInstanceConfig: { enableSecureBoot: UNKNOWN, enableIntegrityMonitoring: true } }),
      ],
    },
    "integrity-monitoring": {
      violating: [
        vm({ shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: false } }),
      ],
      unknown: [
        vm({ shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: UNKNOWN } }),
      ],
    },
    "boot-disk-customer-key": {
      violating: [vm({ bootDisk: { initializeParams: { image: "i" } } }), vm({ bootDisk: undefined })],
      unknown: [],
      decidedWhenUnknown: [vm({ bootDisk: { kmsKeySelfLink: UNKNOWN } })],
    },
    "no-serial-port": {
      violating: [
        vm({ metadata: { "block-project-ssh-keys": "TRUE", "serial-port-enable": "TRUE" } }),
        vm({ metadata: { "block-project-ssh-keys": "TRUE", "serial-port-enable": true } }),
      ],
      unknown: [vm({ metadata: { "block-project-ssh-keys": "TRUE", "serial-port-enable": UNKNOWN } })],
    },
    "no-project-ssh-keys": {
      violating: [
        vm({ metadata: undefined }),
        vm({ metadata: { "block-project-ssh-keys": "FALSE" } }),
        vm({ metadata: { "enable-oslogin": "FALSE" } }),
      ],
      unknown: [vm({ metadata: { "block-project-ssh-keys": UNKNOWN } })],
    },
  },
});

const firewall = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:compute/firewall:Firewall",
  name: "fw",
  props: {
    network: "n",
    sourceRanges: ["0.0.0.0/0"],
    allows: [{ protocol: "tcp", ports: ["443"] }],
    ...props,
  },
});

describeRule(firewallSensitivePorts, {
  baseline: hipaa,
  compliant: [
    firewall({}),
    firewall({ sourceRanges: ["10.0.0.0/8"], allows: [{ protocol: "all" }] }),
    firewall({ sourceRanges: ["35.235.240.0/20"], allows: [{ protocol: "tcp", ports: ["22"] }] }),
    firewall({ allows: [{ protocol: "icmp" }] }),
    firewall({ allows: [{ protocol: "tcp", ports: ["22"] }], disabled: true }),
    firewall({
      direction: "EGRESS",
      destinationRanges: ["0.0.0.0/0"],
      allows: [{ protocol: "all" }],
      sourceRanges: undefined,
    }),
    firewall({ sourceRanges: undefined, sourceTags: ["web"], allows: [{ protocol: "tcp" }] }),
    firewall({ allows: [{ protocol: "tcp", ports: ["8000-8999"] }] }),
    // The network is created in the same preview; the rule needs only the ranges and ports.
    firewall({ network: UNKNOWN, sourceRanges: ["10.0.0.0/8"], allows: [{ protocol: "all" }] }),
  ],
  requirements: {
    "sensitive-ports-closed": {
      violating: [
        firewall({ allows: [{ protocol: "tcp", ports: ["20-25"] }] }),
        firewall({ allows: [{ protocol: "tcp", ports: ["443", "3306"] }] }),
        firewall({ allows: [{ protocol: "6", ports: ["5432"] }] }),
        firewall({ allows: [{ protocol: "udp", ports: ["3389"] }] }),
        firewall({ allows: [{ protocol: "tcp" }] }),
        firewall({ allows: [{ protocol: "all" }] }),
        firewall({ allows: [{ protocol: "TCP", ports: ["22"] }], direction: "ingress" }),
        firewall({ sourceRanges: ["0::/0"], allows: [{ protocol: "tcp", ports: ["6379"] }] }),
        firewall({
          sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"],
          allows: [{ protocol: "tcp", ports: ["22"] }],
        }),
        firewall({
          direction: undefined,
          allows: [{ protocol: "icmp" }, { protocol: "sctp", ports: ["9200"] }],
        }),
        {
          resources: [firewall({ allows: [{ protocol: "tcp", ports: ["8080"] }] })],
          config: { sensitivePorts: [8080] },
        },
      ],
      unknown: [
        firewall({ sourceRanges: [UNKNOWN], allows: [{ protocol: "tcp", ports: ["22"] }] }),
        firewall({ allows: [{ protocol: "tcp", ports: [UNKNOWN] }] }),
        firewall({ disabled: UNKNOWN }),
      ],
      decidedWhenUnknown: [
        firewall({ sourceRanges: [UNKNOWN], allows: [{ protocol: "tcp", ports: ["443"] }] }),
      ],
    },
  },
});

const subnet = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:compute/subnetwork:Subnetwork",
  name: "subnet",
  props: {
    network: "n",
    ipCidrRange: "10.0.0.0/24",
    logConfig: { flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" },
    ...props,
  },
});

describeRule(subnetworkFlowLogs, {
  baseline: hipaa,
  compliant: [
    subnet({}),
    subnet({ logConfig: { aggregationInterval: "INTERVAL_5_SEC" } }),
    subnet({ logConfig: { flowSampling: 0.5 } }),
    // Proxy-only subnets cannot have flow logs.
    subnet({ purpose: "REGIONAL_MANAGED_PROXY", logConfig: undefined }),
    subnet({ purpose: "GLOBAL_MANAGED_PROXY", logConfig: undefined }),
    // The network is created in the same preview.
    subnet({ network: UNKNOWN }),
  ],
  requirements: {
    "flow-logs": {
      violating: [subnet({ logConfig: undefined }), subnet({ purpose: "PRIVATE", logConfig: undefined })],
      unknown: [subnet({ logConfig: undefined, purpose: UNKNOWN })],
      decidedWhenUnknown: [subnet({ logConfig: { flowSampling: 1, metadata: UNKNOWN } })],
    },
    "flow-sampling": {
      violating: [subnet({ logConfig: { flowSampling: 0 } })],
      unknown: [subnet({ logConfig: { flowSampling: UNKNOWN } })],
    },
  },
});

describeRule(networkCustomSubnets, {
  baseline: hipaa,
  compliant: [
    {
      type: "gcp:compute/network:Network",
      name: "net",
      props: { autoCreateSubnetworks: false, project: UNKNOWN },
    },
  ],
  requirements: {
    "custom-mode": {
      // The provider's default is auto mode.
      violating: [
        { type: "gcp:compute/network:Network", name: "net", props: {} },
        { type: "gcp:compute/network:Network", name: "net", props: { autoCreateSubnetworks: true } },
      ],
      unknown: [
        { type: "gcp:compute/network:Network", name: "net", props: { autoCreateSubnetworks: UNKNOWN } },
      ],
    },
  },
});

const sslPolicy = (
  props: Record<string, unknown>,
  type = "gcp:compute/sSLPolicy:SSLPolicy",
): KitResource => ({
  type,
  name: "ssl",
  props: { minTlsVersion: "TLS_1_2", profile: "MODERN", ...props },
});

describeRule(sslPolicyModernTls, {
  baseline: hipaa,
  compliant: [
    sslPolicy({}),
    sslPolicy(
      { minTlsVersion: "TLS_1_3", profile: "RESTRICTED" },
      "gcp:compute/regionSslPolicy:RegionSslPolicy",
    ),
    sslPolicy({ profile: "CUSTOM", customFeatures: ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] }),
  ],
  requirements: {
    "minimum-tls": {
      violating: [
        sslPolicy({ minTlsVersion: "TLS_1_0" }),
        sslPolicy({ minTlsVersion: "TLS_1_1" }),
        sslPolicy({ minTlsVersion: undefined }),
      ],
      unknown: [sslPolicy({ minTlsVersion: UNKNOWN })],
    },
    "no-compatible-profile": {
      violating: [sslPolicy({ profile: "COMPATIBLE" }), sslPolicy({ profile: undefined })],
      unknown: [sslPolicy({ profile: UNKNOWN })],
    },
  },
});

const httpsProxy = (
  props: Record<string, unknown>,
  type = "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
): KitResource => ({
  type,
  name: "https",
  props: { urlMap: UNKNOWN, sslCertificates: [UNKNOWN], sslPolicy: UNKNOWN, ...props },
});
const urlMap = (props: Record<string, unknown>, type = "gcp:compute/uRLMap:URLMap"): KitResource => ({
  type,
  name: "map",
  props: { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false }, ...props },
});
const httpProxy = (type = "gcp:compute/targetHttpProxy:TargetHttpProxy", map = "map"): KitResource => ({
  type,
  name: "http",
  props: { urlMap: UNKNOWN },
  propertyDependencies: { urlMap: [map] },
});

describeRule(targetProxyTls, {
  baseline: hipaa,
  compliant: [
    [httpsProxy({})],
    [httpsProxy({}, "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy")],
    [httpsProxy({ service: UNKNOWN }, "gcp:compute/targetSSLProxy:TargetSSLProxy")],
    [urlMap({}), httpProxy()],
    [
      urlMap({}, "gcp:compute/regionUrlMap:RegionUrlMap"),
      httpProxy("gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy"),
    ],
  ],
  requirements: {
    "ssl-policy": {
      violating: [
        [httpsProxy({ sslPolicy: undefined })],
        [httpsProxy({ sslPolicy: undefined }, "gcp:compute/targetSSLProxy:TargetSSLProxy")],
      ],
      unknown: [],
      decidedWhenUnknown: [[httpsProxy({ sslPolicy: UNKNOWN })]],
    },
    "http-redirects": {
      violating: [
        // Serving content over plain HTTP.
        [urlMap({ defaultUrlRedirect: undefined, defaultService: UNKNOWN }), httpProxy()],
        [urlMap({ defaultUrlRedirect: { httpsRedirect: false } }), httpProxy()],
        // The URL map is not in the stack.
        [httpProxy()],
        [
          {
            type: "gcp:compute/backendService:BackendService",
            name: "map",
            props: { defaultUrlRedirect: { httpsRedirect: true } },
          },
          httpProxy(),
        ],
      ],
      unknown: [[urlMap({ defaultUrlRedirect: UNKNOWN }), httpProxy()]],
    },
  },
});

const KMS = "projects/p/locations/l/keyRings/r/cryptoKeys/k";
describeRule(diskCmek, {
  baseline: hipaa,
  compliant: [
    {
      type: "gcp:compute/disk:Disk",
      name: "d",
      props: { zone: "z", diskEncryptionKey: { kmsKeySelfLink: KMS } },
    },
    { type: "gcp:compute/disk:Disk", name: "d", props: { diskEncryptionKey: { rawKey: "c2VjcmV0" } } },
    { type: "gcp:compute/disk:Disk", name: "d", props: { diskEncryptionKey: { rsaEncryptedKey: "cnNh" } } },
    {
      type: "gcp:compute/regionDisk:RegionDisk",
      name: "r",
      props: { diskEncryptionKey: { kmsKeyName: UNKNOWN } },
    },
    {
      type: "gcp:compute/snapshot:Snapshot",
      name: "s",
      props: { snapshotEncryptionKey: { kmsKeySelfLink: UNKNOWN } },
    },
  ],
  requirements: {
    "customer-key": {
      violating: [
        { type: "gcp:compute/disk:Disk", name: "d", props: { zone: "z" } },
        {
          type: "gcp:compute/disk:Disk",
          name: "d",
          props: { diskEncryptionKey: { kmsKeyServiceAccount: "sa" } },
        },
        // A regional disk names its key kmsKeyName, a snapshot under snapshotEncryptionKey.
        { type: "gcp:compute/regionDisk:RegionDisk", name: "r", props: { diskEncryptionKey: {} } },
        {
          type: "gcp:compute/snapshot:Snapshot",
          name: "s",
          props: { diskEncryptionKey: { kmsKeySelfLink: KMS } },
        },
      ],
      unknown: [{ type: "gcp:compute/disk:Disk", name: "d", props: { diskEncryptionKey: UNKNOWN } }],
      decidedWhenUnknown: [
        {
          type: "gcp:compute/disk:Disk",
          name: "d",
          props: { diskEncryptionKey: { kmsKeySelfLink: UNKNOWN } },
        },
      ],
    },
  },
});

const snapshot = (storageLocations: unknown, type = "gcp:compute/snapshot:Snapshot"): KitResource => ({
  type,
  name: "snap",
  props: { sourceDisk: "d", zone: "europe-west1-b", storageLocations },
});
const schedule = (snapshotProperties: unknown): KitResource => ({
  type: "gcp:compute/resourcePolicy:ResourcePolicy",
  name: "daily",
  props: {
    region: "europe-west1",
    snapshotSchedulePolicy: {
      schedule: { dailySchedule: { daysInCycle: 1, startTime: "04:00" } },
      snapshotProperties,
    },
  },
});

describeRule(snapshotStorageLocation, {
  baseline: gdpr,
  compliant: [
    snapshot(["europe-west1"]),
    snapshot(["EUROPE-WEST4"], "gcp:compute/image:Image"),
    schedule({ storageLocations: "europe-west3" }),
  ],
  requirements: {
    "storage-locations": {
      violating: [
        snapshot(undefined),
        snapshot([]),
        { resources: [snapshot(["eu"])], config: { allowedRegions: ["europe-west1"] } },
        snapshot(["europe-west1", "us"], "gcp:compute/image:Image"),
      ],
      compliant: [{ resources: [snapshot(undefined)], config: { allowedRegions: "any" } }],
      unknown: [snapshot(UNKNOWN), snapshot([UNKNOWN], "gcp:compute/image:Image")],
    },
    "scheduled-storage-location": {
      violating: [
        schedule(undefined),
        schedule({ storageLocations: "us-central1" }),
        schedule({ guestFlush: true }),
      ],
      unknown: [schedule({ storageLocations: UNKNOWN }), schedule(UNKNOWN)],
      outOfScope: [
        {
          type: "gcp:compute/resourcePolicy:ResourcePolicy",
          name: "placement",
          props: { region: "europe-west1", groupPlacementPolicy: { vmCount: 2 } },
        },
      ],
    },
  },
});
