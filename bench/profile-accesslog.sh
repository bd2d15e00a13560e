#!/usr/bin/env bash
# Where the access log's cost goes: the jar (image flags, access log on, delay 0S) under
# wrk -t2 -c100 for SECONDS (15) after a 5 s warm-up, recorded with JFR; prints req/s and, of the
# execution samples, how many fall in AccessLog.log and in what it calls (Temurin 25's jfr).
# Usage: bench/profile-accesslog.sh [SECONDS]
source "$(dirname "$0")/lib.sh"
SECONDS_LOADED=${1:-15}; PORT=18450; JFR=${JFR:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
java -XX:StartFlightRecording=filename="$work/run.jfr",settings=profile $IMAGE_JAVA_OPTS \
  -Dquarkus.http.port=$PORT -Dheadprobe.delay=0S -jar "$JAR" >/dev/null 2>&1 &
app=$!
wait_200 "http://127.0.0.1:$PORT/hello/x" 60
wrk -t2 -c100 -d5s "http://127.0.0.1:$PORT/hello/x" >/dev/null
wrk -t2 -c100 -d"$SECONDS_LOADED"s "http://127.0.0.1:$PORT/hello/x" | grep Requests/sec
stop $app
"$JFR" print --events jdk.ExecutionSample --stack-depth 80 "$work/run.jfr" > "$work/samples.txt"
python3 - "$work/samples.txt" <<'PY'
import collections, re, sys
events = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
callees, leaves, inside = collections.Counter(), collections.Counter(), 0
for event in events:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
    at = [i for i, f in enumerate(frames) if f.endswith('AccessLog.log')]
    if not at:
        continue
    inside += 1
    callees[frames[at[0] - 1] if at[0] > 0 else '(AccessLog.log itself)'] += 1
    leaves[frames[0]] += 1
print('execution samples: %d; in AccessLog.log: %d (%.1f %%)' % (len(events), inside, 100 * inside / len(events)))
for title, counter, n in (('AccessLog.log calls (samples):', callees, 6),
                          ('innermost frames of those samples:', leaves, 8)):
    print(title + ''.join('\n  %4d %s' % (count, frame) for frame, count in counter.most_common(n)))
PY
