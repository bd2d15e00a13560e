#!/usr/bin/env bash
# Runs every benchmark; --smoke runs each briefly, to keep the scripts working (CI does this).
# Build first: ./mvnw package (jar) and, for native figures, ./mvnw package -Dnative.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-}
# Smoke runs keep the committed results untouched.
[ "$mode" = "--smoke" ] && export BENCH_RESULTS=$(mktemp -d)
bash startup.sh ${mode:-5}
bash fanout.sh ${mode:-10000}
