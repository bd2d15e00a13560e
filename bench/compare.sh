#!/usr/bin/env bash
# HeadProbe (jar and native) vs the seed's aiohttp server and a bare Vert.x server
# (anchor/BareVertx.java, the stack's own limit), measured in one run, alternating server after
# server, median of RUNS:
#   1. the 1 s-delay route /hello/x at c = 100, 1,000, 10,000 connections: requests/s vs the
#      ideal c/1 s, p50 and p99 latency (wrk), and the cores wrk itself used (is it the limit?);
#   2. memory per in-flight delayed request: (peak RSS with 10,000 in flight - idle RSS) / 10,000;
#   3. zero-delay throughput at c = 100: HeadProbe with its access log off and on (the default),
#      Quarkus' own access log instead, bare Vert.x, aiohttp.
# The jar runs with the container image's JAVA_OPTS (docker/Dockerfile.jvm).
# Usage: bench/compare.sh [RUNS] [SECONDS]     (--smoke: 1 run of 1 s at c = 100 only, jar only)
# COMPARE_SECTIONS="delay memory zero" picks sections; COMPARE_BASELINE_JAR=.../quarkus-run.jar adds
# that build, access log on, to the zero-delay rows (to measure a change before/after in one run).
# Needs Debian's wrk, python3-aiohttp and gnuplot-nox, and target/quarkus-app (./mvnw package).
source "$(dirname "$0")/lib.sh"
RUNS=${1:-3}; SECONDS_PER_RUN=${2:-10}; LEVELS=(100 1000 10000); MEMORY_CONNECTIONS=10000; WARMUP=5
ZERO_WARMUP=$(( 2 * WARMUP )); SMOKE=
# Smoke: each section once, briefly, on the jar (and, for the delayed route, bare Vert.x and aiohttp).
if [ "$RUNS" = "--smoke" ]; then RUNS=1; SECONDS_PER_RUN=1; LEVELS=(100); MEMORY_CONNECTIONS=200; WARMUP=1; ZERO_WARMUP=1; RUNNER=; SMOKE=1; fi
PY=/usr/bin/python3   # Debian's, which has python3-aiohttp
ulimit -n "$(ulimit -Hn)"
out_dir=${BENCH_RESULTS:-$BENCH_DIR/results}
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT

# start KIND PORT DELAY_MS: starts a server, sets $last to its PID (exec: the PID is the server's).
start() {
  local common="-Dquarkus.http.port=$2 -Dheadprobe.delay=$(( $3 / 1000 ))S -Dquarkus.http.accept-backlog=16384"
  case $1 in
    jar) exec java $IMAGE_JAVA_OPTS $common -Dheadprobe.access-log.enabled=false -jar "$JAR" ;;
    jar-log) exec java $IMAGE_JAVA_OPTS $common -jar "$JAR" ;;
    jar-quarkus-log) exec java $IMAGE_JAVA_OPTS $common -Dheadprobe.access-log.enabled=false -Dquarkus.http.access-log.enabled=true -jar "$JAR" ;;
    jar-log-baseline) exec java $IMAGE_JAVA_OPTS $common -jar "$COMPARE_BASELINE_JAR" ;;
    native) exec "$RUNNER" $common -Dheadprobe.access-log.enabled=false ;;
    aiohttp) exec $PY "$BENCH_DIR/anchor/seed_server.py" "$2" "$(awk -v d="$3" 'BEGIN{print d/1000}')" ;;
    bare) exec java -cp "$ROOT/target/quarkus-app/lib/main/*" "$BENCH_DIR/anchor/BareVertx.java" "$2" "$3" ;;
  esac >/dev/null 2>&1 &
  pids+=($!); last=$!
}
label() {
  case $1 in
    jar) echo "HeadProbe jar" ;; jar-log) echo "HeadProbe jar, access log on (default)" ;;
    jar-quarkus-log) echo "HeadProbe jar, Quarkus' access log instead" ;;
    jar-log-baseline) echo "HeadProbe jar, access log on, baseline build (\$COMPARE_BASELINE_JAR)" ;; native) echo "HeadProbe native" ;;
    aiohttp) echo "aiohttp (seed)" ;; bare) echo "bare Vert.x" ;;
  esac
}

