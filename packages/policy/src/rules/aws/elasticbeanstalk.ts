/** AWS Elastic Beanstalk rules (aws v7). */
import type * as elasticbeanstalk from "@pulumi/aws/elasticbeanstalk";
import { resourceRule, type Props } from "../../rule";

type Environment = Props<elasticbeanstalk.EnvironmentArgs>;

/** The setting for option `namespace`/`name` among an environment's settings, if there is one. */
const option = (props: Environment, namespace: string, name: string): any =>
  ((props.settings as any[] | undefined) ?? []).find((s) => s?.namespace === namespace && s?.name === name);

export const elasticbeanstalkEnvironmentHardened = resourceRule({
  id: "aws-elasticbeanstalk-environment-hardened",
  description:
    "Elastic Beanstalk environments run in a VPC, take managed platform updates and report enhanced health",
  target: "aws",
  types: ["aws:elasticbeanstalk/environment:Environment"],
  requirements: [
    {
      id: "in-vpc",
      description: "The environment's instances run in a VPC the account controls",
      remediation:
        'Add the setting { namespace: "aws:ec2:vpc", name: "VPCId", value: <vpc id> } (with Subnets).',
      check: (props: Environment) =>
        // A VPC created in the same update is unknown: a value present is enough.
        "value" in (option(props, "aws:ec2:vpc", "VPCId") ?? {})
          ? []
          : ["settings place the environment in no VPC"],
    },
    {
      id: "managed-updates",
      description: "Platform security updates are applied in a maintenance window",
      remediation:
        'Add the setting { namespace: "aws:elasticbeanstalk:managedactions", name: "ManagedActionsEnabled", value: "true" }.',
      // The CreateEnvironment API leaves managed actions off unless set.
      check: (props: Environment) =>
        String(
          option(props, "aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled")?.value,
        ).toLowerCase() === "true"
          ? []
          : ["settings do not turn on managed platform updates"],
    },
    {
      id: "enhanced-health",
      description: "Enhanced health reporting watches the instances and the application",
      remediation:
        'Add the setting { namespace: "aws:elasticbeanstalk:healthreporting:system", name: "SystemType", value: "enhanced" }.',
      check: (props: Environment) =>
        option(props, "aws:elasticbeanstalk:healthreporting:system", "SystemType")?.value === "enhanced"
          ? []
          : ["settings do not choose enhanced health reporting"],
    },
  ],
});
