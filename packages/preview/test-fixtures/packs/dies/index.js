// Serves, then dies while analyzing the first resource.
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("test-dies", {
  policies: [
    {
      name: "dies",
      description: "exits mid-run",
      enforcementLevel: "mandatory",
      validateResource: () => process.exit(9),
    },
  ],
});
