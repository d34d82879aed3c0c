import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { dmsReplicationInstanceEncrypted, dmsReplicationInstanceNotPublic } from "./dms";

const instance = (props: Record<string, unknown>): KitResource => ({
  type: "aws:dms/replicationInstance:ReplicationInstance",
  name: "migration",
  props: {
    replicationInstanceId: "migration",
    replicationInstanceClass: "dms.t3.medium",
    publiclyAccessible: false,
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    ...props,
  },
});

describeRule(dmsReplicationInstanceNotPublic, {
  baseline: hipaa,
  compliant: [instance({})],
  requirements: {
    "not-public": {
      // Omitted is public: the DMS API defaults PubliclyAccessible to true.
      violating: [instance({ publiclyAccessible: true }), instance({ publiclyAccessible: undefined })],
      unknown: [instance({ publiclyAccessible: UNKNOWN })],
    },
  },
});

describeRule(dmsReplicationInstanceEncrypted, {
  baseline: hipaa,
  compliant: [instance({}), instance({ kmsKeyArn: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [instance({ kmsKeyArn: undefined })],
      unknown: [],
      decidedWhenUnknown: [instance({ kmsKeyArn: UNKNOWN })],
    },
  },
});
