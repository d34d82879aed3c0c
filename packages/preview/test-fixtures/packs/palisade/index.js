// A pack that speaks Palisade's finding protocol (@palisade/core's findings), as packs built by
// @palisade/policy do: a control and a target tag on every policy (the control tag not first, so nothing
// may read it by position), the requirement id leading each violation, exempted findings as not-applicable
// reasons, and every policy saying "not applicable" when what it is asked about holds nothing it judges.
//
// Controls, with two citations shared on purpose (so a report grouping by citation merges them):
//   ctl-at-rest       §1(a)  test-bucket-encrypted        Bucket     passes
//   ctl-rotation      §1(a)  test-key-rotation            Key        passes ("Rotate keys" must keep its row)
//   ctl-public        §2     test-bucket-private          Bucket     violated when config public=true
//   ctl-versioning    §2     test-bucket-versioned        Bucket     exempted (bucket-0)
//   ctl-admin-ports   §3     test-firewall-admin-ports    Firewall   passes
//   ctl-segmentation  §3     test-namespace-default-deny  Namespace  stack policy, violated for "apps"
//   ctl-cluster       §4     test-cluster-hardened        Cluster    nothing in scope (none in the controls program; hidden in the sources one)
//   ctl-key-arn       §5     test-key-arn-known           Bucket     undetermined (reads an unknown for two requirements)
//   ctl-logging       §6     test-bucket-logged           Bucket     disabled by the policy config in tests
const { PolicyPack } = require("@pulumi/policy");
const {
  exemptedReason,
  findingMessage,
  outOfScopeReason,
  policyTags,
  undeterminedReason,
} = require("@palisade/core/findings");

const framework = (reference, specification) => ({ name: "TESTFW", version: "1", reference, specification });

/** A resource policy judging `types`; `check` returns [requirement, message] pairs. */
function resourcePolicy(
  name,
  control,
  types,
  fw,
  check,
  exempt = () => undefined,
  unknownRequirement = "value",
) {
  return {
    name,
    description: `${name} holds`,
    enforcementLevel: "mandatory",
    severity: "high",
    framework: fw,
    tags: [...policyTags(control, "test")].reverse(),
    validateResource: (args, report) => {
      if (!types.includes(args.type)) args.notApplicable(outOfScopeReason(types));
      let findings;
      try {
        findings = check(args.props, args);
      } catch (error) {
        // A value unknown at preview: @pulumi/policy reports "can't run ... during preview: <message>";
        // the message names the requirement that could not be judged (every check here has one).
        // A policy judging several requirements names each it could not read, joined with "; ".
        if (error?.constructor?.name === "UnknownValueError")
          error.message = [unknownRequirement]
            .flat()
            .map((requirement) => undeterminedReason(`${name}/${requirement}`, error.message))
            .join("; ");
        throw error;
      }
      const excused = exempt(args);
      if (excused && findings.length > 0)
        args.notApplicable(
          exemptedReason({
            reason: excused,
            expires: "2099-12-31",
            findings: findings.map(([r, m]) => findingMessage(`${name}/${r}`, m)),
          }),
        );
      for (const [requirement, message] of findings)
        report(findingMessage(`${name}/${requirement}`, message));
    },
  };
}

new PolicyPack("test-palisade", {
  policies: [
    resourcePolicy(
      "test-bucket-encrypted",
      "ctl-at-rest",
      ["test:index:Bucket"],
      framework("§1(a)", "Encrypt at rest"),
      (p) => ("kmsKeyArn" in p ? [] : [["kms-key", "no key"]]),
    ),
    resourcePolicy(
      "test-key-rotation",
      "ctl-rotation",
      ["test:index:Key"],
      framework("§1(a)", "Rotate keys"),
      (p) => (p.rotation === true ? [] : [["enabled", "rotation is off"]]),
    ),
    resourcePolicy(
      "test-bucket-private",
      "ctl-public",
      ["test:index:Bucket"],
      framework("§2", "Stores are private"),
      (p) => (p.public === true ? [["not-public", "bucket is public"]] : []),
    ),
    resourcePolicy(
      "test-bucket-versioned",
      "ctl-versioning",
      ["test:index:Bucket"],
      framework("§2", "Keep versions"),
      (p) => (p.versioned === true ? [] : [["enabled", "bucket is not versioned"]]),
      (args) => (args.name === "bucket-0" ? "vendor-managed bucket" : undefined),
    ),
    resourcePolicy(
      "test-firewall-admin-ports",
      "ctl-admin-ports",
      ["test:index:Firewall"],
      framework("§3", "Admin ports closed"),
      (p) => ((p.openPorts ?? []).includes(22) ? [["ssh", "port 22 is open"]] : []),
    ),
    {
      name: "test-namespace-default-deny",
      description: "Namespaces deny by default",
      enforcementLevel: "mandatory",
      severity: "high",
      framework: framework("§3", "Deny by default"),
      tags: policyTags("ctl-segmentation", "test"),
      validateStack: (args, report) => {
        const namespaces = args.resources.filter((r) => r.type === "test:index:Namespace");
        if (namespaces.length === 0) args.notApplicable(outOfScopeReason(["test:index:Namespace"]));
        for (const ns of namespaces)
          if (ns.props.defaultDeny !== true)
            report(
              findingMessage("test-namespace-default-deny/missing", `namespace ${ns.name} has none`),
              ns.urn,
            );
      },
    },
    resourcePolicy(
      "test-cluster-hardened",
      "ctl-cluster",
      ["test:index:Cluster"],
      framework("§4", "Clusters are hardened"),
      (p) => (p.publicEndpoint === false ? [] : [["private-endpoint", "endpoint is public"]]),
    ),
    resourcePolicy(
      "test-key-arn-known",
      "ctl-key-arn",
      ["test:index:Bucket"],
      framework("§5", "Keys are KMS keys"),
      (p) => (String(p.kmsKeyArn).startsWith("arn:aws:") ? [] : [["kms-arn", "not a KMS ARN"]]),
      undefined,
      ["kms-arn", "kms-partition"],
    ),
    resourcePolicy(
      "test-bucket-logged",
      "ctl-logging",
      ["test:index:Bucket"],
      framework("§6", "Access is logged"),
      (p) => (p.logged === true ? [] : [["enabled", "access is not logged"]]),
    ),
  ],
});
