#!/usr/bin/env sh
# Wall-clock `tsc --noEmit` on the AWS example (Palisade components) against the same platform written with
# raw @pulumi/aws resources (the baseline), each run a few times; prints medians and the ratio.
# Run from anywhere after `pnpm build` (the example reads @palisade/aws's .d.ts from dist):
#   sh bench/typecheck/run.sh [runs]
# run.mjs reports tsc's own --extendedDiagnostics time and memory for the same two projects.
set -eu
cd "$(dirname "$0")/../.."
runs="${1:-5}"

median_ms() { # project
  i=0
  : >"${TMPDIR:-/tmp}/palisade-tsc-times"
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    pnpm exec tsc --noEmit -p "$1" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000)) >>"${TMPDIR:-/tmp}/palisade-tsc-times"
    i=$((i + 1))
  done
  sort -n "${TMPDIR:-/tmp}/palisade-tsc-times" | sed -n "$(((runs + 1) / 2))p"
}

raw=$(median_ms bench/typecheck/raw-aws-example)
echo "raw @pulumi/aws (baseline)  pnpm exec tsc --noEmit median ${raw} ms (${runs} runs)"
palisade=$(median_ms examples/aws-hipaa-inference)
echo "Palisade components         pnpm exec tsc --noEmit median ${palisade} ms (${runs} runs)"
awk -v p="$palisade" -v r="$raw" 'BEGIN { printf "ratio (Palisade / raw): %.2f\n", p / r }'
