// A raw Analyzer server (no @pulumi/policy) that writes every request it receives, in wire form, to the
// file named by PALISADE_RECORD: what the engine sends is what a pack sees.
const fs = require("fs");
const grpc = require("@grpc/grpc-js");
const analyzer = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const plugin = require("@pulumi/pulumi/proto/plugin_pb");
const empty = require("google-protobuf/google/protobuf/empty_pb");

// How the pack process was started comes first: the flags node was given.
const calls = [{ method: "process:execArgv", execArgv: process.execArgv }];
const record = (method, request) => {
  calls.push({ method, request: request.toObject() });
  if (method === "analyzeStack") {
    const resources = request.getResourcesList().map((r) => ({
      urn: r.getUrn(),
      properties: r.getProperties().toJavaScript(),
      propertyDependencies: Object.fromEntries(
        r
          .getPropertydependenciesMap()
          .toArray()
          .map(([k, v]) => [k, v[0]]),
      ),
    }));
    calls.push({ method: "analyzeStack:resources", resources });
  }
  if (method === "analyze")
    calls.push({
      method: "analyze:properties",
      urn: request.getUrn(),
      properties: request.getProperties().toJavaScript(),
    });
  fs.writeFileSync(process.env.PALISADE_RECORD, JSON.stringify(calls, null, 1));
};

const server = new grpc.Server();
server.addService(analyzer.AnalyzerService, {
  getAnalyzerInfo: (call, cb) => {
    record("getAnalyzerInfo", call.request);
    const info = new pb.AnalyzerInfo();
    info.setName("test-recorder");
    info.setVersion("1.0.0");
    cb(null, info);
  },
  getPluginInfo: (call, cb) => cb(null, new plugin.PluginInfo()),
  configure: (call, cb) => (record("configure", call.request), cb(null, new empty.Empty())),
  configureStack: (call, cb) => (
    record("configureStack", call.request),
    cb(null, new pb.AnalyzerStackConfigureResponse())
  ),
  analyze: (call, cb) => (record("analyze", call.request), cb(null, new pb.AnalyzeResponse())),
  analyzeStack: (call, cb) => (record("analyzeStack", call.request), cb(null, new pb.AnalyzeResponse())),
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
  console.log(String(port)),
);
