#!/usr/bin/env bash
# Runs an image with Podman and tests it: the same @QuarkusIntegrationTest classes, pointed at the
# running container (quarkus.http.test-host), then: non-root, /q/health/ready UP, `headprobe probe` as a
# command in the same image, stops within 2 s.
# Usage: docker/test-image.sh IMAGE        (needs the podman environment of podman-env.sh)
# The container shares the host network so that the app reaches the tests' loopback servers, and
# runs the test profile (short timeouts, 127.0.0.1/32 allowed, test hosts file, dead DNS port).
set -euo pipefail
cd "$(dirname "$0")/.."
image=$1
port=${TEST_PORT:-8081}
name=headprobe-test-$$
podman rm -f "$name" >/dev/null 2>&1 || true
started=$(date +%s%N)
podman run -d --init --name "$name" --network=host \
  -e QUARKUS_PROFILE=test -e QUARKUS_HTTP_PORT="$port" -e HEADPROBE_DNS_HOSTS_FILE=/tests/hosts \
  -v "$PWD/src/test/resources/hosts:/tests/hosts:ro" "$image" >/dev/null
trap 'podman rm -f "$name" >/dev/null 2>&1 || true' EXIT

until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
  if [ "$(podman inspect -f '{{.State.Running}}' "$name")" != "true" ]; then
    podman logs "$name" | tail -n 30; echo "container exited before it was ready" >&2; exit 1
  fi
  sleep 0.01
done
echo "start to ready: $(( ($(date +%s%N) - started) / 1000000 )) ms (podman run included)"
curl -sf "http://127.0.0.1:$port/q/health/ready" | grep -q '"status": *"UP"' || { echo "readiness is not UP" >&2; exit 1; }

uid=$(podman top "$name" user | tail -n +2 | sort -u)
echo "runs as: $uid"
case "$uid" in root|0|"") echo "the container runs as root" >&2; exit 1 ;; esac

./mvnw -B failsafe:integration-test failsafe:verify \
  -Dquarkus.http.test-host=127.0.0.1 -Dquarkus.http.test-port="$port"

# The same image as a command (arguments after the image name): probe the running service, then --version.
line=$(podman run --rm --network=host "$image" probe --timeout 20s "http://127.0.0.1:$port/q/health/ready") \
  || { echo "headprobe probe in the image exited $?: $line" >&2; exit 1; }
echo "$line" | grep -q '"status":200' || { echo "headprobe probe in the image: unexpected result $line" >&2; exit 1; }
echo "command mode: $(podman run --rm "$image" --version), probe of the service gave status 200"

stop_start=$(date +%s%N)
podman stop -t 10 "$name" >/dev/null
stop_ms=$(( ($(date +%s%N) - stop_start) / 1000000 ))
code=$(podman inspect -f '{{.State.ExitCode}}' "$name")
echo "podman stop took $stop_ms ms, exit code $code"
[ "$stop_ms" -le 2000 ] || { echo "stopping took longer than 2 s" >&2; exit 1; }
case "$code" in 0) ;; *) echo "unclean exit: $code (SIGTERM should end in exit 0)" >&2; podman logs "$name" | tail -n 20; exit 1 ;; esac
