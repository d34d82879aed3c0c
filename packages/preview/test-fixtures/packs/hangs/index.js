// A policy whose check returns a promise that never settles: Analyze never answers.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("test-hangs", {
  policies: [
    {
      name: "never-answers",
      description: "Waits forever",
      enforcementLevel: "mandatory",
      validateResource: () => new Promise(() => {}),
    },
  ],
});
