import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { elbLoadBalancerLogged, elbLoadBalancerResilient, elbLoadBalancerTls } from "./elb";

const https = {
  instancePort: 8443,
  instanceProtocol: "HTTPS",
  lbPort: 443,
  lbProtocol: "HTTPS",
  sslCertificateId: "arn:aws:acm:us-east-1:123456789012:certificate/c",
};
const loadBalancer = (props: Record<string, unknown>): KitResource => ({
  type: "aws:elb/loadBalancer:LoadBalancer",
  name: "classic",
  props: {
    subnets: ["subnet-1", "subnet-2"],
    listeners: [https],
    accessLogs: { bucket: "elb-logs", interval: 5 },
    crossZoneLoadBalancing: true,
    connectionDraining: true,
    ...props,
  },
});

describeRule(elbLoadBalancerTls, {
  baseline: hipaa,
  compliant: [
    loadBalancer({}),
    loadBalancer({
      listeners: [https, { ...https, lbPort: 5432, lbProtocol: "ssl", instanceProtocol: "TCP" }],
    }),
    // The certificate is created in the same update: the protocol decides.
    loadBalancer({ listeners: [{ ...https, sslCertificateId: UNKNOWN }] }),
  ],
  requirements: {
    "tls-listeners": {
      violating: [
        loadBalancer({
          listeners: [{ instancePort: 80, instanceProtocol: "HTTP", lbPort: 80, lbProtocol: "HTTP" }],
        }),
        loadBalancer({
          listeners: [https, { ...https, lbPort: 5432, lbProtocol: "tcp", instanceProtocol: "tcp" }],
        }),
      ],
      unknown: [loadBalancer({ listeners: [{ ...https, lbProtocol: UNKNOWN }] })],
    },
  },
});

describeRule(elbLoadBalancerLogged, {
  baseline: hipaa,
  compliant: [loadBalancer({}), loadBalancer({ accessLogs: { bucket: UNKNOWN, enabled: true } })],
  requirements: {
    "access-logs": {
      violating: [
        loadBalancer({ accessLogs: undefined }),
        loadBalancer({ accessLogs: { bucket: "elb-logs", enabled: false } }),
      ],
      unknown: [loadBalancer({ accessLogs: { bucket: "elb-logs", enabled: UNKNOWN } })],
      decidedWhenUnknown: [loadBalancer({ accessLogs: { bucket: UNKNOWN } })],
    },
  },
});

describeRule(elbLoadBalancerResilient, {
  baseline: hipaa,
  // crossZoneLoadBalancing defaults to true.
  compliant: [loadBalancer({}), loadBalancer({ crossZoneLoadBalancing: undefined })],
  requirements: {
    "cross-zone": {
      violating: [loadBalancer({ crossZoneLoadBalancing: false })],
      unknown: [loadBalancer({ crossZoneLoadBalancing: UNKNOWN })],
    },
    "connection-draining": {
      violating: [
        loadBalancer({ connectionDraining: undefined }),
        loadBalancer({ connectionDraining: false }),
      ],
      unknown: [loadBalancer({ connectionDraining: UNKNOWN })],
    },
  },
});
