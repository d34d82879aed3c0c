import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { transferServerLogged, transferServerTls } from "./transfer";

const server = (props: Record<string, unknown>): KitResource => ({
  type: "aws:transfer/server:Server",
  name: "sftp",
  props: {
    protocols: ["SFTP"],
    securityPolicyName: "TransferSecurityPolicy-2024-01",
    structuredLogDestinations: ["arn:aws:logs:us-east-1:123456789012:log-group:sftp:*"],
    ...props,
  },
});

describeRule(transferServerTls, {
  baseline: hipaa,
  compliant: [
    server({}),
    // Default protocols: SFTP only.
    server({ protocols: undefined }),
    server({ protocols: ["SFTP", "FTPS"], securityPolicyName: "TransferSecurityPolicy-2020-06" }),
    server({ securityPolicyName: "TransferSecurityPolicy-FIPS-2023-05" }),
  ],
  requirements: {
    "no-plain-ftp": {
      violating: [server({ protocols: ["FTP"] }), server({ protocols: ["SFTP", "FTP"] })],
      unknown: [server({ protocols: UNKNOWN })],
    },
    "security-policy": {
      violating: [
        server({ securityPolicyName: undefined }),
        server({ securityPolicyName: "TransferSecurityPolicy-2018-11" }),
        server({ securityPolicyName: "TransferSecurityPolicy-2019-12" }),
        server({ securityPolicyName: "custom" }),
      ],
      unknown: [server({ securityPolicyName: UNKNOWN })],
    },
  },
});

describeRule(transferServerLogged, {
  baseline: hipaa,
  compliant: [
    server({}),
    server({ structuredLogDestinations: undefined, loggingRole: "arn:aws:iam::123456789012:role/log" }),
    server({ structuredLogDestinations: UNKNOWN }),
  ],
  requirements: {
    logging: {
      violating: [server({ structuredLogDestinations: undefined })],
      unknown: [],
      decidedWhenUnknown: [server({ structuredLogDestinations: undefined, loggingRole: UNKNOWN })],
    },
  },
});
