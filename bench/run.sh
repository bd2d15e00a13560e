#!/usr/bin/env bash
# Runs every benchmark; --smoke runs each briefly, to keep the scripts working (CI does this).
# Build first: ./mvnw package (jar) and, for native figures, ./mvnw package -Dnative.
# Needs Debian's wrk, python3-aiohttp and gnuplot-nox (apt-get install -y wrk python3-aiohttp gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-}
# Smoke runs keep the committed results untouched.
[ "$mode" = "--smoke" ] && export BENCH_RESULTS=$(mktemp -d)
bash startup.sh ${mode:-5}
bash fanout.sh ${mode:-10000}
bash cli.sh ${mode:-10}
bash cli-memory.sh $mode
bash compare.sh ${mode:-3}
bash blackbox.sh ${mode:-3}
if [ -z "$mode" ]; then
  # The floor (anchor/floor) is built natively when missing: minutes, and GRAALVM_HOME.
  bash floor.sh
  bash heap.sh
  bash body.sh
  # Profiles of the misses (bench/README.md): their output is the result.
  results=${BENCH_RESULTS:-results}
  bash profile-jar-startup.sh > "$results/profile-jar-startup.md"
  bash profile-inflight.sh > "$results/profile-inflight.md"
  [ -n "$(ls ../target/*-runner 2>/dev/null)" ] && command -v perf >/dev/null &&
    bash profile-native-startup.sh > "$results/profile-native-startup.md"
fi
# Not in the smoke run: even its smallest size (scans.sh --smoke) takes about a minute.
if [ "$mode" != "--smoke" ]; then
  bash scans.sh
  # Issue 25's goal 7 on a durable PostgreSQL (fsync and synchronous commit on), one instance, one
  # run (three more runs of 100,000 targets would pass the machine's ~260,000 connections per 2 min).
  BENCH_PG_DURABLE=1 SCANS_CONFIGS=1 bash scans.sh 100000 1
fi
