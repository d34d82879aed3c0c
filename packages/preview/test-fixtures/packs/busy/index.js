// A policy that loops forever: the pack's event loop never runs again.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("test-busy", {
  policies: [
    {
      name: "loops-forever",
      description: "Spins",
      enforcementLevel: "mandatory",
      validateResource: () => {
        for (;;);
      },
    },
  ],
});
