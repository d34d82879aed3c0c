// A fixture pack that knows nothing of Palisade (a "foreign" pack): a mandatory resource policy, an
// advisory presence check written with @pulumi/policy's typed validator (which reports other types as not
// applicable, so its scope is known), a policy that reads a value unknown at preview, a configurable
// policy and a stack policy joining through property dependencies.
const { PolicyPack, validateResourceOfType } = require("@pulumi/policy");

/** What validateResourceOfType needs of a resource class: its type token. */
const Bucket = { __pulumiType: "test:index:Bucket" };

new PolicyPack("test-basic", {
  policies: [
    {
      name: "bucket-not-public",
      description: "Buckets are never public",
      enforcementLevel: "mandatory",
      severity: "critical",
      framework: {
        name: "HIPAA",
        version: "2013",
        reference: "164.312(a)(1)",
        specification: "Access control",
      },
      remediationSteps: "Set public to false.",
      url: "https://example.com/bucket-not-public",
      validateResource: (args, report) => {
        if (args.type === "test:index:Bucket" && args.props.public === true) report("bucket is public");
      },
    },
    {
      name: "bucket-key-present",
      description: "Buckets name a key",
      enforcementLevel: "advisory",
      severity: "medium",
      framework: {
        name: "HIPAA",
        version: "2013",
        reference: "164.312(a)(2)(iv)",
        specification: "Encryption",
      },
      validateResource: validateResourceOfType(Bucket, (props, args, report) => {
        if (!("kmsKeyArn" in props)) report("bucket has no key");
      }),
    },
    {
      name: "key-arn-is-aws",
      description: "Key ARNs are AWS KMS ARNs",
      enforcementLevel: "mandatory",
      severity: "low",
      validateResource: (args, report) => {
        if (args.type === "test:index:Bucket" && !String(args.props.kmsKeyArn).startsWith("arn:aws:"))
          report("not a KMS ARN");
      },
    },
    {
      name: "max-buckets",
      description: "At most maxBuckets buckets",
      enforcementLevel: "advisory",
      configSchema: { properties: { maxBuckets: { type: "integer", minimum: 1, default: 10 } } },
      validateStack: (args, report) => {
        const { maxBuckets } = args.getConfig();
        const n = args.resources.filter((r) => r.type === "test:index:Bucket").length;
        if (n > maxBuckets) report(`${n} buckets exceed maxBuckets ${maxBuckets}`);
      },
    },
    {
      name: "bucket-key-joined",
      description: "Every bucket's key is a key in the stack, joined through property dependencies",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => {
        for (const r of args.resources.filter((r) => r.type === "test:index:Bucket")) {
          const deps = r.propertyDependencies.kmsKeyArn ?? [];
          if (!deps.some((d) => d.type === "test:index:Key"))
            report(`${r.name} has no key dependency`, r.urn);
        }
      },
    },
  ],
});
