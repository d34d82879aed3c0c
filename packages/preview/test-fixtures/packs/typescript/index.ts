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
  ],
});
