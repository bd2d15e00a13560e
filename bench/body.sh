#!/usr/bin/env bash
# What reading bodies costs (issue 22): the fan-out of fanout.sh (N loopback targets answering after
# 100 ms, concurrency C) where each target's answer carries an HTML page of BODY_BYTES bytes (title,
# script tags, filler; not compressed), fetched by HeadProbe POST /probe three ways: head only (HEAD,
# the default), "body": true (GET, the page read and its facts computed) and "audit": true (the body
# read plus robots.txt and a CORS preflight: up to 3 fetches per target). Each way has its own
# process (jar with the image's JAVA_OPTS; native too if target/*-runner exists) so that its CPU and
# peak RSS are its own; curl --parallel HEAD and GET (body to /dev/null) as a reference. Alternated
# after warm-ups (fanout.py), medians; ratios to the head-only run of the same build, same run.
# The kernel tracks ~260,000 connections per 2 minutes here: fanout.py waits before a run that
# would open more (FANOUT_CONNECTIONS).
# Usage: [BODY_BYTES=65536] bench/body.sh [N] [C] [RUNS]   (defaults 5000 500 3; --smoke: 200 targets, jar only)
source "$(dirname "$0")/lib.sh"
N=${1:-5000}; C=${2:-500}; RUNS=${3:-3}; WARMUPS=${FANOUT_WARMUPS:-3}
if [ "$N" = "--smoke" ]; then N=200; C=100; RUNS=1; WARMUPS=1; RUNNER=; fi
TARGET_BODY_BYTES=${BODY_BYTES:-65536}
export FANOUT_BASE="head only" FANOUT_CONNECTIONS=${FANOUT_CONNECTIONS:-250000}
TARGET_PORT=18191; PORT=18192
ulimit -n "$(ulimit -Hn)" || true
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"' EXIT
fanout_targets
contenders=()
# start jar|native WAY: one HeadProbe on the next port, a contender asking it the WAY's way.
start() {
  local build=$1 way=$2 flags="-Dquarkus.http.port=$PORT $PROBER_FLAGS"
  if [ "$build" = jar ]; then
    java $IMAGE_JAVA_OPTS ${PROBER_JAVA_OPTS:-} $flags -jar "$JAR" >"$work/$build-$way.log" 2>&1 &
  else
    "$RUNNER" $flags >"$work/$build-$way.log" 2>&1 &
  fi
  pids+=($!)
  case $way in head) contenders+=("$build: head only=probe:$!:$PORT") ;; *) contenders+=("$build: $way=probe+$way:$!:$PORT") ;; esac
  wait_200 "http://127.0.0.1:$PORT/q/health/ready" 60
  PORT=$((PORT + 1))
}
for build in jar ${RUNNER:+native}; do
  for way in head body audit; do start $build $way; done
done
CURL="curl --parallel --parallel-immediate --parallel-max $C -s"
contenders+=("curl --parallel: head only=tool:$CURL -I -K {curlcfg}"
             "curl --parallel: GET, body to /dev/null=tool:$CURL -K {curlgetcfg}")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/body.md"
{
  echo "# Body reads: $N loopback targets answering after 100 ms with a $TARGET_BODY_BYTES-byte page, concurrency $C"
  echo
  echo "\`BODY_BYTES=$TARGET_BODY_BYTES bench/body.sh $N $C $RUNS\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC'), build $(git -C "$ROOT" rev-parse --short HEAD);"
  echo "$WARMUPS warm-up runs per contender, then $RUNS rounds alternating contender after contender; medians."
  echo "Targets: bench/anchor/delay_server.c (one C process): HEAD gets the head (\`Content-Length: $TARGET_BODY_BYTES\`), every other request the page too, not compressed."
  echo "One HeadProbe process per way (head only: HEAD; body: \`\"body\": true\`, GET; audit: \`\"audit\": true\`, body plus robots.txt and CORS preflight), so CPU and peak RSS are each way's own."
  echo "HeadProbe jar: Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}') with the image's \`$IMAGE_JAVA_OPTS\`; all HeadProbes: \`$(echo $PROBER_FLAGS)\`."
  echo "HeadProbe: CPU from /proc/PID/stat before and after each request, peak RSS = VmHWM since start (warm-ups included); curl: /usr/bin/time, start included."
  echo "Ratios: to the head-only run of the same build in this run. Last run: targets answered, body reads found in the results, their sizes and one title (null: the build computes no title)."
  echo
} > "$out"
TARGET_PID=$target /usr/bin/python3 "$BENCH_DIR/fanout.py" "$out" "$N" "$C" "$RUNS" "$WARMUPS" "$TARGET_PORT" "${contenders[@]}"
