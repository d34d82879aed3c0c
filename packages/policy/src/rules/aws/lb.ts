/** AWS load balancer rules (aws v7): listeners speak TLS 1.2+, or plain HTTP that only redirects to it. */
import type * as lb from "@pulumi/aws/lb";
import { resourceRule, type Props, type Requirement } from "../../rule";

type Listener = Props<lb.ListenerArgs>;

/** ELB security policies that negotiate TLS 1.2 or newer only (TLS-1-2, FS-1-2, TLS13-1-2, TLS13-1-3, ...). */
const MODERN_TLS_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-[23]|FS-1-2)-/;

/**
 * The protocol clients speak to the listener. Unset, it is HTTP on an Application Load Balancer, and a
 * Gateway Load Balancer listener has neither protocol nor port: its traffic passes through (GENEVE).
 */
function protocolOf(props: Listener): string | undefined {
  if (props.protocol !== undefined) return String(props.protocol).toUpperCase();
  return props.port === undefined ? undefined : "HTTP";
}

const redirectsToHttps = (action: any) =>
  action?.type === "redirect" && String(action.redirect?.protocol).toUpperCase() === "HTTPS";

export const lbListenerTls = resourceRule({
  id: "aws-lb-listener-tls",
  description: "Load balancer listeners take TLS 1.2+ only, or plain HTTP that only redirects to HTTPS",
  target: "aws",
  types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  requirements: [
    {
      id: "http-redirects-only",
      description: "A plain-HTTP listener (protocol HTTP, or unset on an ALB) only redirects to HTTPS",
      remediation:
        'Serve HTTPS, or give the HTTP listener only defaultActions of type "redirect" with redirect.protocol "HTTPS".',
      check: (props: Listener) => {
        if (protocolOf(props) !== "HTTP") return [];
        const actions = (props.defaultActions as unknown[] | undefined) ?? [];
        return actions.length > 0 && actions.every(redirectsToHttps)
          ? []
          : [
              "the listener takes unencrypted connections (protocol, also when unset on an ALB) and not every defaultAction redirects to TLS",
            ];
      },
    },
    {
      id: "modern-tls-policy",
      description: "An HTTPS or TLS listener negotiates TLS 1.2 or newer only",
      remediation: 'Set sslPolicy to a TLS 1.2+ policy such as "ELBSecurityPolicy-TLS13-1-2-2021-06".',
      check: (props: Listener) => {
        const protocol = protocolOf(props);
        // TCP, UDP and QUIC listeners pass traffic through or carry TLS 1.3 by design.
        if (protocol !== "HTTPS" && protocol !== "TLS") return [];
        return MODERN_TLS_POLICY.test(String(props.sslPolicy ?? ""))
          ? []
          : ["sslPolicy is not a TLS 1.2+ policy (unset leaves the provider's default)"];
      },
    },
  ],
});

type LoadBalancer = Props<lb.LoadBalancerArgs>;

/** Access logs to S3: the same accessLogs block on every load balancer, classic ones (elb.ts) included. */
export const ACCESS_LOGS: Requirement = {
  id: "access-logs",
  description: "Every request is recorded in access logs",
  remediation: "Set accessLogs { bucket, enabled: true }.",
  check: (props: LoadBalancer) => {
    const logs = props.accessLogs ?? {};
    // An accessLogs block is on unless it says enabled: false.
    return "bucket" in logs && logs.enabled !== false
      ? []
      : ["accessLogs does not enable logging to a bucket"];
  },
};
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

export const lbLoadBalancerLogged = resourceRule({
  id: "aws-lb-load-balancer-logged",
  description: "Load balancers log every request",
  target: "aws",
  types: LOAD_BALANCERS,
  requirements: [ACCESS_LOGS],
});

export const lbLoadBalancerProtected = resourceRule({
  id: "aws-lb-load-balancer-protected",
  description: "Load balancers cannot be deleted by mistake",
  target: "aws",
  types: LOAD_BALANCERS,
  requirements: [
    {
      id: "deletion-protection",
      description: "The load balancer cannot be deleted while deletion protection is on",
      remediation: "Set enableDeletionProtection: true (the provider's default is false).",
      check: (props: LoadBalancer) =>
        props.enableDeletionProtection === true ? [] : ["enableDeletionProtection is not true"],
    },
  ],
});

export const lbLoadBalancerDropsInvalidHeaders = resourceRule({
  id: "aws-lb-load-balancer-drops-invalid-headers",
  description: "Application Load Balancers drop malformed HTTP headers instead of passing them on",
  target: "aws",
  types: LOAD_BALANCERS,
  requirements: [
    {
      id: "drop-invalid-headers",
      description:
        "An Application Load Balancer drops HTTP headers that are not valid instead of passing them on",
      remediation: "Set dropInvalidHeaderFields: true (the provider's default is false).",
      check: (props: LoadBalancer) => {
        // Provider default: loadBalancerType application; the setting exists only there.
        if (String(props.loadBalancerType ?? "application") !== "application") return [];
        return props.dropInvalidHeaderFields === true ? [] : ["dropInvalidHeaderFields is not true"];
      },
    },
  ],
});
