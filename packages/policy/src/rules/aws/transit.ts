/** AWS encryption in transit: load balancers speak TLS 1.2+ or only redirect to it. */
import type * as lb from "@pulumi/aws/lb";
import { resourceRule, type Props } from "../../rule";

/** ELB security policies that negotiate TLS 1.2 or newer only (TLS-1-2, FS-1-2, TLS13-1-2, TLS13-1-3, ...). */
const MODERN_TLS_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-[23]|FS-1-2)-/;

const redirectsToHttps = (action: any) =>
  action?.type === "redirect" && String(action.redirect?.protocol).toUpperCase() === "HTTPS";

export const lbListenerTls = resourceRule({
  id: "aws-lb-listener-tls",
  description: "Load balancer listeners take TLS 1.2+ only, or plain HTTP that only redirects to HTTPS",
  target: "aws",
  types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  check: (props: Props<lb.ListenerArgs>) => {
    const protocol = String(props.protocol ?? "").toUpperCase();
    if (protocol === "HTTP") {
      const actions = (props.defaultActions as unknown[] | undefined) ?? [];
      return actions.length > 0 && actions.every(redirectsToHttps)
        ? []
        : ["protocol HTTP is allowed only when every default action redirects to HTTPS"];
    }
    if (protocol === "HTTPS" || protocol === "TLS") {
      return MODERN_TLS_POLICY.test(String(props.sslPolicy ?? ""))
        ? []
        : [`sslPolicy ${props.sslPolicy ?? "(provider default)"} must be a TLS 1.2+ policy`];
    }
    // TCP and UDP listeners pass traffic through; TLS is then the target's concern.
    return [];
  },
});
