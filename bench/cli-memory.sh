#!/usr/bin/env bash
# Peak RSS of `headprobe probe --public-only -` over long lists (issue 25, goal 6: memory must not grow
# with the list; native peak at 1,000,000 lines <= 1.25x the peak at 30,000 and < 256 MiB). Every
# target is a loopback URL (http://127.0.0.N:PORT/pI) that --public-only refuses before any packet,
# so the run measures the command's own memory per line, not the network. One run per list size and
# contender (native, jar; BEFORE_RUNNER / BEFORE_JAR add older builds for before/after in one run),
# alternating; peak RSS from /usr/bin/time, wall in seconds.
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
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
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
} > "$out"
cat "$out"
