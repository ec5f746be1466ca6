#!/usr/bin/env bash
# Benchmark: what demo-api's own (prometric) metrics cost, plus its startup time and memory.
#
#   deploy/bench/demo-api-instrumentation.sh            # builds demo-api if target/quarkus-app is missing
#   DURATION=15s CONNECTIONS=32 ROUNDS=1 deploy/bench/demo-api-instrumentation.sh
#
# Two instances of the same build (java -jar demo-api/target/quarkus-app/quarkus-run.jar) on free loopback ports,
# simulated latency off: "instrumented" as built, and "metrics-off" with DEMO_API_METRICS_ENABLED=false (Quarkus's own
# http_server_requests_seconds stays in both). After a WARMUP of each, wrk runs POST /person and GET /person/{id}
# (ids 1..1000 at random) for DURATION against one instance, then the other, ROUNDS times in the order A B B A, so
# drift on a shared machine falls on both alike. Prints req/s and p50/p99 per run, the medians per variant and the
# throughput ratio instrumented / metrics-off (goal: at least 0.90, i.e. instrumentation costs at most 10 %).
# The POST runs keep adding persons (capacity raised to 10 000 000 for them, so no run meets 507s); the A B B A order
# gives both instances the same store sizes and heap growth at each pair of runs.
# Then: startup time to the first ready answer and RSS after startup of each instance, and the RSS of a fresh
# instrumented instance holding 100 000 persons (the default capacity, filled by wrk).
# Loopback only; every process started here is stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
WORK="$BENCH_WORK"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
FILL_PERSONS=100000

require_tools wrk curl java
JAR="$(packaged_app demo-api)"

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"first_name": "Bench", "last_name": "Mark", "email": "bench@example.org", "address": "1 Loop Road"}'
LUA
cat >"$WORK/get.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/person/" .. math.random(1, 1000))
end
LUA

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# start NAME ENV...: starts an instance on a free loopback port (port 0, read back from its log); sets PORT_<NAME>,
# PID_<NAME>, STARTUP_MS_<NAME> (launch to first 200 from /q/health/ready) and RSS_START_<NAME>.
start() {
  local name="$1"; shift
  local log="$WORK/$name.log" started port=""
  started=$(now_ms)
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=0 DEMO_API_LATENCY_MODE=off "$@" \
    java -jar "$JAR" >"$log" 2>&1 &
  local pid=$!
  track "$pid"
  for _ in $(seq 1 3000); do
    port=$(sed -n 's|.*Listening on: http://127.0.0.1:\([0-9]*\).*|\1|p' "$log" | head -1)
    if [[ -n "$port" ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
      break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.01
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" || { echo "$name not ready" >&2; exit 1; }
  printf -v "PORT_$name" '%s' "$port"
  printf -v "PID_$name" '%s' "$pid"
  printf -v "STARTUP_MS_$name" '%s' "$(($(now_ms) - started))"
  sleep 1
  printf -v "RSS_START_$name" '%s' "$(rss_mb "$pid")"
}

# to_ms VALUE: wrk latency (e.g. 812.00us, 1.25ms, 1.02s) in milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000
    printf "%.2f", n }'
}

# bench NAME ENDPOINT DURATION [warmup]: one wrk run; unless warmup, prints a row and appends "rps p50 p99" to
# $WORK/NAME-ENDPOINT
bench() {
  local name="$1" endpoint="$2" duration="$3" port script path out rps p50 p99 errors
  port="PORT_$name"; port="${!port}"
  if [[ "$endpoint" == POST ]]; then script="$WORK/post.lua"; path=/person; else script="$WORK/get.lua"; path=/; fi
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$script" "http://127.0.0.1:$port$path")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
  if [[ "${4:-}" != warmup ]]; then
    echo "$rps $p50 $p99" >>"$WORK/$name-$endpoint"
    printf '  %-13s %-4s %10s req/s   p50 %7s ms   p99 %7s ms%s\n' "$name" "$endpoint" "$rps" "$p50" "$p99" \
      "${errors:+   non-2xx: $errors}"
  fi
}

# median COLUMN FILE
median() { awk -v c="$1" '{ print $c }' "$2" | sort -g | awk '{ v[NR] = $1 } END { m = (NR + 1) / 2; printf "%.2f", (v[int(m)] + v[int(m + 0.5)]) / 2 }'; }

echo "demo-api instrumentation benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS round(s) A B B A, simulated latency off"
start instrumented DEMO_API_STORE_CAPACITY=10000000
start metrics_off DEMO_API_STORE_CAPACITY=10000000 DEMO_API_METRICS_ENABLED=false

echo "warm-up ($WARMUP per endpoint and instance) ..."
for name in instrumented metrics_off; do
  bench "$name" POST "$WARMUP" warmup
  bench "$name" GET "$WARMUP" warmup
done

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  for endpoint in POST GET; do
    for name in instrumented metrics_off metrics_off instrumented; do
      bench "$name" "$endpoint" "$DURATION"
    done
  done
done

echo
echo "medians                         req/s      p50 ms    p99 ms"
for endpoint in POST GET; do
  for name in instrumented metrics_off; do
    printf '  %-4s %-13s %16s %10s %9s\n' "$endpoint" "$name" "$(median 1 "$WORK/$name-$endpoint")" \
      "$(median 2 "$WORK/$name-$endpoint")" "$(median 3 "$WORK/$name-$endpoint")"
  done
  awk -v a="$(median 1 "$WORK/instrumented-$endpoint")" -v b="$(median 1 "$WORK/metrics_off-$endpoint")" -v e="$endpoint" \
    'BEGIN { r = a / b; printf "  %-4s throughput ratio instrumented / metrics-off: %.3f (cost %.1f %%) -> %s\n", e, r, (1 - r) * 100, (r >= 0.90 ? "within the 10 % goal" : "OVER the 10 % goal") }'
done

echo
echo "startup and memory (JVM mode, default heap settings)"
printf '  instrumented: first ready answer %5s ms after launch, RSS after startup %s MB\n' "$STARTUP_MS_instrumented" "$RSS_START_instrumented"
printf '  metrics-off:  first ready answer %5s ms after launch, RSS after startup %s MB\n' "$STARTUP_MS_metrics_off" "$RSS_START_metrics_off"
for pid in "$PID_instrumented" "$PID_metrics_off"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done

start filled
wrk -t"$THREADS" -c"$CONNECTIONS" -d120s -s "$WORK/post.lua" "http://127.0.0.1:$PORT_filled/person" >/dev/null &
FILLER=$!
track "$FILLER"
filled_started=$(now_ms)
until [[ "$(curl -fs "http://127.0.0.1:$PORT_filled/person/list?limit=1" | sed 's/.*"total":\([0-9]*\).*/\1/')" -ge "$FILL_PERSONS" ]]; do
  kill -0 "$FILLER" 2>/dev/null || { echo "wrk stopped before the store held $FILL_PERSONS persons" >&2; exit 1; }
  sleep 0.2
done
kill "$FILLER"; wait "$FILLER" 2>/dev/null || true
sleep 1
printf '  fresh instrumented instance: %s persons stored in %s ms (store full: further creates answer 507), RSS %s MB (after startup %s MB)\n' \
  "$FILL_PERSONS" "$(($(now_ms) - filled_started))" "$(rss_mb "$PID_filled")" "$RSS_START_filled"
