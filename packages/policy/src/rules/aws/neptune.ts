/** AWS Neptune rules (aws v7). */
import { databaseClusterRule } from "./database-cluster";

export const neptuneClusterProtected = databaseClusterRule({
  module: "neptune",
  engine: "Neptune",
  keyField: "kmsKeyArn",
});
