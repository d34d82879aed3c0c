/** AWS DocumentDB rules (aws v7). */
import { databaseClusterRule } from "./database-cluster";

export const docdbClusterProtected = databaseClusterRule({
  module: "docdb",
  engine: "DocumentDB",
  keyField: "kmsKeyId",
});
