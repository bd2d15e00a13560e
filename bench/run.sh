#!/usr/bin/env bash
# Runs every benchmark; --smoke runs each briefly, to keep the scripts working (CI does this).
# Build first: ./mvnw package (jar) and, for native figures, ./mvnw package -Dnative.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-}
bash startup.sh ${mode:-5}
bash fanout.sh ${mode:-10000}
