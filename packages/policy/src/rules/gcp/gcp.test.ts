/**
 * GCP rules through the kit, as the policy server runs them: a compliant case, a violating case and a case
 * unknown at preview for every resource rule; stack rules through analyzeStack.
 */
import { UNKNOWN } from "../../kit";
import { describeResourceCases, type ResourceCase } from "../rule-cases.test-support";

const resourceCases: ResourceCase[] = [
  {
    rule: "gcp-compute-firewall-admin-ports-closed",
    type: "gcp:compute/firewall:Firewall",
    compliant: { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] },
    violating: { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["20-25"] }] },
    // The network is created in the same preview; the rule needs only the ranges and ports.
    unknown: { network: UNKNOWN, sourceRanges: ["10.0.0.0/8"], allows: [{ protocol: "all" }] },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-storage-bucket-secure",
    type: "gcp:storage/bucket:Bucket",
    compliant: {
      encryption: { defaultKmsKeyName: "projects/p/keys/k" },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
    },
    violating: { uniformBucketLevelAccess: true, publicAccessPrevention: "inherited" },
    unknown: {
      encryption: { defaultKmsKeyName: UNKNOWN },
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "gcp-kms-crypto-key-rotation",
    type: "gcp:kms/cryptoKey:CryptoKey",
    compliant: { rotationPeriod: "7776000s" },
    violating: { rotationPeriod: "63072000s" },
    unknown: { rotationPeriod: UNKNOWN },
    unknownVerdict: "undetermined",
  },
];

describeResourceCases(resourceCases);
