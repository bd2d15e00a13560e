#!/usr/bin/env bash
# HeadProbe vs the seed's aiohttp server (and a bare Vert.x server), measured in one run,
# alternating A B A B, median of RUNS:
#   1. the 1 s-delay route /hello/x at c = 100, 1,000, 10,000 connections: requests/s vs the
#      ideal c/1 s, p50 and p99 latency (wrk);
#   2. zero-delay throughput at c = 100: HeadProbe (headprobe.delay=0S), aiohttp, bare Vert.x;
#   5. memory per in-flight delayed request: (peak RSS with 10,000 in flight - idle RSS) / 10,000.
# Usage: bench/compare.sh [RUNS] [SECONDS]     (--smoke: 1 run of 2 s at c = 100 only)
# Needs Debian's wrk, python3-aiohttp and gnuplot-nox, and target/quarkus-app (./mvnw package).
source "$(dirname "$0")/lib.sh"
RUNS=${1:-3}; SECONDS_PER_RUN=${2:-10}; LEVELS=(100 1000 10000); MEMORY_CONNECTIONS=10000; WARMUP=5
if [ "$RUNS" = "--smoke" ]; then RUNS=1; SECONDS_PER_RUN=2; LEVELS=(100); MEMORY_CONNECTIONS=200; WARMUP=1; fi
PY=/usr/bin/python3   # Debian's, which has python3-aiohttp
ulimit -n "$(ulimit -Hn)"
out_dir=${BENCH_RESULTS:-$BENCH_DIR/results}
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT

start_headprobe() { # PORT DELAY
  java -Dquarkus.http.port="$1" -Dheadprobe.delay="$2" -Dquarkus.http.accept-backlog=16384 -Dheadprobe.access-log.enabled=false -jar "$JAR" >/dev/null 2>&1 &
  pids+=($!); last=$!
}
start_aiohttp() { # PORT DELAY_SECONDS
  $PY "$BENCH_DIR/anchor/seed_server.py" "$1" "$2" >/dev/null 2>&1 &
  pids+=($!); last=$!
}
start_bare() { # PORT
  java -cp "$ROOT/target/quarkus-app/lib/main/*" "$BENCH_DIR/anchor/BareVertx.java" "$1" >/dev/null 2>&1 &
  pids+=($!); last=$!
}

# load URL CONNECTIONS SECONDS -> "requests/s p50_ms p99_ms"
load() {
  local threads=2
  wrk -t$threads -c"$2" -d"$3"s --timeout 10s --latency "$1" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.1f %.1f\n", rps, p50, p99 }'
}

median_col() { awk -v c="$1" '{print $c}' | median; }

# ---- 1. delayed route
start_headprobe 18401 1S; hp=$last; start_aiohttp 18402 1; aio=$last
wait_200 http://127.0.0.1:18401/hello/x 60; wait_200 http://127.0.0.1:18402/hello/x 60
# Warm-up (the JVM compiles its hot paths; aiohttp gets the same treatment).
load http://127.0.0.1:18401/hello/x 1000 "$WARMUP" >/dev/null; load http://127.0.0.1:18402/hello/x 1000 "$WARMUP" >/dev/null
declare -A runs
for c in "${LEVELS[@]}"; do
  for i in $(seq "$RUNS"); do
    runs[hp,$c]+="$(load http://127.0.0.1:18401/hello/x "$c" "$SECONDS_PER_RUN")"$'\n'
    runs[aio,$c]+="$(load http://127.0.0.1:18402/hello/x "$c" "$SECONDS_PER_RUN")"$'\n'
  done
done
data=$(mktemp)
{
  echo "# HeadProbe vs the seed's aiohttp server"
  echo
  echo "\`bench/compare.sh $RUNS $SECONDS_PER_RUN\` on $(nproc) cores, $(date -u +%Y-%m-%d); wrk -t2, ${SECONDS_PER_RUN} s per run,"
  echo "after a ${WARMUP} s warm-up per server, alternating HeadProbe (jar, Java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')) and aiohttp $($PY -c 'import aiohttp; print(aiohttp.__version__)'), median of $RUNS."
  echo
  echo "## 1 s-delay route (/hello/x)"
  echo
  echo "| connections | ideal req/s | HeadProbe req/s | aiohttp req/s | ratio | HeadProbe p50 / p99 (ms) | aiohttp p50 / p99 (ms) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for c in "${LEVELS[@]}"; do
    h_rps=$(printf '%s' "${runs[hp,$c]}" | median_col 1); a_rps=$(printf '%s' "${runs[aio,$c]}" | median_col 1)
    h50=$(printf '%s' "${runs[hp,$c]}" | median_col 2); h99=$(printf '%s' "${runs[hp,$c]}" | median_col 3)
    a50=$(printf '%s' "${runs[aio,$c]}" | median_col 2); a99=$(printf '%s' "${runs[aio,$c]}" | median_col 3)
    echo "$c $c $h_rps $a_rps" >> "$data"
    echo "| $c | $c | $h_rps | $a_rps | $(awk -v a="$h_rps" -v b="$a_rps" 'BEGIN{printf "%.2fx", (b>0)?a/b:0}') | $h50 / $h99 | $a50 / $a99 |"
  done
} > "$out_dir/compare.md"

