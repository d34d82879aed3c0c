/** AWS Auto Scaling rules (aws v7). */
import type * as autoscaling from "@pulumi/aws/autoscaling";
import { resourceRule, type Props } from "../../rule";

type Group = Props<autoscaling.GroupArgs>;

export const autoscalingGroupElbHealthCheck = resourceRule({
  id: "aws-autoscaling-group-elb-health-check",
  description:
    "Auto Scaling groups behind a load balancer replace instances the load balancer finds unhealthy",
  target: "aws",
  types: ["aws:autoscaling/group:Group"],
  requirements: [
    {
      id: "elb-health-check",
      description: "A group attached to a load balancer or target group uses its health checks",
      remediation: 'Set healthCheckType "ELB" (the default "EC2" only sees instance status checks).',
      check: (props: Group) => {
        const attached =
          ((props.loadBalancers as unknown[] | undefined) ?? []).length > 0 ||
          ((props.targetGroupArns as unknown[] | undefined) ?? []).length > 0;
        return attached && props.healthCheckType !== "ELB"
          ? ["healthCheckType is not ELB though the group serves a load balancer"]
          : [];
      },
    },
  ],
});
