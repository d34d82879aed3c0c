/** AWS EMR rules (aws v7). */
import type * as emr from "@pulumi/aws/emr";
import { resourceRule, type Props } from "../../rule";

type Cluster = Props<emr.ClusterArgs>;

export const emrClusterSecured = resourceRule({
  id: "aws-emr-cluster-secured",
  description: "EMR clusters authenticate with Kerberos and run under a security configuration",
  target: "aws",
  types: ["aws:emr/cluster:Cluster"],
  requirements: [
    {
      id: "kerberos",
      description: "Users and services authenticate to the cluster with Kerberos",
      remediation:
        "Set kerberosAttributes { realm, kdcAdminPassword } (with a security configuration that enables Kerberos).",
      check: (props: Cluster) =>
        "realm" in (props.kerberosAttributes ?? {}) ? [] : ["kerberosAttributes names no realm"],
    },
    {
      id: "security-configuration",
      description: "A security configuration (encryption at rest and in transit) applies to the cluster",
      remediation:
        "Create an aws.emr.SecurityConfiguration that encrypts at rest and in transit, and set securityConfiguration.",
      check: (props: Cluster) =>
        "securityConfiguration" in props ? [] : ["securityConfiguration names no security configuration"],
    },
  ],
});
