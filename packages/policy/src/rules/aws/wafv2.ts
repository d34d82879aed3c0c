/** AWS WAFv2 rules (aws v7). */
import { stackRule } from "../../rule";

export const wafv2WebAclLogged = stackRule({
  id: "aws-wafv2-web-acl-logged",
  description: "WAFv2 web ACLs log the requests they inspect",
  target: "aws",
  types: ["aws:wafv2/webAcl:WebAcl"],
  requirements: [
    {
      id: "logging",
      description: "A WebAclLoggingConfiguration sends the ACL's traffic logs to a destination",
      remediation:
        "Add an aws.wafv2.WebAclLoggingConfiguration whose resourceArn is the web ACL's arn, with logDestinationConfigs.",
      // Joined through the logging configuration's resourceArn input (a property dependency, known at preview).
      check: (_acl, context) =>
        context.stack.dependents(
          "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
          "resourceArn",
        ).length > 0
          ? []
          : ["no WebAclLoggingConfiguration (resourceArn) logs this web ACL"],
    },
  ],
});
