// A program stuck in an endless loop after registering one resource: the preview must stop it.
const pulumi = require("@pulumi/pulumi");

new pulumi.CustomResource("test:index:Thing", "thing", {});
setTimeout(() => {
  for (;;);
}, 10);
