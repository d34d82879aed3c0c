import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { emrClusterSecured } from "./emr";

const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:emr/cluster:Cluster",
  name: "analytics",
  props: {
    releaseLabel: "emr-7.1.0",
    serviceRole: "arn:aws:iam::123456789012:role/emr",
    kerberosAttributes: { realm: "EC2.INTERNAL", kdcAdminPassword: "not-a-real-one" },
    securityConfiguration: "phi-security",
    ...props,
  },
});

describeRule(emrClusterSecured, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ securityConfiguration: UNKNOWN })],
  requirements: {
    kerberos: {
      violating: [
        cluster({ kerberosAttributes: undefined }),
        cluster({ kerberosAttributes: { kdcAdminPassword: "x-123" } }),
      ],
      unknown: [cluster({ kerberosAttributes: UNKNOWN })],
      decidedWhenUnknown: [cluster({ kerberosAttributes: { realm: UNKNOWN, kdcAdminPassword: UNKNOWN } })],
    },
    "security-configuration": {
      violating: [cluster({ securityConfiguration: undefined })],
      unknown: [],
      decidedWhenUnknown: [cluster({ securityConfiguration: UNKNOWN })],
    },
  },
});
