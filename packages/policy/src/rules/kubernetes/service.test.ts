import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { serviceNotPublic, serviceTls } from "./service";

const https = { name: "https", port: 443, targetPort: 8443 };
const service = (spec: Record<string, unknown>, annotations?: Record<string, unknown>): KitResource => ({
  type: "kubernetes:core/v1:Service",
  name: "svc",
  props: {
    metadata: { name: "api", ...(annotations ? { annotations } : {}) },
    spec: { type: "LoadBalancer", ports: [https], loadBalancerSourceRanges: ["203.0.113.0/24"], ...spec },
  },
});
const open = { loadBalancerSourceRanges: undefined };

describeRule(serviceNotPublic, {
  baseline: hipaa,
  compliant: [
    service({}),
    service({ type: "ClusterIP", loadBalancerSourceRanges: undefined }),
    service({ type: undefined, loadBalancerSourceRanges: undefined }),
    service(open, { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }),
    service(open, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }),
    service(open, { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }),
    service(open, { "networking.gke.io/load-balancer-type": "Internal" }),
    service(open, { "cloud.google.com/load-balancer-type": "internal" }),
  ],
  requirements: {
    "source-ranges": {
      violating: [
        service(open),
        service({ loadBalancerSourceRanges: [] }),
        service({ loadBalancerSourceRanges: ["0.0.0.0/0"] }),
        service({ loadBalancerSourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] }),
        service(open, { "service.beta.kubernetes.io/azure-load-balancer-internal": "false" }),
        service(open, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }),
      ],
      unknown: [service({ loadBalancerSourceRanges: UNKNOWN }), service({ type: UNKNOWN })],
      readsWith: [],
    },
  },
});

describeRule(serviceTls, {
  baseline: hipaa,
  compliant: [
    service({}),
    service({ type: "ClusterIP", ports: [{ name: "http", port: 80 }] }),
    service({ ports: [{ port: 80, name: "http" }] }, { "networking.gke.io/load-balancer-type": "Internal" }),
    service({ ports: [{ name: "grpc", port: 9090, appProtocol: "kubernetes.io/h2c-less" }] }),
    service({ ports: [{ name: "httpsx", port: 8443 }] }),
  ],
  requirements: {
    "no-plain-http": {
      violating: [
        service({ ports: [https, { name: "web", port: 80 }] }),
        service({ ports: [{ name: "http", port: 8080 }] }),
        service({ ports: [{ name: "HTTP-alt", port: 8080 }] }),
        service({ ports: [{ name: "web", port: 8080, appProtocol: "http" }] }),
        service({ ports: [{ name: "web", port: 8080, appProtocol: "kubernetes.io/h2c" }] }),
      ],
      unknown: [service({ ports: UNKNOWN })],
    },
  },
});
