#!/usr/bin/env bash
# Benchmark: exporter-service in coalesced and in sync push mode, same run, real Pushgateway behind it.
#
#   deploy/bench/exporter-push-modes.sh            # builds exporter-service if target/quarkus-app is missing
#   DURATION=20s CONNECTIONS=32 deploy/bench/exporter-push-modes.sh
#
# For each mode: a fresh exporter (java -jar target/quarkus-app/quarkus-run.jar) on a free loopback port, pushing to
# one Pushgateway (Debian prometheus-pushgateway, in memory); wrk POSTs /addBatchWise for DURATION and the script
# prints accepted req/s, p99 latency and Pushgateway pushes per second (from the Pushgateway's own request counter);
# then wrk POSTs /updateTotal {"totalReq": 1} for VERIFY_DURATION and the script checks that the total on the
# Pushgateway equals the updates the exporter accepted and the 2xx answers wrk got (zero lost updates).
# Finally the throughput ratio coalesced / sync. Loopback only; everything started is stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
ROOT="$BENCH_ROOT"
BENCH_DIR="$ROOT/deploy/bench"
WORK="$BENCH_WORK"
DURATION="${DURATION:-10s}"
VERIFY_DURATION="${VERIFY_DURATION:-5s}"
WARMUP="${WARMUP:-3s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
PUSHGATEWAY_BIN="${PUSHGATEWAY_BIN:-$(command -v prometheus-pushgateway || command -v pushgateway || true)}"

require_tools wrk curl java python3
[[ -x "$PUSHGATEWAY_BIN" ]] || { echo "missing the Pushgateway: apt-get install prometheus-pushgateway (or set PUSHGATEWAY_BIN)" >&2; exit 1; }
JAR="$(packaged_app exporter-service)"

# pushgateway_puts: successful PUTs the Pushgateway has received so far
pushgateway_puts() {
  curl -fsS "http://127.0.0.1:$PG_PORT/metrics" \
    | awk '/^pushgateway_http_requests_total\{/ && /handler="push"/ && /method="put"/ && /code="2/ { sum += $2 } END { printf "%d", sum }'
}

# run_field TESTID FIELD: a field of the run in the exporter's GET /runs
run_field() {
  curl -fsS "http://127.0.0.1:$EXPORTER_PORT/runs" | python3 -c '
import json, sys
runs = [run for run in json.load(sys.stdin) if run["testid"] == sys.argv[1]]
print(runs[0][sys.argv[2]] if runs else "")' "$1" "$2"
}

# run_wrk PATH TESTID DURATION [--latency]: wrk output
run_wrk() {
  BENCH_PATH="$1" BENCH_TESTID="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 10s ${4:-} \
    -s "$BENCH_DIR/exporter-post.lua" "http://127.0.0.1:$EXPORTER_PORT"
}

PG_PORT="$(free_port)"
"$PUSHGATEWAY_BIN" --web.listen-address="127.0.0.1:$PG_PORT" --persistence.file= >"$WORK/pushgateway.log" 2>&1 &
track $!
await_http "http://127.0.0.1:$PG_PORT/-/ready" 30

declare -A RPS P99 PUSH_RATE VERDICT
for MODE in coalesced sync; do
  EXPORTER_PORT="$(free_port)"
  PUSH_GATEWAY_URL="http://127.0.0.1:$PG_PORT/" JOB_NAME=bench EXPORTER_PUSH_MODE="$MODE" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$EXPORTER_PORT" QUARKUS_LOG_LEVEL=WARN \
    java -jar "$JAR" >"$WORK/exporter-$MODE.log" 2>&1 &
  EXPORTER_PID=$!
  track "$EXPORTER_PID"
  await_http "http://127.0.0.1:$EXPORTER_PORT/q/health/ready" 60

  echo "== $MODE: warm-up $WARMUP, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION POST /addBatchWise"
  run_wrk /addBatchWise "warmup-$MODE" "$WARMUP" >/dev/null
  puts_before="$(pushgateway_puts)"
  start_ns="$(date +%s%N)"
  run_wrk /addBatchWise "bench-$MODE" "$DURATION" --latency | tee "$WORK/wrk-$MODE.txt"
  elapsed_ns=$(($(date +%s%N) - start_ns))
  puts_after="$(pushgateway_puts)"
  RPS[$MODE]="$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-$MODE.txt")"
  P99[$MODE]="$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$MODE.txt")"
  PUSH_RATE[$MODE]="$(python3 -c "print(f'{($puts_after - $puts_before) / ($elapsed_ns / 1e9):.1f}')")"

  echo "== $MODE: lost-update check, wrk -d$VERIFY_DURATION POST /updateTotal {\"totalReq\": 1}"
  run_wrk /updateTotal "verify-$MODE" "$VERIFY_DURATION" | tee "$WORK/verify-$MODE.txt" | grep '^wrk-result'
  read -r completed non2xx timeouts socket_errors < <(sed -n 's/^wrk-result completed=\([0-9]*\) non2xx=\([0-9]*\) timeouts=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \4/p' "$WORK/verify-$MODE.txt")
  answered_2xx=$((completed - non2xx))
  deadline=$((SECONDS + 30))
  until [[ "$(run_field "verify-$MODE" pending)" == "False" ]]; do
    ((SECONDS < deadline)) || { echo "verify-$MODE still pending after 30 s" >&2; exit 1; }
    sleep 0.2
  done
  accepted="$(run_field "verify-$MODE" updates)"
  pushed="$(curl -fsS "http://127.0.0.1:$PG_PORT/metrics" \
    | awk -v run="testid=\"verify-$MODE\"" '/^Loadtests_total_overall_requests_made\{/ && index($0, run) { printf "%d", $2 }')"
  # wrk stops with requests in flight: the exporter may accept a few more than the 2xx answers wrk counted
  echo "   2xx answers counted by wrk: $answered_2xx (non-2xx $non2xx, timeouts $timeouts, socket errors $socket_errors)," \
       "accepted by the exporter: $accepted, total on the Pushgateway: $pushed"
  if [[ "$pushed" == "$accepted" && "$non2xx" == 0 ]] && ((accepted >= answered_2xx)); then
    VERDICT[$MODE]="0 of $accepted"
  else
    VERDICT[$MODE]="LOST: $accepted accepted, $pushed pushed, $answered_2xx answered 2xx"
  fi

  stop "$EXPORTER_PID"
done

echo
printf '%-10s %14s %12s %14s   %s\n' mode "accepted req/s" "p99" "pushes/s" "lost updates"
for MODE in coalesced sync; do
  printf '%-10s %14s %12s %14s   %s\n' "$MODE" "${RPS[$MODE]}" "${P99[$MODE]}" "${PUSH_RATE[$MODE]}" "${VERDICT[$MODE]}"
done
python3 -c "print(f'throughput ratio coalesced / sync: {${RPS[coalesced]} / ${RPS[sync]}:.1f}x')"
[[ "${VERDICT[coalesced]}" != LOST* && "${VERDICT[sync]}" != LOST* ]]
