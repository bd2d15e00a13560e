#!/usr/bin/env bash
# Where the prober's CPU goes in the fan-out: bench/fanout.sh (1 warm-up, 1 round, results to a
# temporary folder) with the jar recorded by JFR; prints the hottest methods and, of the execution
# samples, how many have a HeadProbe frame innermost and anywhere (Temurin 25's jfr).
# Usage: bench/profile-fanout.sh [N] [C]
source "$(dirname "$0")/lib.sh"
JFR=${JFR:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
BENCH_RESULTS=$work FANOUT_WARMUPS=1 PROBER_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/prober.jfr,settings=profile" \
  bash "$BENCH_DIR/fanout.sh" "${1:-10000}" "${2:-1000}" 1 | grep -E '^\| (HeadProbe jar|ab) '
"$JFR" view --width 160 hot-methods "$work/prober.jfr" | sed -n '1,20p'
"$JFR" print --events jdk.ExecutionSample --stack-depth 80 "$work/prober.jfr" > "$work/samples.txt"
python3 - "$work/samples.txt" <<'PY'
import collections, re, sys
events = open(sys.argv[1]).read().split('jdk.ExecutionSample')[1:]
ours_leaf = ours_any = 0
packages, callers = collections.Counter(), collections.Counter()
for event in events:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
    if not frames:
        continue
    ours_leaf += frames[0].startswith('io.headprobe.')
    ours_any += any(f.startswith('io.headprobe.') for f in frames)
    packages['.'.join(frames[0].split('.')[:3])] += 1
    if frames[0].startswith(('io.smallrye.config.', 'io.smallrye.context.')):
        callers[next((f for f in frames if f.startswith('io.headprobe.')), '(none of ours)')] += 1
print('execution samples: %d; innermost frame ours: %d; a frame of ours anywhere: %d' % (len(events), ours_leaf, ours_any))
for title, counter, n in (('innermost frame by package:', packages, 10),
                          ('samples with SmallRye Config or context propagation innermost, by the nearest frame of ours:', callers, 8)):
    print(title + ''.join('\n  %4d %s' % (count, frame) for frame, count in counter.most_common(n)))
PY