# load URL CONNECTIONS SECONDS -> "requests/s p50_ms p99_ms wrk_cores"
load() {
  local timing; timing=$(mktemp)
  /usr/bin/time -f '%U %S %e' -o "$timing" wrk -t2 -c"$2" -d"$3"s --timeout 10s --latency "$1" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.1f %.1f\n", rps, p50, p99 }' | tr -d '\n'
  awk '{printf " %.2f\n", ($1 + $2) / $3}' "$timing"; rm -f "$timing"
}
median_col() { awk -v c="$1" '{print $c}' | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", (b>0)?a/b:0}'; }

{
  echo "# HeadProbe vs the seed's aiohttp server and a bare Vert.x server"
  echo
  echo "\`bench/compare.sh ${1:-} ${2:-}\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC'); wrk -t2, ${SECONDS_PER_RUN} s per run,"
  echo "after a ${WARMUP} s warm-up per server, alternating server after server, median of $RUNS. HeadProbe jar: Java"
  echo "$(java -version 2>&1 | awk -F'"' 'NR==1{print $2}') with the image's \`$IMAGE_JAVA_OPTS\`; aiohttp $($PY -c 'import aiohttp; print(aiohttp.__version__)');"
  echo "the load generator shares the 2 cores with the server. Absolute figures move up to 4x between days here: compare within this file."
  echo
} > "$out_dir/compare.md"
data=$(mktemp); declare -A port
section() { [[ " ${COMPARE_SECTIONS:-delay memory zero} " == *" $1 "* ]]; }

# ---- 1. delayed route
if section delay; then
kinds=(jar); [ -n "$RUNNER" ] && kinds+=(native); kinds+=(bare aiohttp)
p=18410; for k in "${kinds[@]}"; do port[$k]=$p; start "$k" $p 1000; p=$((p + 1)); done
for k in "${kinds[@]}"; do wait_200 "http://127.0.0.1:${port[$k]}/hello/x" 60; done
# Warm-up: the JVMs compile their hot paths; the others get the same treatment.
for k in "${kinds[@]}"; do load "http://127.0.0.1:${port[$k]}/hello/x" 1000 "$WARMUP" >/dev/null; done
declare -A runs
for c in "${LEVELS[@]}"; do
  for i in $(seq "$RUNS"); do
    for k in "${kinds[@]}"; do runs[$k,$c]+="$(load "http://127.0.0.1:${port[$k]}/hello/x" "$c" "$SECONDS_PER_RUN")"$'\n'; done
  done
done
for p in "${pids[@]}"; do stop "$p"; done; pids=()
{
  echo "## 1 s-delay route (/hello/x)"
  echo
  echo "p50 / p99 in ms; \"wrk cores\": CPU seconds wrk used per second of its run (2 = both cores)."
  echo
  echo "| connections | server | req/s (ideal c/1 s) | p50 / p99 (ms) | p99 vs bare Vert.x | wrk cores |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for c in "${LEVELS[@]}"; do
    b99=$(printf '%s' "${runs[bare,$c]}" | median_col 3)
    line="$c"
    for k in "${kinds[@]}"; do
      rps=$(printf '%s' "${runs[$k,$c]}" | median_col 1); p50=$(printf '%s' "${runs[$k,$c]}" | median_col 2)
      p99=$(printf '%s' "${runs[$k,$c]}" | median_col 3); cores=$(printf '%s' "${runs[$k,$c]}" | median_col 4)
      echo "| $c | $(label "$k") | $rps ($c) | $p50 / $p99 | $(ratio "$p99" "$b99") | $cores |"
      line+=" $rps $p99"
    done
    echo "$line" >> "$data"
  done
} >> "$out_dir/compare.md"
fi

# ---- 2. memory per in-flight delayed request
memory() { # PID URL -> "idle_MiB peak_MiB KiB_per_request"
  local idle peak=0 r
  idle=$(rss_kb "$1")
  wrk -t2 -c"$MEMORY_CONNECTIONS" -d"$SECONDS_PER_RUN"s --timeout 10s "$2" >/dev/null 2>&1 &
  local w=$!
  while kill -0 $w 2>/dev/null; do r=$(rss_kb "$1"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.1; done
  echo "$(( idle / 1024 )) $(( peak / 1024 )) $(awk -v p="$peak" -v i="$idle" -v n="$MEMORY_CONNECTIONS" 'BEGIN{printf "%.1f", (p-i)/n}')"
}
if section memory; then
mem_kinds=(jar); [ -n "$RUNNER" ] && mem_kinds+=(native); [ -n "$SMOKE" ] || mem_kinds+=(aiohttp)
{
  echo
  echo "## Memory per in-flight delayed request ($MEMORY_CONNECTIONS connections, 1 s delay; fresh processes after a warm-up)"
  echo
  echo "| server | idle RSS (MiB) | peak RSS (MiB) | KiB per in-flight request |"
  echo "| --- | --- | --- | --- |"
} >> "$out_dir/compare.md"
# Fresh processes, one at a time, so that "idle" is not a heap grown by the runs above.
for k in "${mem_kinds[@]}"; do
  start "$k" 18420 1000; pid=$last
  wait_200 http://127.0.0.1:18420/hello/x 60
  load http://127.0.0.1:18420/hello/x 1000 "$WARMUP" >/dev/null
  read -r idle peak per <<< "$(memory "$pid" http://127.0.0.1:18420/hello/x)"
  stop "$pid"; pids=()
  echo "| $(label "$k") | $idle | $peak | $per |" >> "$out_dir/compare.md"
done
fi

# ---- 3. zero delay
if section zero; then
zero_kinds=(jar jar-log); [ -n "${COMPARE_BASELINE_JAR:-}" ] && zero_kinds+=(jar-log-baseline); [ -n "$SMOKE" ] || zero_kinds+=(jar-quarkus-log); [ -n "$RUNNER" ] && zero_kinds+=(native); zero_kinds+=(bare); [ -n "$SMOKE" ] || zero_kinds+=(aiohttp)
p=18430; for k in "${zero_kinds[@]}"; do port[$k]=$p; start "$k" $p 0; p=$((p + 1)); done
for k in "${zero_kinds[@]}"; do wait_200 "http://127.0.0.1:${port[$k]}/hello/x" 60; done
# Twice the warm-up: with 4 JVMs on 2 cores, the first runs after 5 s were still far below the rest.
for k in "${zero_kinds[@]}"; do load "http://127.0.0.1:${port[$k]}/hello/x" 100 "$ZERO_WARMUP" >/dev/null; done
declare -A zero
for i in $(seq "$RUNS"); do
  for k in "${zero_kinds[@]}"; do zero[$k]+="$(load "http://127.0.0.1:${port[$k]}/hello/x" 100 "$SECONDS_PER_RUN")"$'\n'; done
done
for p in "${pids[@]}"; do stop "$p"; done; pids=()
z_bare=$(printf '%s' "${zero[bare]}" | median_col 1); z_aio=$(printf '%s' "${zero[aiohttp]:-}" | median_col 1)
z_off=$(printf '%s' "${zero[jar]}" | median_col 1)
{
  echo
  echo "## Zero-delay throughput (/hello/x, 100 connections; access log lines go to /dev/null)"
  echo
  echo "| server | req/s, median | runs | vs HeadProbe jar, log off | vs bare Vert.x | vs aiohttp |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for k in "${zero_kinds[@]}"; do
    r=$(printf '%s' "${zero[$k]}" | median_col 1)
    echo "| $(label "$k") | $r | $(printf '%s' "${zero[$k]}" | awk '{printf "%s ", $1}')| $(ratio "$r" "$z_off") | $(ratio "$r" "$z_bare") | $(ratio "$r" "$z_aio") |"
  done
} >> "$out_dir/compare.md"
fi

if section delay; then
echo -e "\n![requests/s and p99 of the 1 s-delay route](delay-throughput.png)" >> "$out_dir/compare.md"

# The picture: columns of $data are c, then req/s and p99 per server in the order of $kinds.
plot_rps=""; plot_p99=""; col=2
for k in "${kinds[@]}"; do
  plot_rps+="\"$data\" using 1:$col with linespoints title \"$(label "$k")\", "
  plot_p99+="\"$data\" using 1:$((col + 1)) with linespoints title \"$(label "$k")\", "
  col=$((col + 2))
done
gnuplot <<PLOT
set terminal pngcairo size 1000,440
set output "$out_dir/delay-throughput.png"
set multiplot layout 1,2 title "1 s-delay route /hello/x, wrk -t2 on the same 2 cores"
set logscale x
set xlabel "open connections"
set key left top
set logscale y
set ylabel "requests/s"
plot $plot_rps x with lines dashtype 2 title "ideal (c / 1 s)"
unset logscale y
set ylabel "p99 latency (ms)"
plot ${plot_p99%, }
unset multiplot
PLOT
fi
rm -f "$data"
cat "$out_dir/compare.md"
