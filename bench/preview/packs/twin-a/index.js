// The HIPAA pack's policies under another pack name: a pack of the same size and the same work, standing
// in for a second framework's pack (GDPR, FINRA) when the bench runs three packs at once.
const { PolicyPack } = require("@pulumi/policy");
const { buildPolicies, hipaaFramework } = require("@palisade/policy");

new PolicyPack("bench-twin-a", { policies: buildPolicies({ ...hipaaFramework, packName: "bench-twin-a" }) });
