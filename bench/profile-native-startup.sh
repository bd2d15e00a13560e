#!/usr/bin/env bash
# Where the native binary's start-up CPU goes, without debug symbols: perf samples (20 kHz) from
# exec until the first 200 on /hello/x, then SIGTERM; the split by thread and by shared object
# (the executable, the kernel, the dynamic loader, libc, the JDK's JNI libraries) and the kernel's
# hottest symbols. Needs `perf` (Debian: linux-perf) and target/*-runner.
# Usage: bench/profile-native-startup.sh [RUNS]   (default 5; samples of all runs together)
source "$(dirname "$0")/lib.sh"
RUNS=${1:-5}; PORT=18580
[ -n "$RUNNER" ] || { echo "no target/*-runner: build the native binary first" >&2; exit 1; }
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for i in $(seq "$RUNS"); do
  perf record -q -F 20000 -o "$work/$i.data" -- "$RUNNER" -Dquarkus.http.port=$PORT -Dheadprobe.delay=0S \
      -Dquarkus.shutdown.delay-enabled=false >/dev/null 2>&1 &
  recorder=$!
  wait_200 "http://127.0.0.1:$PORT/hello/x" 30
  pkill -TERM -f -- "-Dquarkus.http.port=$PORT " || true
  wait "$recorder" || true
done
echo "# Native start-up CPU by shared object: $RUNS starts to the first 200 and stop, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Executable: $(basename "$RUNNER"), $(( $(stat -c %s "$RUNNER") / 1048576 )) MiB."
echo '```'
for i in $(seq "$RUNS"); do perf report -q -i "$work/$i.data" --sort dso --stdio 2>/dev/null; done |
  awk '{sub(/%/, "", $1); share[$2] += $1} END {for (d in share) printf "%6.1f %%  %s\n", share[d] / '"$RUNS"', d}' | sort -rn | head -12
echo
echo "hottest kernel symbols (share of all samples, first run):"
perf report -q -i "$work/1.data" --sort sym --stdio 2>/dev/null | grep '\[k\]' | head -8
# Named only in a build with symbols (-Dquarkus.native.debug.enabled=true); otherwise addresses.
echo
echo "hottest symbols of the executable (share of all samples, first run):"
perf report -q -i "$work/1.data" --dsos "$(basename "$RUNNER")" --sort sym --stdio 2>/dev/null | head -15
echo '```'
