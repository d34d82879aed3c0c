#!/usr/bin/env sh
# Wall-clock `tsc --noEmit` on each example (Palisade components) against the same platform written with
# raw provider resources (the baseline), each run a few times; prints medians and the ratios.
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

pair() { # cloud baseline example
  raw=$(median_ms "$2")
  echo "$1 raw (baseline)          pnpm exec tsc --noEmit median ${raw} ms (${runs} runs)"
  palisade=$(median_ms "$3")
  echo "$1 Palisade components     pnpm exec tsc --noEmit median ${palisade} ms (${runs} runs)"
  awk -v c="$1" -v p="$palisade" -v r="$raw" 'BEGIN { printf "%s ratio (Palisade / raw): %.2f\n", c, p / r }'
}
pair AWS bench/typecheck/raw-aws-example examples/aws-hipaa-inference
pair GCP bench/typecheck/raw-gcp-example examples/gcp-confidential-inference
pair Azure bench/typecheck/raw-azure-example examples/azure-confidential-analytics
