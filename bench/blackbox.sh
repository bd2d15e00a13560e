#!/usr/bin/env bash
# HeadProbe's GET /probe?module= against blackbox_exporter itself (Debian's
# prometheus-blackbox-exporter), the tool it stands in for: the same http_2xx module, the same
# loopback target (anchor/delay_server.c answering at 0 ms and after 50 ms), scraped by wrk at a
# fixed concurrency. Alternating exporter after exporter, median of RUNS: probes/s, CPU seconds
# of the exporter's process (/proc/PID/stat) and probes per CPU-second.
# Usage: bench/blackbox.sh [RUNS] [SECONDS] [CONNECTIONS]     (--smoke: 1 run of 1 s, jar only)
# Needs Debian's wrk and prometheus-blackbox-exporter, cc, and target/quarkus-app (./mvnw package).
source "$(dirname "$0")/lib.sh"
RUNS=${1:-3}; SECONDS_PER_RUN=${2:-10}; C=${3:-20}; WARMUP=5
if [ "$RUNS" = "--smoke" ]; then RUNS=1; SECONDS_PER_RUN=1; WARMUP=1; RUNNER=; fi
BLACKBOX=/usr/bin/prometheus-blackbox-exporter
[ -x "$BLACKBOX" ] || { echo "bench/blackbox.sh: $BLACKBOX is missing (apt-get install prometheus-blackbox-exporter)" >&2; exit 2; }
out_dir=${BENCH_RESULTS:-$BENCH_DIR/results}
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
work=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"' EXIT

cat > "$work/blackbox.yml" <<'EOF'
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
EOF
cc -O2 -o "$work/delay_server" "$BENCH_DIR/anchor/delay_server.c"
declare -A target_port=([0]=18470 [50]=18471)
for delay in "${!target_port[@]}"; do "$work/delay_server" "${target_port[$delay]}" "$delay" & pids+=($!); done

# HeadProbe as a blackbox user runs it: its defaults (access log, per-host and client limits) but
# loopback allowed and no rate limit, since every scrape here comes from one client to one host.
HEADPROBE_FLAGS="-Dheadprobe.blackbox.config-file=$work/blackbox.yml -Dheadprobe.guard.allow=127.0.0.1/32
  -Dheadprobe.limit.enabled=false -Dheadprobe.probe.per-host-concurrency=0"
declare -A port=([blackbox]=18480 [jar]=18481 [native]=18482)
start() {
  case $1 in
    blackbox) exec "$BLACKBOX" --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:${port[blackbox]}" ;;
    jar) exec java $IMAGE_JAVA_OPTS -Dquarkus.http.port=${port[jar]} $HEADPROBE_FLAGS -jar "$JAR" ;;
    native) exec "$RUNNER" -Dquarkus.http.port=${port[native]} $HEADPROBE_FLAGS ;;
  esac >"$work/$1.log" 2>&1 &
  pids+=($!); pid[$1]=$!
}
declare -A pid
kinds=(blackbox jar); [ -n "$RUNNER" ] && kinds+=(native)
for k in "${kinds[@]}"; do start "$k"; done
for k in "${kinds[@]}"; do
  path=/-/healthy; [ "$k" = blackbox ] || path=/q/health/ready
  wait_200 "http://127.0.0.1:${port[$k]}$path" 60
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# scrape KIND DELAY SECONDS -> "probes/s cpu_s probes_per_cpu_s failed_probes"
scrape() {
  local url="http://127.0.0.1:${port[$1]}/probe?module=http_2xx&target=http://127.0.0.1:${target_port[$2]}/"
  local before after out requests
  # Every scrape must be a successful probe: a failing one costs less and would flatter.
  curl -fsS "$url" | grep -q '^probe_success 1' || { echo "bench/blackbox.sh: $1 did not probe $url successfully" >&2; exit 1; }
  before=$(cpu_ticks "${pid[$1]}")
  out=$(wrk -t2 -c"$C" -d"$3"s --timeout 10s "$url" 2>/dev/null)
  after=$(cpu_ticks "${pid[$1]}")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v r="$requests" -v s="$3" -v t=$(( after - before )) -v hz="$(getconf CLK_TCK)" -v bad="$(awk '/Non-2xx/ {print $NF}' <<<"$out")" \
    'BEGIN { cpu = t / hz; printf "%.0f %.2f %.0f %d\n", r / s, cpu, (cpu > 0) ? r / cpu : 0, bad + 0 }'
}
label() { case $1 in blackbox) echo "blackbox_exporter $("$BLACKBOX" --version 2>&1 | awk 'NR==1{print $3}')" ;; jar) echo "HeadProbe jar" ;; native) echo "HeadProbe native" ;; esac; }
median_col() { awk -v c="$1" '{print $c}' | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", (b>0)?a/b:0}'; }

for k in "${kinds[@]}"; do for delay in 0 50; do scrape "$k" "$delay" "$WARMUP" >/dev/null; done; done
data="$work/data"
for run in $(seq 1 "$RUNS"); do
  for delay in 0 50; do for k in "${kinds[@]}"; do echo "$k $delay $(scrape "$k" "$delay" "$SECONDS_PER_RUN")" >> "$data"; done; done
done

{
  echo "# HeadProbe vs blackbox_exporter, the http_2xx module on one loopback target"
  echo
  echo "\`bench/blackbox.sh ${1:-} ${2:-} ${3:-}\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(date -u '+%Y-%m-%d %H:%M UTC'), build $(git -C "$ROOT" rev-parse --short HEAD);"
  echo "wrk -t2 -c$C on \`/probe?module=http_2xx&target=...\`, ${SECONDS_PER_RUN} s per run after a ${WARMUP} s warm-up, exporters alternating, median of $RUNS."
  echo "CPU: the exporter's process only (/proc/PID/stat), not wrk's nor the target's. Every scrape was checked to answer probe_success 1 first."
  echo "Absolute figures move up to 4x between days here: compare within this file."
  echo
  echo "| target delay | exporter | probes/s | CPU s | probes per CPU-s | probes/s vs blackbox | per CPU-s vs blackbox |"
  echo "|---|---|---|---|---|---|---|"
  for delay in 0 50; do
    base_rate=$(awk -v d="$delay" '$1 == "blackbox" && $2 == d' "$data" | median_col 3)
    base_eff=$(awk -v d="$delay" '$1 == "blackbox" && $2 == d' "$data" | median_col 5)
    for k in "${kinds[@]}"; do
      rows=$(awk -v k="$k" -v d="$delay" '$1 == k && $2 == d' "$data")
      rate=$(median_col 3 <<<"$rows"); cpu=$(median_col 4 <<<"$rows"); eff=$(median_col 5 <<<"$rows")
      echo "| ${delay} ms | $(label "$k") | $rate | $cpu | $eff | $(ratio "$rate" "$base_rate") | $(ratio "$eff" "$base_eff") |"
    done
  done
} > "$out_dir/blackbox.md"
cat "$out_dir/blackbox.md"
