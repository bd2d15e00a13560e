# Helpers shared by the bench scripts (sourced, not run).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
RUNNER=$(ls "$ROOT"/target/*-runner 2>/dev/null | head -n 1 || true)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_200 URL TIMEOUT_S: polls every 2 ms until URL answers 200.
wait_200() {
  local url=$1 deadline=$(( $(date +%s) + ${2:-30} ))
  until curl -sf -o /dev/null "$url"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no 200 from $url" >&2; return 1; }
    sleep 0.002
  done
}

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
