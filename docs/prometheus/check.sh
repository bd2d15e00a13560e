#!/usr/bin/env bash
# Checks the Prometheus files in this folder with promtool (Debian: apt-get install prometheus).
# PrometheusDocsTest runs the same checks (and the dashboard's queries) in the Maven suite.
set -euo pipefail
cd "$(dirname "$0")"
promtool check config prometheus.yml
promtool check rules alerts.yml
promtool test rules alerts.test.yml
