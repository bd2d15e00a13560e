#!/usr/bin/env bash
# Header fan-out: one POST /probe with N loopback targets that answer after 100 ms, concurrency C,
# alternating with the seed's asyncio fetcher (bench/anchor/seed_wget.py) on the same targets.
# The targets are a second HeadProbe (the jar) serving /hello/{i} with headprobe.delay=100ms.
# Usage: bench/fanout.sh [N] [C]   (--smoke: 200 targets)
source "$(dirname "$0")/lib.sh"
N=${1:-10000}; C=${2:-1000}
[ "$N" = "--smoke" ] && { N=200; C=100; }
TARGET_PORT=18181; PROBE_PORT=18182
ulimit -n "$(ulimit -Hn)" || true
java -Dquarkus.http.port=$TARGET_PORT -Dheadprobe.delay=0.1S -Dheadprobe.access-log.enabled=false -jar "$JAR" >/dev/null 2>&1 &
target=$!
java ${PROBER_JAVA_OPTS:-} -Dquarkus.http.port=$PROBE_PORT -Dheadprobe.guard.allow=127.0.0.1/32 -Dheadprobe.probe.max-targets="$N" \
  -Dheadprobe.probe.concurrency="$C" -Dheadprobe.probe.max-in-flight="$C" \
  -Dheadprobe.probe.per-host-concurrency=0 -Dheadprobe.limit.enabled=false -Dheadprobe.access-log.enabled=false -jar "$JAR" >/dev/null 2>&1 &
prober=$!
trap 'stop $target; stop $prober' EXIT
wait_200 "http://127.0.0.1:$TARGET_PORT/q/health/ready" 60
wait_200 "http://127.0.0.1:$PROBE_PORT/q/health/ready" 60
body=$(mktemp)
python3 -c "import json,sys; print(json.dumps({'targets': ['http://127.0.0.1:$TARGET_PORT/hello/%d' % i for i in range($N)], 'concurrency': $C}))" > "$body"
probe() {
  curl -s -o "$1" -w '%{time_total}' -H 'Content-Type: application/json' --data-binary @"$body" \
    "http://127.0.0.1:$PROBE_PORT/probe"
}
# Warm-up: both JVMs' JIT and connection set-up paths (the third run used to be the fastest).
WARMUPS=${FANOUT_WARMUPS:-3}; [ "$N" -le 200 ] && WARMUPS=1
for _ in $(seq "$WARMUPS"); do probe /dev/null >/dev/null; done
peak=0
( while kill -0 $prober 2>/dev/null; do r=$(rss_kb $prober); [ "$r" -gt "$peak" ] && peak=$r && echo $peak > "$body.rss"; sleep 0.05; done ) &
sampler=$!
python3 -c "import json; print('\\n'.join(json.load(open('$body'))['targets']))" > "$body.urls"
times=(); seed=()
for i in 1 2 3; do
  times+=("$(probe "$body.out")")
  seed+=("$(/usr/bin/python3 "$BENCH_DIR/anchor/seed_wget.py" "$C" < "$body.urls" | awk '{print $1; if ($2 != $3) print "seed fetcher: only " $2 " of " $3 " ok" > "/dev/stderr"}')")
done
kill $sampler 2>/dev/null || true
ok=$(python3 -c "import json; s=json.load(open('$body.out'))['summary']; print(s['ok'], s['total'], s['byStatus'])")
out="${BENCH_RESULTS:-$BENCH_DIR/results}/fanout.md"
{
  echo "# Fan-out: $N loopback targets answering after 100 ms, concurrency $C"
  echo
  echo "\`bench/fanout.sh $N $C\` on $(nproc) cores, $(date -u +%Y-%m-%d), JVM jar; after $WARMUPS warm-up requests."
  echo
  echo "| fetcher | runs (s) | median (s) | ideal (s) | peak RSS of the prober (MiB) | last run ok/total |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| HeadProbe POST /probe | ${times[*]} | $(printf '%s\n' "${times[@]}" | median) | $(python3 -c "print($N/$C*0.1)") | $(( $(cat "$body.rss") / 1024 )) | $ok |"
  echo "| seed asyncio fetcher | ${seed[*]} | $(printf '%s\n' "${seed[@]}" | median) | $(python3 -c "print($N/$C*0.1)") | | |"
} | tee "$out"
rm -f "$body" "$body.out" "$body.rss" "$body.urls"
