#!/usr/bin/env bash
# Where a native binary's CPU goes when it serves /hello/x at zero delay (issue 25's goal 3): perf
# (999 Hz, this process only) during SECONDS of wrk -t2 -c100 after a 5 s warm-up; CPU by shared
# object and by thread, and the hottest symbols by self time. Names frames only in a build that
# keeps its symbols: ./mvnw package -Dnative
#   -Dquarkus.native.additional-build-args=-H:+UnlockExperimentalVMOptions,-H:-DeleteLocalSymbols,-H:-UnlockExperimentalVMOptions
# (the shipped build is stripped to one symbol). With -H:+PreserveFramePointer added to those
# arguments, perf also walks the stacks and the script prints which share of samples has a named
# frame on the stack (inclusive: a frame and what it calls). Needs `perf` (Debian: linux-perf).
# Usage: bench/profile-native-serving.sh BINARY [SECONDS] [OPTIONS...]   (OPTIONS go to the binary)
source "$(dirname "$0")/lib.sh"
BINARY=$1; SECONDS_LOAD=${2:-10}; shift; [ $# -gt 0 ] && shift; PORT=18590
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
work=$(mktemp -d)
"$BINARY" -Dquarkus.http.port=$PORT -Dheadprobe.delay=0S -Dheadprobe.access-log.enabled=false "$@" >/dev/null 2>&1 &
app=$!
trap 'stop $app; rm -rf "$work"' EXIT
wait_200 "http://127.0.0.1:$PORT/hello/x" 30
wrk -t2 -c100 -d5s "http://127.0.0.1:$PORT/hello/x" >/dev/null
perf record -q -g -F 999 -p "$app" -o "$work/perf.data" -- sleep "$SECONDS_LOAD" >/dev/null 2>&1 &
recorder=$!
rps=$(wrk -t2 -c100 -d"${SECONDS_LOAD}s" "http://127.0.0.1:$PORT/hello/x" | awk '/^Requests\/sec/ {print $2}')
wait "$recorder" || true
echo "# $(basename "$BINARY") at zero delay: $rps req/s under perf, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo '```'
echo "CPU by shared object:"
perf report -q --no-children -g none -i "$work/perf.data" --sort dso --stdio 2>/dev/null | head -8
echo
echo "CPU by thread:"
perf report -q --no-children -g none -i "$work/perf.data" --sort comm --stdio 2>/dev/null | head -8
echo
echo "self time by kind (symbol name patterns; share of all samples):"
perf report -q --no-children -g none -i "$work/perf.data" --sort dso,sym --stdio 2>/dev/null | awk '
  { sub(/%/, "", $1); k = "other code of the executable" }
  /\[k\]/ { k = "kernel" }
  / \[\.\] / && /String_charAt|StringLatin1_|AsciiCharSequence|_setByte|HeaderName|HeaderValue|hashCodeAscii|HeadersMultiMap|AsciiString|encoderHeader/ { k = "header strings: validate, hash, encode char by char" }
  / \[\.\] / && /RememberedSet|GreyToBlack|GCImpl|CardTable|HeapChunk|Generation_|ObjectVisitor|RefVisitor|Space_|ThreadLocalAllocation|allocateNew/ { k = "GC and allocation slow path" }
  / \[\.\] / && /Monitor/ { k = "monitors (synchronized)" }
  / \[\.\] / && /Micrometer|Meter|Timer_|Counter_|LongAdder|Tags_|Tag_/ { k = "metrics (Micrometer, LongAdder)" }
  / \[\.\] / && /libc|vdso/ { k = "libc, vdso" }
  { share[k] += $1 }
  END { for (k in share) printf "%6.1f %%  %s\n", share[k], k }' | sort -rn
echo
echo "samples with the frame on the stack (inclusive; needs a build with -H:+PreserveFramePointer):"
perf script -i "$work/perf.data" -F ip,sym 2>/dev/null | awk '
  BEGIN { n = split("Clients_cameOverHttps ForwardedParser_calculate SecurityResponseHeaders_add AccessLog_ " \
      "VertxHttpServerMetrics|HttpRequestMetric HttpUtils_validate GCImpl_|slowPathNew MonitorSupport|JavaMonitor " \
      "RoutingContextImplBase_iterateNext RestInitialHandler_ __GI___libc_write", frame, " ") }
  NF == 0 { if (in_sample) { samples++; for (i = 1; i <= n; i++) if (seen[i]) hits[i]++ } in_sample = 0; delete seen; next }
  { in_sample = 1; for (i = 1; i <= n; i++) if ($2 ~ frame[i]) seen[i] = 1 }
  END { if (in_sample) { samples++; for (i = 1; i <= n; i++) if (seen[i]) hits[i]++ }
        for (i = 1; i <= n; i++) printf "%6.1f %%  %s\n", 100 * hits[i] / samples, frame[i] }'
echo
echo "hottest symbols, self time (share of all samples):"
perf report -q --no-children -g none -i "$work/perf.data" --sort dso,sym --stdio 2>/dev/null | head -40
echo '```'
