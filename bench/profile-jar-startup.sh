#!/usr/bin/env bash
# Where the jar's start-up goes (Java 17, the image's flags): JFR (settings=profile) from exec to the
# first 200 on /hello/x, then stop. Prints exec to first 200, classes loaded, the share of execution
# samples in the interpreter's class loading and linking, in JIT-compiled code vs interpreted, and the
# packages of the innermost frames (Temurin 25's jfr reads the recording).
# Usage: bench/profile-jar-startup.sh [RUNS]   (default 3; samples of all runs together)
source "$(dirname "$0")/lib.sh"
RUNS=${1:-3}; PORT=18590; JFR=${JFR:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
IMAGE_JAVA_OPTS=$(sed -n 's/.*JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile.jvm")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for i in $(seq "$RUNS"); do
  start=$(now_ms)
  java -XX:StartFlightRecording=filename="$work/$i.jfr",settings=profile $IMAGE_JAVA_OPTS \
    -Dquarkus.http.port=$PORT -Dheadprobe.delay=0S -Dquarkus.shutdown.delay-enabled=false -jar "$JAR" >/dev/null 2>&1 &
  app=$!
  wait_200 "http://127.0.0.1:$PORT/hello/x" 60
  echo "run $i: exec to first 200 $(( $(now_ms) - start )) ms (JFR on)"
  stop $app
  "$JFR" print --events jdk.ExecutionSample --stack-depth 64 "$work/$i.jfr" >> "$work/samples.txt"
  "$JFR" print --events jdk.ClassLoadingStatistics "$work/$i.jfr" | grep -w loadedClassCount | tail -n 1 | sed "s/^ */  at the end: /"
done
python3 - "$work/samples.txt" <<'PY'
import collections, re, sys
events = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
packages, ours, steps = collections.Counter(), collections.Counter(), collections.Counter()
classload = 0
for event in events:
    frames = re.findall(r'^\s+([\w.$<>/]+)\(', event, re.M)
    if not frames:
        continue
    packages['.'.join(frames[0].split('.')[:3])] += 1
    if any(f.startswith(('java.lang.ClassLoader.', 'jdk.internal.loader.', 'io.quarkus.bootstrap.runner.RunnerClassLoader'))
           for f in frames):
        classload += 1
    for f in frames:
        if f.startswith('io.headprobe.'):
            ours[f] += 1
            break
    # Quarkus' recorded start-up steps, one class per build step: the outermost names the step.
    recorded = [f for f in frames if f.startswith('io.quarkus.runner.recorded.')]
    steps[re.sub(r'\$?\d*\.deploy(_\d+)?$', '', recorded[-1].split('.', 4)[4]) if recorded else '(not in a recorded step)'] += 1
n = len(events)
print('execution samples (Java frames only; JFR does not sample the JIT compiler or GC threads): %d' % n)
print('with class loading on the stack: %d (%.0f %%)' % (classload, 100 * classload / max(n, 1)))
print('innermost frame by package:' + ''.join('\n  %4d %s' % (c, p) for p, c in packages.most_common(12)))
print('nearest frame of ours:' + ''.join('\n  %4d %s' % (c, p) for p, c in ours.most_common(6)))
print('Quarkus start-up step (outermost recorded step on the stack):' + ''.join('\n  %4d %s' % (c, p) for p, c in steps.most_common(12)))
PY
