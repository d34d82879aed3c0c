/**
 * AWS Classic Load Balancer rules (aws v7, `aws:elb/loadBalancer:LoadBalancer`): listeners carry TLS,
 * requests are logged, and the load balancer rides out the loss of a zone or an instance.
 */
import type * as elb from "@pulumi/aws/elb";
import { resourceRule, type Props } from "../../rule";
import { ACCESS_LOGS } from "./lb";

type LoadBalancer = Props<elb.LoadBalancerArgs>;
const LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer";

/** The listener protocols that carry TLS from the client to the load balancer. */
const TLS_PROTOCOLS = ["HTTPS", "SSL"];

export const elbLoadBalancerTls = resourceRule({
  id: "aws-elb-load-balancer-tls",
  description: "Classic Load Balancers take only HTTPS or SSL connections",
  target: "aws",
  types: [LOAD_BALANCER],
  requirements: [
    {
      id: "tls-listeners",
      description: "Every listener takes HTTPS or SSL, never plain HTTP or TCP",
      remediation:
        'Set each listeners entry\'s lbProtocol "HTTPS" (or "SSL") with an sslCertificateId; a Classic Load Balancer cannot redirect HTTP, so move such listeners to an Application Load Balancer.',
      check: (props: LoadBalancer) =>
        ((props.listeners as any[] | undefined) ?? []).flatMap((l, i) =>
          TLS_PROTOCOLS.includes(String(l?.lbProtocol).toUpperCase())
            ? []
            : [`listeners[${i}].lbProtocol is not HTTPS or SSL`],
        ),
    },
  ],
});

export const elbLoadBalancerLogged = resourceRule({
  id: "aws-elb-load-balancer-logged",
  description: "Classic Load Balancers record every request in access logs",
  target: "aws",
  types: [LOAD_BALANCER],
  requirements: [ACCESS_LOGS],
});

export const elbLoadBalancerResilient = resourceRule({
  id: "aws-elb-load-balancer-resilient",
  description:
    "Classic Load Balancers spread requests across zones and let in-flight requests finish when an instance leaves",
  target: "aws",
  types: [LOAD_BALANCER],
  requirements: [
    {
      id: "cross-zone",
      description: "Requests are balanced across the instances of every enabled zone",
      remediation: "Remove crossZoneLoadBalancing: false (the provider's default is true).",
      // Provider default: crossZoneLoadBalancing true.
      check: (props: LoadBalancer) =>
        props.crossZoneLoadBalancing === false ? ["crossZoneLoadBalancing is false"] : [],
    },
    {
      id: "connection-draining",
      description: "Connections to an instance that is deregistered or unhealthy are drained, not cut",
      remediation: "Set connectionDraining: true (the provider's default is false).",
      check: (props: LoadBalancer) =>
        props.connectionDraining === true ? [] : ["connectionDraining is not true"],
    },
  ],
});
