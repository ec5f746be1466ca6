#!/usr/bin/env bash
# Benchmark: exporter-service's sync push mode, this build against a baseline build, A B A B in one run.
#
#   BASELINE_REF=c63d3e7 deploy/bench/exporter-sync-mode.sh       # baseline built from a git ref (default main)
#   BASELINE_JAR=/path/to/quarkus-app/quarkus-run.jar deploy/bench/exporter-sync-mode.sh
#   ROUNDS=3 DURATION=10s CONNECTIONS="1 16" deploy/bench/exporter-sync-mode.sh
#
# Sync mode (EXPORTER_PUSH_MODE=sync) answers a write only once its state is on the Pushgateway, as the original Go
# exporter did. One Pushgateway (Debian prometheus-pushgateway, in memory) on a free loopback port; for each round and
# each connection count, a fresh exporter of each variant in turn ("current": this working tree's packaged
# exporter-service; "baseline": the other build), each started with java -jar as a user would, warmed up for WARMUP,
# then wrk POSTs /addBatchWise for DURATION. Printed per run: accepted req/s, p50, p99, Pushgateway PUTs per second;
# then the medians per variant and the throughput ratio current / baseline. Each run ends with wrk POSTing
# /updateTotal {"totalReq": 1} for VERIFY_DURATION and a check that the total on the Pushgateway equals the updates
# the exporter accepted and that no answer was an error (zero lost updates).
# Loopback only; every process started here is stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
BENCH_DIR="$BENCH_ROOT/deploy/bench"
WORK="$BENCH_WORK"
DURATION="${DURATION:-10s}"
VERIFY_DURATION="${VERIFY_DURATION:-3s}"
WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16 1}"
PUSHGATEWAY_BIN="${PUSHGATEWAY_BIN:-$(command -v prometheus-pushgateway || command -v pushgateway || true)}"

require_tools wrk curl java python3 git
[[ -x "$PUSHGATEWAY_BIN" ]] || { echo "missing the Pushgateway: apt-get install prometheus-pushgateway (or set PUSHGATEWAY_BIN)" >&2; exit 1; }
declare -A JAR
JAR[current]="$(packaged_app exporter-service)"
JAR[baseline]="$(baseline_app exporter-service)"

PG_PORT="$(free_port)"
"$PUSHGATEWAY_BIN" --web.listen-address="127.0.0.1:$PG_PORT" --persistence.file= >"$WORK/pushgateway.log" 2>&1 &
track $!
await_http "http://127.0.0.1:$PG_PORT/-/ready" 30

pushgateway_puts() {
  curl -fsS "http://127.0.0.1:$PG_PORT/metrics" \
    | awk '/^pushgateway_http_requests_total\{/ && /handler="push"/ && /method="put"/ && /code="2/ { sum += $2 } END { printf "%d", sum }'
}

run_field() {
  curl -fsS "http://127.0.0.1:$EXPORTER_PORT/runs" | python3 -c '
import json, sys
runs = [run for run in json.load(sys.stdin) if run["testid"] == sys.argv[1]]
print(runs[0][sys.argv[2]] if runs else "")' "$1" "$2"
}

run_wrk() {
  BENCH_PATH="$1" BENCH_TESTID="$2" wrk -t"$((THREADS < $3 ? THREADS : $3))" -c"$3" -d"$4" --timeout 10s --latency \
    -s "$BENCH_DIR/exporter-post.lua" "http://127.0.0.1:$EXPORTER_PORT"
}

to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000; printf "%.2f", n }'
}

LOST=0
echo "exporter sync mode: current vs baseline, wrk -t$THREADS -d$DURATION, connections: $CONNECTIONS, $ROUNDS round(s) A B A B"
echo "  current:  ${JAR[current]}"
echo "  baseline: ${JAR[baseline]}"
for round in $(seq 1 "$ROUNDS"); do
  for connections in $CONNECTIONS; do
    for variant in current baseline; do
      EXPORTER_PORT="$(free_port)"
      PUSH_GATEWAY_URL="http://127.0.0.1:$PG_PORT/" JOB_NAME=bench EXPORTER_PUSH_MODE=sync \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$EXPORTER_PORT" QUARKUS_LOG_LEVEL=WARN \
        java -jar "${JAR[$variant]}" >"$WORK/exporter-$variant.log" 2>&1 &
      pid=$!
      track "$pid"
      await_http "http://127.0.0.1:$EXPORTER_PORT/q/health/ready" 60
      testid="bench-$variant-$round-$connections"
      run_wrk /addBatchWise "warmup-$testid" "$connections" "$WARMUP" >/dev/null
      puts_before="$(pushgateway_puts)"
      start_ns="$(date +%s%N)"
      out="$(run_wrk /addBatchWise "$testid" "$connections" "$DURATION")"
      elapsed_ns=$(($(date +%s%N) - start_ns))
      puts_after="$(pushgateway_puts)"
      rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
      p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
      p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
      put_rate="$(python3 -c "print(f'{($puts_after - $puts_before) / ($elapsed_ns / 1e9):.0f}')")"
      echo "$rps $p50 $p99 $put_rate" >>"$WORK/$variant-$connections"

      verify="$(run_wrk /updateTotal "verify-$testid" "$connections" "$VERIFY_DURATION")"
      read -r completed non2xx < <(sed -n 's/^wrk-result completed=\([0-9]*\) non2xx=\([0-9]*\) .*/\1 \2/p' <<<"$verify")
      deadline=$((SECONDS + 30))
      until [[ "$(run_field "verify-$testid" pending)" == "False" ]]; do
        ((SECONDS < deadline)) || { echo "verify-$testid still pending after 30 s" >&2; exit 1; }
        sleep 0.2
      done
      accepted="$(run_field "verify-$testid" updates)"
      pushed="$(curl -fsS "http://127.0.0.1:$PG_PORT/metrics" \
        | awk -v run="testid=\"verify-$testid\"" '/^Loadtests_total_overall_requests_made\{/ && index($0, run) { printf "%d", $2 }')"
      verdict="0 lost of $accepted"
      if [[ "$pushed" != "$accepted" || "$non2xx" != 0 ]] || ((accepted < completed - non2xx)); then
        verdict="LOST: $accepted accepted, $pushed pushed, $non2xx non-2xx"
        LOST=1
      fi
      printf '  round %s  %-8s c=%-3s %10s req/s   p50 %7s ms   p99 %7s ms   %6s PUTs/s   %s\n' \
        "$round" "$variant" "$connections" "$rps" "$p50" "$p99" "$put_rate" "$verdict"
      stop "$pid"
    done
  done
done

echo
echo "medians                    req/s     p50 ms     p99 ms    PUTs/s"
for connections in $CONNECTIONS; do
  for variant in current baseline; do
    f="$WORK/$variant-$connections"
    printf '  c=%-3s %-9s %12s %10s %10s %9s\n' "$connections" "$variant" "$(median_of "$f" 1)" "$(median_of "$f" 2)" \
      "$(median_of "$f" 3)" "$(median_of "$f" 4)"
  done
  python3 -c "print(f'  c=$connections throughput ratio current / baseline: {$(median_of "$WORK/current-$connections") / $(median_of "$WORK/baseline-$connections"):.2f}x')"
done
exit "$LOST"
