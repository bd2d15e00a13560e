#!/usr/bin/env bash
# Start-up of the native binary vs the jar, measured by one Python process (startup.py: raw
# sockets polled every 0.5 ms, no process per attempt): exec to listening, exec to first 200 on
# /hello/x (delay 0S), RSS 1 s after that and after 5 s of wrk load, WARN lines in the start log;
# alternating native, jar, native, jar..., median of RUNS.
# Usage: bench/startup.sh [RUNS]   (needs target/*-runner and target/quarkus-app; --smoke: 1 run)
# With an AppCDS archive (./mvnw package -Dquarkus.package.jar.appcds.enabled=true) the jar is also
# measured with it, as "jar+appcds"; the native binary also with -Xmn4m. STARTUP_VARIANTS adds builds: "name=command;name=command".
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}; LOAD_SECONDS=5
[ "$RUNS" = "--smoke" ] && { RUNS=1; LOAD_SECONDS=1; RUNNER=; }
builds=()
builds+=("jar=java -jar $JAR")
# The native runtime's young generation follows the machine's memory; -Xmn bounds it.
[ -n "$RUNNER" ] && builds=("native=$RUNNER" "${builds[@]}" "native -Xmn4m=$RUNNER -Xmn4m")
CDS="$(dirname "$JAR")/app-cds.jsa"
# The archive records the class path as the build saw it: run from the app's folder.
[ -f "$CDS" ] && builds+=("jar+appcds=bash -c 'cd $(dirname "$JAR") && exec java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar'")
IFS=';' read -r -a variants <<< "${STARTUP_VARIANTS:-}"
builds+=("${variants[@]}")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/startup.md"
{
  echo "# Start-up: exec to listening and to first 200, RSS after start and after load"
  echo
  echo "\`bench/startup.sh $1\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'); median of $RUNS runs each, alternating. Absolute times move up to 4x"
  echo "between days on these machines: only ratios within one run hold."
  echo
} > "$out"
if [ -n "$RUNNER" ]; then
  echo "Native executable: $(( $(stat -c %s "$RUNNER") / 1048576 )) MiB, of which image heap (.svm_heap) $(size -A "$RUNNER" | awk '$1 == ".svm_heap" {printf "%d", $2 / 1048576}') MiB and code (.text) $(size -A "$RUNNER" | awk '$1 == ".text" {printf "%d", $2 / 1048576}') MiB." >> "$out"
  echo >> "$out"
fi
/usr/bin/python3 "$BENCH_DIR/startup.py" "$out" "$RUNS" "$LOAD_SECONDS" 18080 "${builds[@]}"
