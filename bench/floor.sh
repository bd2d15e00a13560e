#!/usr/bin/env bash
# HeadProbe against the floor (anchor/floor: the smallest Quarkus REST app, one Uni hello route, same
# Quarkus, same GraalVM kit), native and jar, in one run (issue 25, goals 1 and 3):
#   1. start-up, by startup.py (exec to first 200 on /hello/x, RSS 1 s after it), alternating
#      floor native, HeadProbe native, floor jar, HeadProbe jar, median of RUNS;
#   2. zero-delay throughput on /hello/x (wrk -t2 -c100, as compare.sh's zero section: all servers up,
#      a warm-up each, then alternating server after server, median of RUNS), the same four plus
#      bare Vert.x (anchor/BareVertx.java). HeadProbe runs with headprobe.delay=0S and its access log
#      off (the floor has none); both jars with the container image's JAVA_OPTS (docker/Dockerfile.jvm);
#   3. the ratios: HeadProbe / floor (native, jar) and native / jar (HeadProbe, floor).
# Builds the floor's jar and native executable when missing (needs GRAALVM_HOME, a few minutes).
# FLOOR_NATIVE_VARIANTS="name=binary;name=binary" adds other native builds of HeadProbe (a lever
# measured before/after in one run) to both tables, run as HeadProbe native is.
# Usage: bench/floor.sh [RUNS] [SECONDS]   (needs target/quarkus-app and target/*-runner: ./mvnw package -Dnative
# -Dquarkus.package.jar.enabled=true; without the runner, the native rows are left out)
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}; SECONDS_PER_RUN=${2:-10}; ZERO_WARMUP=10; LOAD_SECONDS=2
FLOOR_DIR="$BENCH_DIR/anchor/floor"
FLOOR_JAR="$FLOOR_DIR/target/quarkus-app/quarkus-run.jar"
FLOOR_RUNNER="$FLOOR_DIR/target/floor-1.0.0-SNAPSHOT-runner"
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
out_dir=${BENCH_RESULTS:-$BENCH_DIR/results}; out="$out_dir/floor.md"
ulimit -n "$(ulimit -Hn)"

if [ ! -f "$FLOOR_JAR" ] || [ ! -x "$FLOOR_RUNNER" ]; then
  : "${GRAALVM_HOME:?the floor is not built: set GRAALVM_HOME to the GraalVM kit}"
  built=$(date +%s)
  "$ROOT/mvnw" -B -q package -f "$FLOOR_DIR/pom.xml" -Dnative -Dquarkus.package.jar.enabled=true
  echo "floor built (jar and native) in $(( $(date +%s) - built )) s"
fi

