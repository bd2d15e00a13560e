#!/usr/bin/env bash
# `headprobe probe URL` from exec to exit (issue 25's goal: native <= 30 ms and <= 2x curl -sI of the
# same target): native binary, jar and curl, alternating, after 2 warm-up rounds, median of RUNS (10);
# `headprobe audit --headers FILE` (a saved header block, nothing fetched) beside them, the same goal.
# BEFORE_RUNNER=path (BEFORE_JAR=quarkus-run.jar) adds an older build as a contender: before/after in one run. The fan-out
# of the command (10,000 targets on stdin) is a contender in fanout.sh.
# Usage: bench/cli.sh [RUNS]   (--smoke: 1 run, jar only)
source "$(dirname "$0")/lib.sh"
RUNS=${1:-10}
if [ "$RUNS" = "--smoke" ]; then RUNS=1; RUNNER=; fi
contenders=("curl -sI=curl -sI")
[ -n "$RUNNER" ] && contenders+=("native=$RUNNER probe --jsonl")
[ -n "${BEFORE_RUNNER:-}" ] && contenders+=("native before ($(basename "$BEFORE_RUNNER"))=$BEFORE_RUNNER probe --jsonl")
[ -n "${BEFORE_JAR:-}" ] && contenders+=("jar before=java -jar $BEFORE_JAR probe --jsonl")
contenders+=("jar (Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}'))=java -jar $JAR probe --jsonl")
# audit: the URL the script appends is the page's --url; the headers are a saved block.
headers=$(mktemp)
trap 'rm -f "$headers"' EXIT
printf 'HTTP/1.1 200 OK\r\nX-Frame-Options: DENY\r\n\r\n' > "$headers"
audit="audit --json --headers $headers --url"
[ -n "$RUNNER" ] && contenders+=("native audit=$RUNNER $audit")
[ -n "${BEFORE_RUNNER:-}" ] && contenders+=("native before audit=$BEFORE_RUNNER $audit")
contenders+=("jar audit=java -jar $JAR $audit")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/cli.md"
{
  echo "# headprobe probe and audit: exec to exit"
  echo
  echo "\`bench/cli.sh $RUNS\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "one loopback target answering at once (a socket server in the measuring process); audit grades a saved two-line header block; 2 warm-up rounds."
  echo
  /usr/bin/python3 "$BENCH_DIR/cli_startup.py" "$RUNS" "${contenders[@]}"
} > "$out"
cat "$out"
