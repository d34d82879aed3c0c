import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { wafv2WebAclLogged } from "./wafv2";

const acl = (name = "edge"): KitResource => ({
  type: "aws:wafv2/webAcl:WebAcl",
  name,
  props: { scope: "REGIONAL", defaultAction: { allow: {} } },
});
const logging = (dependsOn: string, key = "resourceArn"): KitResource => ({
  type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  name: `logging-${dependsOn}-${key}`,
  props: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] },
  propertyDependencies: { [key]: [dependsOn] },
});

describeRule(wafv2WebAclLogged, {
  baseline: hipaa,
  compliant: [[acl(), logging("edge")]],
  requirements: {
    logging: {
      violating: [
        [acl()],
        [acl(), acl("other"), logging("other")],
        [acl(), logging("edge", "logDestinationConfigs")],
      ],
      unknown: [],
      decidedWhenUnknown: [[{ ...acl(), props: { scope: UNKNOWN } }, logging("edge")]],
    },
  },
});
