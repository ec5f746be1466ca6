#!/usr/bin/env bash
# The main job of perf-monitoring on one machine, without a cluster or Docker: a load test watched by Prometheus,
# ending in an SLO verdict. It is `deploy/perf-stack run` (see `deploy/perf-stack run --help` and deploy/local/README.md):
#
#   deploy/local/run.sh [--duration SECONDS] [--rate FACTOR] [--testid ID] [--keep-running]
#                       [--slo 'METHOD PATH=SECONDS']... [--slo-all SECONDS] [--max-error-ratio R] [--values FILE]...
#                       [--work-dir DIR] [--dry-run]
#
# Exit codes: 0 every SLO met, 1 an SLO failed, 2 bad usage, 3 the stack could not start, 4 internal error.
exec "$(dirname "$0")/../perf-stack" run "$@"
