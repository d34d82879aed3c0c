// Builds as many networks as config says, 3 when it says nothing: a project default must reach it.
const pulumi = require("@pulumi/pulumi");

const count = new pulumi.Config().getNumber("networks") ?? 3;
for (let i = 0; i < count; i++) new pulumi.CustomResource("test:index:Network", `network-${i}`, {});
