import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  lbListenerTls,
  lbLoadBalancerDropsInvalidHeaders,
  lbLoadBalancerLogged,
  lbLoadBalancerProtected,
} from "./lb";

const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const forward = { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg" };
const MODERN = "ELBSecurityPolicy-TLS13-1-2-2021-06";
const listener = (props: Record<string, unknown>, type = "aws:lb/listener:Listener"): KitResource => ({
  type,
  name: "listener",
  props: { loadBalancerArn: "arn:aws:elasticloadbalancing:lb", ...props },
});

describeRule(lbListenerTls, {
  baseline: hipaa,
  compliant: [
    listener({ protocol: "HTTPS", port: 443, sslPolicy: MODERN, defaultActions: [forward] }),
    listener({ protocol: "TLS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }),
    listener({ protocol: "HTTP", port: 80, defaultActions: [redirect] }, "aws:alb/listener:Listener"),
    listener({ protocol: "TCP", port: 5432, defaultActions: [forward] }),
    // A Gateway Load Balancer listener: no protocol, no port, traffic passes through.
    listener({ defaultActions: [forward] }),
    // The load balancer and certificate are created in the same preview; protocol and policy decide.
    listener({
      loadBalancerArn: UNKNOWN,
      certificateArn: UNKNOWN,
      protocol: "HTTPS",
      port: 443,
      sslPolicy: MODERN,
    }),
  ],
  requirements: {
    "http-redirects-only": {
      violating: [
        listener({ protocol: "HTTP", port: 80, defaultActions: [forward] }),
        listener({ protocol: "http", port: 80, defaultActions: [redirect, forward] }),
        listener({ protocol: "HTTP", port: 80 }),
        listener({
          protocol: "HTTP",
          port: 80,
          defaultActions: [{ type: "redirect", redirect: { protocol: "HTTP" } }],
        }),
        // Protocol omitted on an ALB listener: plain HTTP.
        listener({ port: 80, defaultActions: [forward] }, "aws:alb/listener:Listener"),
      ],
      compliant: [listener({ port: 80, defaultActions: [redirect] })],
      unknown: [listener({ protocol: "HTTP", port: 80, defaultActions: [UNKNOWN] })],
      decidedWhenUnknown: [
        listener({ protocol: "HTTPS", port: 443, sslPolicy: MODERN, defaultActions: [UNKNOWN] }),
      ],
    },
    "modern-tls-policy": {
      violating: [
        listener({ protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-2016-08" }),
        listener({ protocol: "https", port: 443 }),
        listener({ protocol: "TLS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01" }),
      ],
      compliant: [
        listener({ protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" }),
      ],
      unknown: [listener({ protocol: "HTTPS", port: 443, sslPolicy: UNKNOWN })],
    },
  },
});

describeRule(lbListenerTls, {
  baseline: hipaa,
  compliant: [],
  requirements: {
    "http-redirects-only": {
      violating: [listener({ protocol: "HTTP", port: 80, defaultActions: [forward] })],
      unknown: [listener({ protocol: UNKNOWN, port: 80 })],
      readsWith: ["modern-tls-policy"],
    },
    "modern-tls-policy": {
      violating: [listener({ protocol: "TLS", port: 443 })],
      unknown: [listener({ port: UNKNOWN })],
      readsWith: ["http-redirects-only"],
    },
  },
});

const balancer = (props: Record<string, unknown>): KitResource => ({
  type: "aws:lb/loadBalancer:LoadBalancer",
  name: "api",
  props: {
    internal: true,
    accessLogs: { bucket: "lb-logs", enabled: true },
    enableDeletionProtection: true,
    dropInvalidHeaderFields: true,
    ...props,
  },
});

describeRule(lbLoadBalancerLogged, {
  baseline: hipaa,
  compliant: [
    balancer({}),
    balancer({ accessLogs: { bucket: "lb-logs" } }),
    { ...balancer({ accessLogs: { bucket: UNKNOWN } }), type: "aws:alb/loadBalancer:LoadBalancer" },
  ],
  requirements: {
    "access-logs": {
      violating: [
        balancer({ accessLogs: undefined }),
        balancer({ accessLogs: { bucket: "lb-logs", enabled: false } }),
        balancer({ accessLogs: { enabled: true } }),
      ],
      unknown: [balancer({ accessLogs: { bucket: "lb-logs", enabled: UNKNOWN } })],
      decidedWhenUnknown: [balancer({ accessLogs: { bucket: UNKNOWN, enabled: true } })],
    },
  },
});

describeRule(lbLoadBalancerProtected, {
  baseline: hipaa,
  compliant: [balancer({}), { ...balancer({}), type: "aws:alb/loadBalancer:LoadBalancer" }],
  requirements: {
    "deletion-protection": {
      violating: [
        balancer({ enableDeletionProtection: false }),
        balancer({ enableDeletionProtection: undefined }),
      ],
      unknown: [balancer({ enableDeletionProtection: UNKNOWN })],
    },
  },
});

describeRule(lbLoadBalancerDropsInvalidHeaders, {
  baseline: hipaa,
  compliant: [
    balancer({}),
    // Network and gateway load balancers have no header handling.
    balancer({ loadBalancerType: "network", dropInvalidHeaderFields: undefined }),
    balancer({ loadBalancerType: "gateway", dropInvalidHeaderFields: undefined }),
  ],
  requirements: {
    "drop-invalid-headers": {
      violating: [
        balancer({ dropInvalidHeaderFields: false }),
        balancer({ dropInvalidHeaderFields: undefined }),
        balancer({ loadBalancerType: "application", dropInvalidHeaderFields: undefined }),
      ],
      unknown: [
        balancer({ dropInvalidHeaderFields: UNKNOWN }),
        balancer({ loadBalancerType: UNKNOWN, dropInvalidHeaderFields: undefined }),
      ],
    },
  },
});
