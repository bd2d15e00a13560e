#!/usr/bin/env bash
# What the jar holds and does with 10,000 delayed requests in flight (the 1 s route, wrk -c10000):
# a class histogram of the live heap taken mid-load (jcmd GC.class_histogram, after a full GC),
# divided by the connections, and JFR's execution samples over the load by innermost package.
# The profile behind compare.sh's "memory per in-flight request" and "p99 at 10,000 connections".
# Usage: bench/profile-inflight.sh [CONNECTIONS] [SECONDS]   (defaults 10000 10)
source "$(dirname "$0")/lib.sh"
CONNECTIONS=${1:-10000}; SECONDS_LOADED=${2:-10}; PORT=18460; JFR=${JFR:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
ulimit -n "$(ulimit -Hn)" || true
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
java -XX:StartFlightRecording=filename="$work/run.jfr",settings=profile $IMAGE_JAVA_OPTS \
  -Dquarkus.http.port=$PORT -Dheadprobe.delay=1S -Dheadprobe.access-log.enabled=false -jar "$JAR" >/dev/null 2>&1 &
app=$!
wait_200 "http://127.0.0.1:$PORT/hello/x" 60
wrk -t2 -c1000 -d5s --timeout 10s "http://127.0.0.1:$PORT/hello/x" >/dev/null 2>&1
jcmd $app GC.class_histogram > "$work/idle.txt"
wrk -t2 -c"$CONNECTIONS" -d"$SECONDS_LOADED"s --timeout 10s --latency "http://127.0.0.1:$PORT/hello/x" > "$work/wrk.txt" 2>&1 &
load=$!
# Mid-load: every connection has a request waiting out its second.
sleep $(( SECONDS_LOADED / 2 ))
jcmd $app GC.class_histogram > "$work/loaded.txt"
wait $load
stop $app
echo "# Jar with $CONNECTIONS delayed requests in flight ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "\`bash bench/profile-inflight.sh $CONNECTIONS $SECONDS_LOADED\`; image flags \`$IMAGE_JAVA_OPTS\`, JFR on. wrk:"
echo '```'
grep -E "Requests/sec|99%|50%" "$work/wrk.txt"
echo '```'
python3 - "$work/idle.txt" "$work/loaded.txt" "$CONNECTIONS" <<'PY'
import re, sys
def histogram(path):
    classes = {}
    for line in open(path):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return classes
idle, loaded, n = histogram(sys.argv[1]), histogram(sys.argv[2]), int(sys.argv[3])
grown = sorted(((loaded[c][1] - idle.get(c, (0, 0))[1], loaded[c][0] - idle.get(c, (0, 0))[0], c) for c in loaded), reverse=True)
total = sum(g[0] for g in grown if g[0] > 0)
print('\nLive heap grown under load (after a full GC): %.1f MiB, %.0f bytes per connection. Largest classes:\n' % (total / 2**20, total / n))
print('| class | instances per connection | bytes per connection |')
print('| --- | --- | --- |')
for size, count, cls in grown[:15]:
    print('| `%s` | %.2f | %.0f |' % (cls, count / n, size / n))
PY
echo
echo "JFR execution samples over the whole run, innermost frame by package:"
echo '```'
"$JFR" print --events jdk.ExecutionSample --stack-depth 1 "$work/run.jfr" | grep -oE '^\s+[a-zA-Z0-9_.$]+\.[A-Za-z0-9_$<>]+\(' |
  sed -E 's/^\s+//; s/\.[^.]+\.[^.]+\($//' | awk -F. '{print $1"."$2"."$3}' | sort | uniq -c | sort -rn | head -12
echo '```'
