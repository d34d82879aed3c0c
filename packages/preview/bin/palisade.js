#!/usr/bin/env node
// The `palisade` command; the compiled CLI lives in dist (built by `pnpm build`).
require("../dist/cli.js")
  .main(process.argv)
  .then((code) => process.exit(code));
