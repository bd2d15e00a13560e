#!/usr/bin/env bash
# Heap sizing against the fan-out (fanout.py, same targets and load as fanout.sh): the jar with the
# container image's JAVA_OPTS beside variants of them, the native binary with its default young
# generation beside bounded ones; ab as the floor. Shows what the memory goals cost in wall and CPU.
# Usage: bench/heap.sh [N] [C] [RUNS]   (defaults 10000 1000 3). HEAP_JAR_VARIANTS / HEAP_NATIVE_VARIANTS
# override the lists ("name|flags;name|flags").
source "$(dirname "$0")/lib.sh"
N=${1:-10000}; C=${2:-1000}; RUNS=${3:-3}; WARMUPS=${FANOUT_WARMUPS:-2}
TARGET_PORT=18181; PORT=18190
ulimit -n "$(ulimit -Hn)" || true
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"' EXIT
fanout_targets
# Names must not hold '=' (fanout.py splits NAME=SPEC at the first one).
JAR_VARIANTS=${HEAP_JAR_VARIANTS:-"jar, image flags|$IMAGE_JAVA_OPTS;jar, image flags plus the earlier InitialRAMPercentage 25|$IMAGE_JAVA_OPTS -XX:InitialRAMPercentage=25;jar, image flags -Xmn32m|$IMAGE_JAVA_OPTS -Xmn32m"}
NATIVE_VARIANTS=${HEAP_NATIVE_VARIANTS:-"native, default|;native -Xmn16m|-Xmn16m;native -Xmn32m|-Xmn32m;native -Xmn64m|-Xmn64m"}
contenders=()
start() { # name, executable, its options (the service's system properties follow them)
  local name=$1; shift
  "$@" -Dquarkus.http.port=$PORT $PROBER_FLAGS $JAR_ARG >"$work/$PORT.log" 2>&1 &
  pids+=($!); contenders+=("$name=probe:$!:$PORT")
  wait_200 "http://127.0.0.1:$PORT/q/health/ready" 60
  PORT=$((PORT + 1))
}
IFS=';' read -ra jars <<<"$JAR_VARIANTS"
JAR_ARG="-jar $JAR"
for v in "${jars[@]}"; do start "${v%%|*}" java ${v#*|}; done
JAR_ARG=
if [ -n "$RUNNER" ]; then
  IFS=';' read -ra natives <<<"$NATIVE_VARIANTS"
  for v in "${natives[@]}"; do start "${v%%|*}" "$RUNNER" ${v#*|}; done
fi
command -v ab >/dev/null && contenders+=("ab=tool:ab -q -r -n $N -c $C {url}")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/heap.md"
{
  echo "# Heap sizing under fan-out: $N loopback targets answering after 100 ms, concurrency $C"
  echo
  echo "\`bench/heap.sh $N $C $RUNS\` on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "$WARMUPS warm-up runs per contender, then $RUNS rounds alternating; medians. Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')."
  echo "Image flags: \`$IMAGE_JAVA_OPTS\`. Peak RSS = VmHWM since start (warm-ups included)."
  echo
} > "$out"
TARGET_PID=$target /usr/bin/python3 "$BENCH_DIR/fanout.py" "$out" "$N" "$C" "$RUNS" "$WARMUPS" "$TARGET_PORT" "${contenders[@]}"
