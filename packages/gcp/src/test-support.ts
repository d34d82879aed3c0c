/** Mock-runtime fixtures for GCP component tests: a stack with `gcp:project` and `gcp:region` configured. */
import { MockStack, type MockStackOptions } from "@palisade/core/test-support";
import { AuditLogging, type AuditLoggingArgs } from "./audit-logging";
import { ConfidentialVm, type ConfidentialVmArgs } from "./confidential-vm";
import { EncryptedBucket, type EncryptedBucketArgs } from "./encrypted-bucket";
import { EncryptionKey, type EncryptionKeyArgs } from "./encryption-key";
import { SegmentedNetwork, type SegmentedNetworkArgs } from "./segmented-network";
import { ZeroTrustGkeCluster, type ZeroTrustGkeClusterArgs } from "./gke-cluster";

export const PROJECT = "phi-prod-123";
export const PROJECT_NUMBER = "123456789012";
export const REGION = "us-central1";

/** Provider outputs the components read, shaped as GCP returns them. */
function gcpOutputs(type: string, _name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === "gcp:serviceaccount/account:Account")
    return { email: `${String(inputs.accountId)}@${PROJECT}.iam.gserviceaccount.com` };
  if (type === "gcp:logging/projectSink:ProjectSink")
    return {
      writerIdentity: `serviceAccount:service-${PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com`,
    };
  return {};
}

/** A mock stack in us-central1 of project phi-prod-123; nothing is deployed, no invoke is answered. */
export function gcpStack(options: MockStackOptions = {}): Promise<MockStack> {
  return MockStack.start({
    outputs: gcpOutputs,
    ...options,
    config: { "gcp:project": PROJECT, "gcp:region": REGION, ...options.config },
  });
}

/** Whether a registration is a GCP provider resource (not a component). */
export function isGcp(type: string): boolean {
  return type.startsWith("gcp:");
}

/** Args every GCP component case starts from: valid, so a test can vary one thing at a time. */
export const COMPONENT_CASES = {
  EncryptionKey: {
    type: "palisade:gcp:EncryptionKey",
    args: {},
    build: (name: string, args: unknown) => new EncryptionKey(name, args as EncryptionKeyArgs),
  },
  EncryptedBucket: {
    type: "palisade:gcp:EncryptedBucket",
    args: { projectNumber: PROJECT_NUMBER, lifecycleRules: [{ deleteAfterDays: 3650 }] },
    build: (name: string, args: unknown) => new EncryptedBucket(name, args as EncryptedBucketArgs),
  },
  AuditLogging: {
    type: "palisade:gcp:AuditLogging",
    args: { projectNumber: PROJECT_NUMBER },
    build: (name: string, args: unknown) => new AuditLogging(name, args as AuditLoggingArgs),
  },
  ConfidentialVm: {
    type: "palisade:gcp:ConfidentialVm",
    args: {
      projectNumber: PROJECT_NUMBER,
      image: "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64",
      subnetwork: "projects/phi-prod-123/regions/us-central1/subnetworks/inference",
      dataDisks: [{ name: "data", sizeGb: 100 }],
    },
    build: (name: string, args: unknown) => new ConfidentialVm(name, args as ConfidentialVmArgs),
  },
  SegmentedNetwork: {
    type: "palisade:gcp:SegmentedNetwork",
    args: {
      cidr: "10.20.0.0/16",
      secondaryCidr: "100.64.0.0/14",
      tiers: [
        {
          name: "gke",
          prefixLength: 22,
          nat: true,
          secondaryRanges: [
            { name: "pods", prefixLength: 18 },
            { name: "services", prefixLength: 22 },
          ],
        },
        { name: "data", prefixLength: 24 },
      ],
      allows: [
        {
          name: "gke-to-data",
          direction: "INGRESS",
          protocol: "tcp",
          ports: ["5432"],
          sourceTiers: ["gke"],
          targetTags: ["db"],
        },
      ],
    },
    build: (name: string, args: unknown) => new SegmentedNetwork(name, args as SegmentedNetworkArgs),
  },
  ZeroTrustGkeCluster: {
    type: "palisade:gcp:ZeroTrustGkeCluster",
    args: {
      projectNumber: PROJECT_NUMBER,
      network: "projects/phi-prod-123/global/networks/net-vpc",
      subnetwork: "projects/phi-prod-123/regions/us-central1/subnetworks/net-gke",
      masterCidr: "172.16.0.0/28",
      authorizedNetworks: [{ name: "ops", cidr: "10.20.64.0/24" }],
    },
    build: (name: string, args: unknown) => new ZeroTrustGkeCluster(name, args as ZeroTrustGkeClusterArgs),
  },
} as const;
