import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { autoscalingGroupElbHealthCheck } from "./autoscaling";

const group = (props: Record<string, unknown>): KitResource => ({
  type: "aws:autoscaling/group:Group",
  name: "workers",
  props: {
    minSize: 1,
    maxSize: 3,
    targetGroupArns: ["arn:aws:elasticloadbalancing:tg/a"],
    healthCheckType: "ELB",
    ...props,
  },
});

describeRule(autoscalingGroupElbHealthCheck, {
  baseline: hipaa,
  compliant: [
    group({}),
    group({ targetGroupArns: undefined, loadBalancers: ["classic"] }),
    // Not behind a load balancer: EC2 checks are all there is.
    group({ targetGroupArns: undefined, healthCheckType: undefined }),
    group({ targetGroupArns: [], loadBalancers: [], healthCheckType: "EC2" }),
  ],
  requirements: {
    "elb-health-check": {
      violating: [
        group({ healthCheckType: "EC2" }),
        group({ healthCheckType: undefined }),
        group({ targetGroupArns: undefined, loadBalancers: ["classic"], healthCheckType: undefined }),
      ],
      unknown: [
        group({ healthCheckType: UNKNOWN }),
        group({ targetGroupArns: UNKNOWN, healthCheckType: "EC2" }),
      ],
    },
  },
});
