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

# Fan-out set-up shared by fanout.sh and heap.sh (set work, pids, N, C and TARGET_PORT first):
# builds anchor/delay_server.c into $work and starts it on TARGET_PORT (answers after 100 ms, with
# a page of TARGET_BODY_BYTES bytes when set, else empty), its pid in $target and in pids; sets IMAGE_JAVA_OPTS (docker/Dockerfile.jvm's: the issue asks for the
# JVM figure with the container image's flags) and PROBER_FLAGS, what HeadProbe runs with there.
fanout_targets() {
  cc -O2 -o "$work/delay_server" "$BENCH_DIR/anchor/delay_server.c"
  BODY_BYTES=${TARGET_BODY_BYTES:-0} "$work/delay_server" "$TARGET_PORT" 100 & pids+=($!); target=$!
  IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
  PROBER_FLAGS="-Dheadprobe.guard.allow=127.0.0.1/32 -Dheadprobe.probe.max-targets=$N -Dheadprobe.probe.concurrency=$C
    -Dheadprobe.probe.max-in-flight=$C -Dheadprobe.probe.per-host-concurrency=0 -Dheadprobe.limit.enabled=false
    -Dheadprobe.access-log.enabled=false"
}
