#!/usr/bin/env bash
# Start-up of the native binary vs the jar: exec to first 200 on /hello/x (delay 0S), RSS after
# start and RSS after 5 s of load (wrk, 100 connections), median of N runs each, alternating
# native, jar, native, jar...
# Usage: bench/startup.sh [RUNS]   (needs target/*-runner and target/quarkus-app; --smoke: 1 run)
# With an AppCDS archive (./mvnw package -Dquarkus.package.jar.appcds.enabled=true) the jar is also
# measured with it, as "jar+appcds".
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}; LOAD_SECONDS=5
[ "$RUNS" = "--smoke" ] && { RUNS=1; LOAD_SECONDS=1; }
PORT=18080
declare -A ms rss loaded
run_once() { # kind command...
  local kind=$1; shift
  local start; start=$(now_ms)
  QUARKUS_HTTP_PORT=$PORT HEADPROBE_DELAY=0S "$@" >/dev/null 2>&1 &
  local pid=$!
  wait_200 "http://127.0.0.1:$PORT/hello/x" 60
  local end; end=$(now_ms)
  sleep 1   # let start-up settle before reading RSS
  ms[$kind]+="$(( end - start )) "; rss[$kind]+="$(( $(rss_kb $pid) / 1024 )) "
  wrk -t2 -c100 -d"$LOAD_SECONDS"s "http://127.0.0.1:$PORT/hello/x" >/dev/null 2>&1
  loaded[$kind]+="$(( $(rss_kb $pid) / 1024 )) "
  stop $pid
}
kinds=(jar)
[ -n "$RUNNER" ] && kinds=(native jar)
CDS="$(dirname "$JAR")/app-cds.jsa"
[ -f "$CDS" ] && kinds+=(jar+appcds)
for i in $(seq "$RUNS"); do
  for kind in "${kinds[@]}"; do
    case $kind in
      native) run_once native "$RUNNER" ;;
      jar) run_once jar java -jar "$JAR" ;;
      # The archive records the class path as the build saw it: run from the app's folder.
      jar+appcds) run_once jar+appcds bash -c "cd '$(dirname "$JAR")' && exec java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar" ;;
    esac
  done
done
out="${BENCH_RESULTS:-$BENCH_DIR/results}/startup.md"
{
  echo "# Start-up: exec to first 200, RSS after start and after load"
  echo
  echo "\`bench/startup.sh $RUNS\` on $(nproc) cores, $(date -u +%Y-%m-%d), median of $RUNS runs each, alternating."
  echo
  echo "| build | first 200 (ms) | RSS after start (MiB) | RSS after ${LOAD_SECONDS} s of load (MiB) | runs (ms) |"
  echo "| --- | --- | --- | --- | --- |"
  for kind in "${kinds[@]}"; do
    echo "| $kind | $(echo ${ms[$kind]} | tr ' ' '\n' | median) | $(echo ${rss[$kind]} | tr ' ' '\n' | median) | $(echo ${loaded[$kind]} | tr ' ' '\n' | median) | ${ms[$kind]} |"
  done
} | tee "$out"
