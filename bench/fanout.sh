#!/usr/bin/env bash
# Header fan-out, measuring the prober: N loopback targets answering after 100 ms, concurrency C.
# The targets are anchor/delay_server.c (one C process, epoll: costs little CPU), not HeadProbe.
# Contenders, alternated after warm-ups (fanout.py): HeadProbe jar POST /probe (the container
# image's JAVA_OPTS), HeadProbe native POST /probe (if target/*-runner exists), the seed's asyncio
# fetcher (anchor/seed_wget.py), `headprobe probe` (jar and native, targets on stdin), curl --parallel -I
# and, as the floor, ApacheBench (ab -c C; C,
# one connection per request). Wall time, prober CPU seconds, peak RSS; ratios to ab.
# Usage: bench/fanout.sh [N] [C] [RUNS]   (defaults 10000 1000 3; --smoke: 200 targets, jar only)
# FANOUT_BEFORE_JAR=.../quarkus-run.jar and FANOUT_BEFORE_RUNNER=...-runner add an older build's POST /probe.
source "$(dirname "$0")/lib.sh"
N=${1:-10000}; C=${2:-1000}; RUNS=${3:-3}; WARMUPS=${FANOUT_WARMUPS:-3}
if [ "$N" = "--smoke" ]; then N=200; C=100; RUNS=1; WARMUPS=1; RUNNER=; fi
TARGET_PORT=18181; JAR_PORT=18182; NATIVE_PORT=18183
ulimit -n "$(ulimit -Hn)" || true
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"' EXIT
fanout_targets
java $IMAGE_JAVA_OPTS ${PROBER_JAVA_OPTS:-} -Dquarkus.http.port=$JAR_PORT $PROBER_FLAGS -jar "$JAR" >"$work/jar.log" 2>&1 &
pids+=($!); contenders=("HeadProbe jar=probe:$!:$JAR_PORT")
wait_200 "http://127.0.0.1:$JAR_PORT/q/health/ready" 60
if [ -n "$RUNNER" ]; then
  "$RUNNER" -Dquarkus.http.port=$NATIVE_PORT $PROBER_FLAGS >"$work/native.log" 2>&1 &
  pids+=($!); contenders+=("HeadProbe native=probe:$!:$NATIVE_PORT")
  wait_200 "http://127.0.0.1:$NATIVE_PORT/q/health/ready" 60
fi
# FANOUT_BEFORE_JAR / FANOUT_BEFORE_RUNNER: an older build's POST /probe beside, for before/after in one run.
if [ -n "${FANOUT_BEFORE_JAR:-}" ]; then
  java $IMAGE_JAVA_OPTS -Dquarkus.http.port=18184 $PROBER_FLAGS -jar "$FANOUT_BEFORE_JAR" >"$work/jar-before.log" 2>&1 &
  pids+=($!); contenders+=("HeadProbe jar, build before=probe:$!:18184")
  wait_200 "http://127.0.0.1:18184/q/health/ready" 60
fi
if [ -n "${FANOUT_BEFORE_RUNNER:-}" ] && [ -n "$RUNNER" ]; then
  "$FANOUT_BEFORE_RUNNER" -Dquarkus.http.port=18185 $PROBER_FLAGS >"$work/native-before.log" 2>&1 &
  pids+=($!); contenders+=("HeadProbe native, build before=probe:$!:18185")
  wait_200 "http://127.0.0.1:18185/q/health/ready" 60
fi
# The command line (issue 17): the same build as a one-shot command reading the targets on stdin,
# start-up included in its wall time.
CLI_FLAGS="probe -q --jsonl --per-host 0 -c $C --timeout 30s"
contenders+=("headprobe probe jar, stdin=tool:java $IMAGE_JAVA_OPTS -jar $JAR $CLI_FLAGS")
[ -n "$RUNNER" ] && contenders+=("headprobe probe native, stdin=tool:$RUNNER $CLI_FLAGS")
contenders+=("seed asyncio fetcher=tool:/usr/bin/python3 $BENCH_DIR/anchor/seed_wget.py $C")
# --parallel-immediate: without it curl holds new transfers back to see whether they can share a
# connection, and against a server that closes after each answer finishes ~10 a second.
contenders+=("curl --parallel -I=tool:curl --parallel --parallel-immediate --parallel-max $C -s -I -K {curlcfg}")
command -v ab >/dev/null && contenders+=("ab=tool:ab -q -r -n $N -c $C {url}")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/fanout.md"
{
  echo "# Fan-out: $N loopback targets answering after 100 ms, concurrency $C"
  echo
  echo "\`bench/fanout.sh $N $C $RUNS\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "$WARMUPS warm-up runs per contender, then $RUNS rounds alternating contender after contender; medians."
  echo "Targets: bench/anchor/delay_server.c (one C process). Ideal wall: $(python3 -c "print($N/$C*0.1)") s."
  echo "HeadProbe jar: Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}') with the image's \`$IMAGE_JAVA_OPTS\`; both HeadProbes: \`$(echo $PROBER_FLAGS)\`."
  echo "One-shot tools' wall time includes their process start; their CPU and peak RSS come from /usr/bin/time."
  echo "HeadProbe: CPU from /proc/PID/stat before and after each request, peak RSS = VmHWM since start (warm-ups included)."
  echo
} > "$out"
TARGET_PID=$target /usr/bin/python3 "$BENCH_DIR/fanout.py" "$out" "$N" "$C" "$RUNS" "$WARMUPS" "$TARGET_PORT" "${contenders[@]}"
