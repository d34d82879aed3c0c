/**
 * The names GCP gives resources that Palisade components create, and the rules GCP holds them to. A
 * child's physical name is either an input the component sets (a log bucket id) or Pulumi's autoname: the
 * logical name plus `-` and seven random hex characters. Components check every such name before
 * registering anything; tests check every registered one against the same rules.
 */
import {
  providerNames,
  type NameRule,
  type NamedChild as CoreNamedChild,
  type ProviderNameRule,
} from "@palisade/core";

export interface GcpNameRule extends ProviderNameRule {
  /** Where Google states the rule. */
  readonly source: string;
}

/** `europe-west4`, `us-central1`, `northamerica-northeast2`: the shape of every GCP region name. */
export const GCP_REGION = /^[a-z]+-[a-z]+[0-9]{1,2}$/;

/** Project ids: 6-30 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen. */
export const GCP_PROJECT_ID: NameRule & { source: string } = {
  pattern: /^(?!.*(google|ssl))[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  maxLength: 30,
  describe:
    "6-30 lowercase letters, digits or '-', starting with a letter, not ending with '-', without \"google\" or \"ssl\"",
  source: "https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin",
};

/** A project number: the digits Google assigns a project, used in service agent emails. */
export const GCP_PROJECT_NUMBER = /^[1-9][0-9]{5,18}$/;

const KMS_ID: Omit<GcpNameRule, "what"> = {
  input: "name",
  autonamed: true,
  pattern: /^[a-zA-Z0-9_-]+$/,
  maxLength: 63,
  describe: "1-63 letters, digits, '_' or '-'",
  source: "https://cloud.google.com/kms/docs/resource-hierarchy#key_rings",
};

const COMPUTE_NAME: Omit<GcpNameRule, "what"> = {
  input: "name",
  autonamed: true,
  pattern: /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/,
  maxLength: 63,
  describe: "1-63 lowercase letters, digits or '-', starting with a letter and not ending with '-'",
  source: "https://cloud.google.com/compute/docs/naming-resources#resource-name-format",
};

const GKE_NAME: Omit<GcpNameRule, "what"> = {
  input: "name",
  autonamed: true,
  pattern: /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/,
  maxLength: 40,
  describe: "1-40 lowercase letters, digits or '-', starting with a letter and not ending with '-'",
  source: "https://cloud.google.com/kubernetes-engine/docs/how-to/creating-a-zonal-cluster",
};

export const GCP_NAME_RULES: Readonly<Record<string, GcpNameRule>> = {
  "gcp:storage/bucket:Bucket": {
    input: "name",
    autonamed: true,
    // Dotted names are domain-verified and up to 222 characters; Palisade's are never dotted.
    pattern: /^(?!goog)(?!.*g[o0]{2}gle)[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/,
    maxLength: 63,
    what: "Cloud Storage bucket name",
    describe:
      "3-63 lowercase letters, digits, '-' or '_', starting and ending with a letter or digit, not starting with \"goog\" nor containing \"google\"",
    source: "https://cloud.google.com/storage/docs/buckets#naming",
  },
  "gcp:kms/keyRing:KeyRing": { ...KMS_ID, what: "Cloud KMS key ring id" },
  "gcp:kms/cryptoKey:CryptoKey": { ...KMS_ID, what: "Cloud KMS key id" },
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": {
    input: "bucketId",
    autonamed: false,
    pattern: /^[A-Za-z0-9-.][A-Za-z0-9_.-]*$/,
    maxLength: 100,
    what: "Cloud Logging bucket id",
    describe: "1-100 letters, digits, '_', '-' or '.', not starting with '_'",
    source: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/create",
  },
  "gcp:logging/projectSink:ProjectSink": {
    input: "name",
    autonamed: true,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    maxLength: 100,
    what: "Cloud Logging sink name",
    describe: "1-100 letters, digits, '_', '-' or '.', starting with a letter or digit",
    source: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.sinks",
  },
  "gcp:compute/instance:Instance": { ...COMPUTE_NAME, what: "Compute Engine instance name" },
  "gcp:compute/disk:Disk": { ...COMPUTE_NAME, what: "Compute Engine disk name" },
  "gcp:compute/network:Network": { ...COMPUTE_NAME, what: "VPC network name" },
  "gcp:compute/subnetwork:Subnetwork": { ...COMPUTE_NAME, what: "subnetwork name" },
  "gcp:compute/firewall:Firewall": { ...COMPUTE_NAME, what: "firewall rule name" },
  "gcp:compute/router:Router": { ...COMPUTE_NAME, what: "Cloud Router name" },
  "gcp:compute/routerNat:RouterNat": { ...COMPUTE_NAME, what: "Cloud NAT name" },
  "gcp:container/cluster:Cluster": { ...GKE_NAME, what: "GKE cluster name" },
  "gcp:container/nodePool:NodePool": { ...GKE_NAME, what: "GKE node pool name" },
  "gcp:serviceaccount/account:Account": {
    input: "accountId",
    autonamed: false,
    pattern: /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/,
    maxLength: 30,
    what: "service account id",
    describe: "6-30 lowercase letters, digits or '-', starting with a letter and not ending with '-'",
    source: "https://cloud.google.com/iam/docs/service-accounts-create#creating",
  },
};

/** Physical names and their checks for the GCP types above (`@palisade/core`'s `providerNames`). */
export const { physicalName, isValidPhysicalName, checkChildNames } = providerNames(GCP_NAME_RULES);
export type NamedChild = CoreNamedChild<keyof typeof GCP_NAME_RULES>;