# ---- 5. memory per in-flight delayed request
memory() { # PID URL -> "idle_MiB peak_MiB KiB_per_request"
  local idle peak=0 r
  idle=$(rss_kb "$1")
  wrk -t2 -c"$MEMORY_CONNECTIONS" -d"$SECONDS_PER_RUN"s --timeout 10s "$2" >/dev/null 2>&1 &
  local w=$!
  while kill -0 $w 2>/dev/null; do r=$(rss_kb "$1"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.1; done
  echo "$(( idle / 1024 )) $(( peak / 1024 )) $(awk -v p="$peak" -v i="$idle" -v n="$MEMORY_CONNECTIONS" 'BEGIN{printf "%.1f", (p-i)/n}')"
}
stop "$hp"; stop "$aio"
# Fresh processes, so that "idle" is not a heap grown by the runs above; the JVM gets a bounded
# heap (-Xmx512m via JAVA_TOOL_OPTIONS) because its RSS otherwise follows its GC's sizing, not need.
JAVA_TOOL_OPTIONS=-Xmx512m start_headprobe 18406 1S; hp=$last; start_aiohttp 18407 1; aio=$last
wait_200 http://127.0.0.1:18406/hello/x 60; wait_200 http://127.0.0.1:18407/hello/x 60
load http://127.0.0.1:18406/hello/x 1000 "$WARMUP" >/dev/null; load http://127.0.0.1:18407/hello/x 1000 "$WARMUP" >/dev/null
read -r h_idle h_peak h_per <<< "$(memory "$hp" http://127.0.0.1:18406/hello/x)"
read -r a_idle a_peak a_per <<< "$(memory "$aio" http://127.0.0.1:18407/hello/x)"
stop "$hp"; stop "$aio"
{
  echo
  echo "## Memory per in-flight delayed request ($MEMORY_CONNECTIONS connections, 1 s delay; fresh processes after a warm-up, HeadProbe with -Xmx512m)"
  echo
  echo "| server | idle RSS (MiB) | peak RSS (MiB) | KiB per in-flight request |"
  echo "| --- | --- | --- | --- |"
  echo "| HeadProbe | $h_idle | $h_peak | $h_per |"
  echo "| aiohttp | $a_idle | $a_peak | $a_per |"
} >> "$out_dir/compare.md"

# ---- 2. zero delay
start_headprobe 18403 0S; hp=$last; start_aiohttp 18404 0; aio=$last; start_bare 18405; bare=$last
for port in 18403 18404 18405; do wait_200 "http://127.0.0.1:$port/hello/x" 60; done
for port in 18403 18404 18405; do load "http://127.0.0.1:$port/hello/x" 100 "$WARMUP" >/dev/null; done
declare -A zero
for i in $(seq "$RUNS"); do
  for port in 18403 18404 18405; do zero[$port]+="$(load "http://127.0.0.1:$port/hello/x" 100 "$SECONDS_PER_RUN")"$'\n'; done
done
z_hp=$(printf '%s' "${zero[18403]}" | median_col 1); z_aio=$(printf '%s' "${zero[18404]}" | median_col 1)
z_bare=$(printf '%s' "${zero[18405]}" | median_col 1)
stop "$hp"; stop "$aio"; stop "$bare"
{
  echo
  echo "## Zero-delay throughput (/hello/x, 100 connections)"
  echo
  echo "| server | req/s | vs bare Vert.x | vs aiohttp |"
  echo "| --- | --- | --- | --- |"
  for row in "HeadProbe $z_hp" "aiohttp $z_aio" "bare-Vert.x $z_bare"; do
    set -- $row
    echo "| $1 | $2 | $(awk -v a="$2" -v b="$z_bare" 'BEGIN{printf "%.2fx", a/b}') | $(awk -v a="$2" -v b="$z_aio" 'BEGIN{printf "%.2fx", a/b}') |"
  done
  echo
  echo "![requests/s of the 1 s-delay route](delay-throughput.png)"
} >> "$out_dir/compare.md"

gnuplot <<PLOT
set terminal pngcairo size 800,480
set output "$out_dir/delay-throughput.png"
set title "1 s-delay route: completed requests/s"
set logscale xy
set xlabel "open connections"
set ylabel "requests/s"
set key left top
plot "$data" using 1:2 with linespoints title "ideal (c / 1 s)", \
     "$data" using 1:3 with linespoints title "HeadProbe", \
     "$data" using 1:4 with linespoints title "aiohttp (seed)"
PLOT
rm -f "$data"
cat "$out_dir/compare.md"
