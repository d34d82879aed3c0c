/** AWS Transfer Family rules (aws v7). */
import type * as transfer from "@pulumi/aws/transfer";
import { resourceRule, type Props } from "../../rule";

type Server = Props<transfer.ServerArgs>;
const SERVER = "aws:transfer/server:Server";

/** The year in a TransferSecurityPolicy name (TransferSecurityPolicy-2024-01, -FIPS-2023-05, ...). */
const policyYear = (name: string) => Number(/-(\d{4})-\d{2}$/.exec(name)?.[1] ?? 0);

export const transferServerTls = resourceRule({
  id: "aws-transfer-server-tls",
  description: "Transfer Family servers offer no plaintext FTP and use a current security policy",
  target: "aws",
  types: [SERVER],
  requirements: [
    {
      id: "no-plain-ftp",
      description: "Files never travel over plaintext FTP",
      remediation: 'Remove "FTP" from protocols (use SFTP, FTPS or AS2).',
      // Provider default: ["SFTP"].
      check: (props: Server) =>
        ((props.protocols as unknown[] | undefined) ?? ["SFTP"]).includes("FTP")
          ? ["protocols offers plaintext FTP"]
          : [],
    },
    {
      id: "security-policy",
      description: "The server's cipher and protocol policy is from 2020 or later",
      remediation: 'Set securityPolicyName "TransferSecurityPolicy-2024-01" or newer.',
      // Provider default: TransferSecurityPolicy-2018-11, which still offers SHA-1 and CBC ciphers.
      check: (props: Server) =>
        policyYear(String(props.securityPolicyName ?? "TransferSecurityPolicy-2018-11")) >= 2020
          ? []
          : ["securityPolicyName is older than 2020"],
    },
  ],
});

export const transferServerLogged = resourceRule({
  id: "aws-transfer-server-logged",
  description: "Transfer Family servers log user activity",
  target: "aws",
  types: [SERVER],
  requirements: [
    {
      id: "logging",
      description: "User sessions and file operations are written to CloudWatch Logs",
      remediation: "Set structuredLogDestinations to a log group ARN (or loggingRole for legacy logging).",
      check: (props: Server) =>
        "structuredLogDestinations" in props || "loggingRole" in props
          ? []
          : ["neither structuredLogDestinations nor loggingRole is set"],
    },
  ],
});