# Reachable types, image heap and code area from native-image's build report, when it is there.
image_facts() {
  local stats; stats=$(ls "$1"/target/*-native-image-source-jar/*-build-output-stats.json 2>/dev/null | head -n 1 || true)
  [ -n "$stats" ] || { echo "| $2 | ? | ? | ? | $(( $(stat -c %s "$3") / 1048576 )) |"; return; }
  /usr/bin/python3 - "$stats" "$2" "$3" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
print('| %s | %d | %.1f | %.1f | %.1f |' % (sys.argv[2], d['analysis_results']['types']['reachable'],
      d['image_details']['image_heap']['bytes'] / 2**20, d['image_details']['code_area']['bytes'] / 2**20,
      os.stat(sys.argv[3]).st_size / 2**20))
PY
}

{
  echo "# HeadProbe against the floor: the smallest Quarkus REST app, native and jar"
  echo
  echo "\`bench/floor.sh ${1:-} ${2:-}\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC'),"
  echo "Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'); median of $RUNS runs each, alternating. Absolute figures move up to 4x"
  echo "between days on these machines: only the ratios within this file hold. The floor (bench/anchor/floor) is one"
  echo "\`GET /hello/{name}\` returning \`Uni<String>\`, \`quarkus-rest\` only, same Quarkus and GraalVM kit as HeadProbe."
  echo
  if [ -n "$RUNNER" ]; then
    echo "| native executable | reachable types | image heap (MiB) | code area (MiB) | file (MiB) |"
    echo "| --- | --- | --- | --- | --- |"
    image_facts "$FLOOR_DIR" floor "$FLOOR_RUNNER"
    image_facts "$ROOT" HeadProbe "$RUNNER"
    echo
  fi
  echo "## Start-up (startup.py; RSS after $LOAD_SECONDS s of load is wrk -t2 -c100)"
  echo
} > "$out"

builds=()
[ -n "$RUNNER" ] && builds+=("floor native=$FLOOR_RUNNER" "HeadProbe native=$RUNNER")
builds+=("floor jar=java -jar $FLOOR_JAR" "HeadProbe jar=java -jar $JAR")
IFS=';' read -r -a variants <<< "${FLOOR_NATIVE_VARIANTS:-}"
builds+=("${variants[@]}")
start_table=$(/usr/bin/python3 "$BENCH_DIR/startup.py" "$out" "$RUNS" "$LOAD_SECONDS" 18090 "${builds[@]}")
# start NAME -> "first_200_ms rss_mib" from startup.py's table.
start() { printf '%s\n' "$start_table" | awk -F' *[|] *' -v n="$1" '$2 == n {print $4, $6}'; }

# ---- zero-delay throughput
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT
common="-Dquarkus.http.accept-backlog=16384"
launch() { # KIND PORT
  case $1 in
    floor-native) exec "$FLOOR_RUNNER" -Dquarkus.http.port=$2 $common ;;
    headprobe-native) exec "$RUNNER" -Dquarkus.http.port=$2 $common -Dheadprobe.delay=0S -Dheadprobe.access-log.enabled=false ;;
    floor-jar) exec java $IMAGE_JAVA_OPTS -Dquarkus.http.port=$2 $common -jar "$FLOOR_JAR" ;;
    headprobe-jar) exec java $IMAGE_JAVA_OPTS -Dquarkus.http.port=$2 $common -Dheadprobe.delay=0S -Dheadprobe.access-log.enabled=false -jar "$JAR" ;;
    variant*) exec "${variant_binary[$1]}" -Dquarkus.http.port=$2 $common -Dheadprobe.delay=0S -Dheadprobe.access-log.enabled=false ;;
    bare) exec java -cp "$ROOT/target/quarkus-app/lib/main/*" "$BENCH_DIR/anchor/BareVertx.java" "$2" 0 ;;
  esac >/dev/null 2>&1 &
  pids+=($!)
}
label() {
  case $1 in
    floor-native) echo "floor native" ;; headprobe-native) echo "HeadProbe native" ;;
    floor-jar) echo "floor jar" ;; headprobe-jar) echo "HeadProbe jar" ;; bare) echo "bare Vert.x" ;;
    variant*) echo "${variant_name[$1]}" ;;
  esac
}
rps() { wrk -t2 -c100 -d"$2"s "$1" 2>/dev/null | awk '/^Requests\/sec/ {printf "%.0f\n", $2}'; }
kinds=(); [ -n "$RUNNER" ] && kinds+=(floor-native headprobe-native); kinds+=(floor-jar headprobe-jar bare)
declare -A port zero variant_name variant_binary
for i in "${!variants[@]}"; do
  variant_name[variant$i]=${variants[$i]%%=*}; variant_binary[variant$i]=${variants[$i]#*=}; kinds+=("variant$i")
done
p=18440; for k in "${kinds[@]}"; do port[$k]=$p; launch "$k" $p; p=$((p + 1)); done
for k in "${kinds[@]}"; do wait_200 "http://127.0.0.1:${port[$k]}/hello/x" 60; done
for k in "${kinds[@]}"; do rps "http://127.0.0.1:${port[$k]}/hello/x" "$ZERO_WARMUP" >/dev/null; done
for i in $(seq "$RUNS"); do
  for k in "${kinds[@]}"; do zero[$k]+="$(rps "http://127.0.0.1:${port[$k]}/hello/x" "$SECONDS_PER_RUN") "; done
done
for p in "${pids[@]}"; do stop "$p"; done; pids=()
declare -A med
for k in "${kinds[@]}"; do med[$k]=$(printf '%s\n' ${zero[$k]} | median); done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", (b>0)?a/b:0}'; }
{
  echo
  echo "## Zero-delay throughput (/hello/x, wrk -t2 -c100, $SECONDS_PER_RUN s per run after a $ZERO_WARMUP s warm-up each)"
  echo
  echo "| server | req/s, median | runs | vs bare Vert.x |"
  echo "| --- | --- | --- | --- |"
  for k in "${kinds[@]}"; do
    echo "| $(label "$k") | ${med[$k]} | ${zero[$k]}| $(ratio "${med[$k]}" "${med[bare]}") |"
  done
  echo
  echo "Commands: floor native = \`$FLOOR_RUNNER $common\`; HeadProbe native = \`$RUNNER $common -Dheadprobe.delay=0S"
  echo "-Dheadprobe.access-log.enabled=false\`; the jars the same with \`java $IMAGE_JAVA_OPTS ... -jar\`."
  echo
  echo "## Ratios (this run)"
  echo
  echo "| ratio | exec to first 200 | RSS 1 s after first 200 | zero-delay req/s |"
  echo "| --- | --- | --- | --- |"
  row() { # LABEL NUMERATOR_KIND DENOMINATOR_KIND (start-up names have a space where kinds have a dash)
    local a b; read -r -a a <<< "$(start "$(label "$2")")"; read -r -a b <<< "$(start "$(label "$3")")"
    echo "| $1 | $(ratio "${a[0]}" "${b[0]}") | $(ratio "${a[1]}" "${b[1]}") | $(ratio "${med[$2]}" "${med[$3]}") |"
  }
  if [ -n "$RUNNER" ]; then
    row "HeadProbe / floor, native" headprobe-native floor-native
  fi
  row "HeadProbe / floor, jar" headprobe-jar floor-jar
  if [ -n "$RUNNER" ]; then
    row "native / jar, floor" floor-native floor-jar
    row "native / jar, HeadProbe" headprobe-native headprobe-jar
    for k in "${!variant_name[@]}"; do row "${variant_name[$k]} / HeadProbe native" "$k" headprobe-native; done
  fi
} >> "$out"
cat "$out"
