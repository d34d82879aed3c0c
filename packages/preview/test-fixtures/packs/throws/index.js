// A policy with a bug.
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("test-throws", {
  policies: [
    {
      name: "buggy",
      description: "throws",
      enforcementLevel: "mandatory",
      validateResource: () => {
        throw new TypeError("cannot read properties of undefined (reading 'rules')");
      },
    },
  ],
});
