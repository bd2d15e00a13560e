#!/usr/bin/env bash
# Peak RSS of `headprobe probe --public-only -` over long lists (issue 25, goal 6: memory must not grow
# with the list; native peak at 1,000,000 lines <= 1.25x the peak at 30,000 and < 256 MiB). Every
# target is a loopback URL (http://127.0.0.N:PORT/pI) that --public-only refuses before any packet,
# so the run measures the command's own memory per line, not the network. One run per list size and
# contender (native, jar; BEFORE_RUNNER / BEFORE_JAR add older builds for before/after in one run),
# alternating; peak RSS from /usr/bin/time, wall in seconds.
# The same lists through the service's POST /probe/stream (the goal's second half): as text, read as
# the probes go, and as the JSON body, held whole before the first probe; a fresh process per list
# and way, its VmHWM after the stream. Its guard refuses the loopback targets just the same.
# Usage: bench/cli-memory.sh [SIZES...]   (default 30000 300000 1000000; --smoke: 2000, jar only)
source "$(dirname "$0")/lib.sh"
SIZES=("$@")
if [ "${1:-}" = "--smoke" ]; then SIZES=(2000); RUNNER=; fi
[ ${#SIZES[@]} -gt 0 ] || SIZES=(30000 300000 1000000)
contenders=()
[ -n "$RUNNER" ] && contenders+=("native=$RUNNER")
[ -n "${BEFORE_RUNNER:-}" ] && contenders+=("native before=$BEFORE_RUNNER")
contenders+=("jar=java -jar $JAR")
[ -n "${BEFORE_JAR:-}" ] && contenders+=("jar before=java -jar $BEFORE_JAR")
work=$(mktemp -d); pid=; trap 'rm -rf "$work"; [ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT
declare -A peak wall
for n in "${SIZES[@]}"; do
  /usr/bin/python3 -c "import sys
for i in range(int(sys.argv[1])): print(f'http://127.0.0.{2 + i % 250}:{1000 + i % 60000}/p{i}')" "$n" > "$work/list"
  for contender in "${contenders[@]}"; do
    name=${contender%%=*}; command=${contender#*=}
    # Exit 1 is expected: every target is refused.
    /usr/bin/time -f '%M %e' -o "$work/time" $command probe --public-only -q - < "$work/list" > "$work/out" || true
    lines=$(wc -l < "$work/out")
    [ "$lines" -eq "$n" ] || { echo "$name wrote $lines results for $n targets" >&2; exit 1; }
    # time says "Command exited with non-zero status 1" first; its own line is the last.
    read -r kb seconds < <(tail -n 1 "$work/time")
    peak[$name,$n]=$(( kb / 1024 )); wall[$name,$n]=$seconds
  done
done
# Per-client limits off (they would pace a million lines at 1,000 a minute); the JSON way needs
# headprobe.probe.max-targets and the body limits raised to take the list at all.
SERVICE_PORT=18475
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
SERVICE_FLAGS="-Dquarkus.http.port=$SERVICE_PORT -Dheadprobe.limit.enabled=false -Dheadprobe.probe.max-targets=2000000
  -Dheadprobe.probe.max-body-bytes=268435456 -Dheadprobe.scan.max-body-bytes=268435456"
services=()
[ -n "$RUNNER" ] && services+=("native=$RUNNER $SERVICE_FLAGS")
services+=("jar=java $IMAGE_JAVA_OPTS $SERVICE_FLAGS -jar $JAR")
declare -A service_peak service_wall
for n in "${SIZES[@]}"; do
  /usr/bin/python3 -c "import sys
for i in range(int(sys.argv[1])): print(f'http://127.0.0.{2 + i % 250}:{1000 + i % 60000}/p{i}')" "$n" > "$work/list"
  /usr/bin/python3 -c "import json, sys
json.dump({'targets': open(sys.argv[1]).read().split()}, open(sys.argv[2], 'w'))" "$work/list" "$work/list.json"
  for service in "${services[@]}"; do
    name=${service%%=*}; command=${service#*=}
    for way in text json; do
      # An allow-list from the environment would let the loopback targets through: a million connections.
      env -u HEADPROBE_GUARD_ALLOW $command > "$work/service.log" 2>&1 & pid=$!
      wait_200 "http://127.0.0.1:$SERVICE_PORT/q/health/ready" 60
      if [ "$way" = text ]; then body=(-H 'Content-Type: text/plain' --data-binary @"$work/list")
      else body=(-H 'Content-Type: application/json' --data-binary @"$work/list.json"); fi
      start_ms=$(now_ms)
      curl -sfN "${body[@]}" "http://127.0.0.1:$SERVICE_PORT/probe/stream" > "$work/out"
      service_wall[$name $way,$n]=$(awk -v ms=$(( $(now_ms) - start_ms )) 'BEGIN { printf "%.2f", ms / 1000 }')
      lines=$(grep -c BLOCKED_ADDRESS "$work/out" || true)
      [ "$lines" -eq "$n" ] || { echo "$name $way: $lines refused results for $n targets" >&2; exit 1; }
      service_peak[$name $way,$n]=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
      stop "$pid"
    done
  done
done
out="${BENCH_RESULTS:-$BENCH_DIR/results}/cli-memory.md"
{
  echo "# headprobe probe over a long list: peak RSS"
  echo
  echo "\`bench/cli-memory.sh ${SIZES[*]}\` on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'); loopback targets refused by"
  echo "--public-only (no packet sent); one run each; MiB (wall s)."
  echo
  header="| contender |"; rule="| --- |"
  for n in "${SIZES[@]}"; do header+=" $n lines |"; rule+=" --- |"; done
  echo "$header largest / smallest |"; echo "$rule --- |"
  for contender in "${contenders[@]}"; do
    name=${contender%%=*}; row="| $name |"
    for n in "${SIZES[@]}"; do row+=" ${peak[$name,$n]} (${wall[$name,$n]} s) |"; done
    first=${peak[$name,${SIZES[0]}]}; last=${peak[$name,${SIZES[-1]}]}
    echo "$row $(awk -v a="$last" -v b="$first" 'BEGIN { printf "%.2fx", a / b }') |"
  done
  echo
  echo "## POST /probe/stream over the same lists: peak RSS of the service"
  echo
  echo 'A fresh process per list and way; text: the list as `Content-Type: text/plain`, read as the probes go;'
  echo 'json: the list as the JSON body'"'"'s `targets`, held whole. The jar with docker/Dockerfile.jvm'"'"'s JAVA_OPTS. MiB (stream s).'
  echo
  echo "$header largest / smallest |"; echo "$rule --- |"
  for service in "${services[@]}"; do
    for way in text json; do
      name="${service%%=*} $way"; row="| $name |"
      for n in "${SIZES[@]}"; do row+=" ${service_peak[$name,$n]} (${service_wall[$name,$n]} s) |"; done
      first=${service_peak[$name,${SIZES[0]}]}; last=${service_peak[$name,${SIZES[-1]}]}
      echo "$row $(awk -v a="$last" -v b="$first" 'BEGIN { printf "%.2fx", a / b }') |"
    done
  done
} > "$out"
cat "$out"
