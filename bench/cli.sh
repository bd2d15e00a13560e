#!/usr/bin/env bash
# `headprobe probe URL` from exec to exit (issue 17's goal: native <= 60 ms): native binary and jar,
# alternating, after 2 warm-up rounds, median of RUNS (10). The fan-out of the command (10,000 targets
# on stdin) is a contender in fanout.sh.
# Usage: bench/cli.sh [RUNS]   (--smoke: 1 run, jar only)
source "$(dirname "$0")/lib.sh"
RUNS=${1:-10}
if [ "$RUNS" = "--smoke" ]; then RUNS=1; RUNNER=; fi
contenders=()
[ -n "$RUNNER" ] && contenders+=("native=$RUNNER probe --jsonl")
contenders+=("jar (Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'))=java -jar $JAR probe --jsonl")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/cli.md"
{
  echo "# headprobe probe: exec to exit"
  echo
  echo "\`bench/cli.sh $RUNS\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "one loopback target answering at once (a socket server in the measuring process); 2 warm-up rounds."
  echo
  /usr/bin/python3 "$BENCH_DIR/cli_startup.py" "$RUNS" "${contenders[@]}"
} > "$out"
cat "$out"
