// A TypeScript pack: run-policy-pack registers ts-node, as `pulumi preview --policy-pack` does.
import { PolicyPack, type ResourceValidationArgs } from "@pulumi/policy";

const isPublic = (args: ResourceValidationArgs): boolean =>
  args.type === "test:index:Bucket" && args.props.public === true;

new PolicyPack("test-typescript", {
  policies: [
    {
      name: "ts-bucket-not-public",
      description: "Buckets are never public (checked by a TypeScript pack)",
      enforcementLevel: "mandatory",
      validateResource: (args, report) => {
        if (isPublic(args)) report("bucket is public");
      },
    },
    {
      // Palisade packs report an exempted finding as not applicable with an "[exempted]" reason; any
      // other not-applicable result (here: not a bucket) says the policy did not apply: its scope.
      name: "ts-bucket-versioned",
      description: "Buckets are versioned",
      enforcementLevel: "mandatory",
      severity: "high",
      validateResource: (args, report) => {
        if (args.type !== "test:index:Bucket") args.notApplicable("not a bucket");
        if (args.props.versioned !== true)
          args.notApplicable("[exempted] vendor-managed bucket (until 2099-12-31): bucket is not versioned");
        report("unreachable for the fixture program");
      },
    },
  ],
});
