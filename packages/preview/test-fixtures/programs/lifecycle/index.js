// One resource now, then whatever `case` asks for later, as real programs do from callbacks and timers.
const pulumi = require("@pulumi/pulumi");

const thing = (name) => new pulumi.CustomResource("test:index:Thing", name, {});
thing("first");
const later = (fn) => setTimeout(fn, 300);

switch (new pulumi.Config().require("case")) {
  case "late":
    later(() => thing("late"));
    break;
  case "timer-throws":
    later(() => {
      throw new Error("thrown from a timer");
    });
    break;
  case "rejects":
    later(() => Promise.reject(new Error("a promise nobody awaited")));
    break;
  case "duplicate":
    thing("first");
    break;
  case "exits":
    later(() => process.exit(0));
    break;
}
