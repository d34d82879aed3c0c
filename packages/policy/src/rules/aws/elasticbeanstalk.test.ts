import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { elasticbeanstalkEnvironmentHardened } from "./elasticbeanstalk";

const vpc = { namespace: "aws:ec2:vpc", name: "VPCId", value: "vpc-1" };
const managed = {
  namespace: "aws:elasticbeanstalk:managedactions",
  name: "ManagedActionsEnabled",
  value: "true",
};
const health = {
  namespace: "aws:elasticbeanstalk:healthreporting:system",
  name: "SystemType",
  value: "enhanced",
};

const env = (...settings: object[]): KitResource => ({
  type: "aws:elasticbeanstalk/environment:Environment",
  name: "portal",
  props: { application: "portal", solutionStackName: "64bit Amazon Linux 2023", settings },
});

describeRule(elasticbeanstalkEnvironmentHardened, {
  baseline: hipaa,
  compliant: [
    env(vpc, managed, health),
    env({ ...vpc, value: UNKNOWN }, { ...managed, value: "TRUE" }, health),
  ],
  requirements: {
    "in-vpc": {
      violating: [env(managed, health), env({ ...vpc, namespace: "aws:ec2:instances" }, managed, health)],
      unknown: [env(managed, health, { ...vpc, namespace: UNKNOWN })],
      decidedWhenUnknown: [env({ ...vpc, value: UNKNOWN }, managed, health)],
    },
    "managed-updates": {
      violating: [
        env(vpc, health),
        env(vpc, { ...managed, value: "false" }, health),
        env(vpc, { ...managed, name: "PreferredStartTime" }, health),
      ],
      unknown: [env(vpc, { ...managed, value: UNKNOWN }, health)],
    },
    "enhanced-health": {
      violating: [env(vpc, managed), env(vpc, managed, { ...health, value: "basic" })],
      unknown: [env(vpc, managed, { ...health, value: UNKNOWN })],
    },
  },
});
