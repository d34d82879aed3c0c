// Answers out of order: each resource's finding comes after a delay that falls as the resources go on,
// so with several Analyze calls in flight, later resources are answered before earlier ones. The report
// must still list findings in registration order, as sequential analysis does.
const { PolicyPack } = require("@pulumi/policy");

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

new PolicyPack("test-shuffles", {
  policies: [
    {
      name: "reports-every-resource",
      description: "Reports each resource, late for some",
      enforcementLevel: "advisory",
      validateResource: async (args, report) => {
        const index = Number(args.name.split("-").pop());
        await delay(Number.isNaN(index) ? 0 : 10 * (7 - (index % 8)));
        report(`${args.name} seen`);
      },
    },
    {
      name: "reports-buckets-twice",
      description: "Two findings per bucket, so findings of one resource stay together",
      enforcementLevel: "advisory",
      validateResource: (args, report) => {
        if (args.type !== "test:index:Bucket") return;
        report(`${args.name} first`);
        report(`${args.name} second`);
      },
    },
  ],
});
