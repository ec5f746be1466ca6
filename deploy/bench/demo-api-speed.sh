#!/usr/bin/env bash
# Benchmark: demo-api's speed, warm-up, start-up, memory and scrape time, this build against a baseline build, A B A B.
#
#   BASELINE_REF=c63d3e7 deploy/bench/demo-api-speed.sh         # baseline built from a git ref (default main)
#   BASELINE_JAR=/path/to/quarkus-app/quarkus-run.jar deploy/bench/demo-api-speed.sh
#   CURRENT_JAR=demo-api/target/demo-api-1.0.0-SNAPSHOT-runner deploy/bench/demo-api-speed.sh   # e.g. a native executable
#   ROUNDS=3 DURATION=10s deploy/bench/demo-api-speed.sh
#   ROUNDS=0 INTERLEAVED=10 DURATION=5s deploy/bench/demo-api-speed.sh   # the interleaved steady state only
#
# Variants: "current" is this working tree's packaged demo-api started with the JVM options its image ships
# (JAVA_OPTS_APPEND and GC_CONTAINER_OPTIONS of demo-api/src/main/docker/Dockerfile.jvm) on a JDK of the image's
# major version (found under /usr/lib/jvm, or IMAGE_JAVA), with the AOT cache the image's own training run line
# records, run here first, when the Dockerfile has one (RUN java ... -XX:AOTCacheOutput=...; it has none since the
# warm-up runs until compiled), and -XX:MaxRAM=$POD_MEMORY (default 512m, the chart's JVM memory limit) standing in for the
# container's memory limit; CURRENT_JAR may name an executable instead, started as it is), "baseline" the other build
# started with java -jar and the default JDK's defaults. Both with DEMO_API_LATENCY_MODE=off, on free loopback ports. For each round, each variant in turn:
#   start      launch to the first 200 of /q/health/ready (polled every 10 ms)
#   first 1000 the first 1 000 POST /person right after ready (ab -k -c16: exactly 1 000 requests)
#   1st second then one second of POSTs (wrk, like steady below): req/s and server CPU a request, set against the
#              steady POST figures
#   steady     after WARMUP of each endpoint: POST /person, GET /person/{id}, GET /person/list for DURATION each
#              (req/s, p99, and the server's CPU time per request from /proc/PID/stat), and 1 000 POSTs again (the
#              steady-state figure "first 1000" is compared with)
#   memory     RSS idle; then a fresh instance with the default capacity filled with 100 000 persons: RSS, and the
#              median latency of /metrics and /q/metrics (wrk -t1 -c1 for SCRAPE_DURATION, after as long a warm-up)
#   interleaved then both variants at once, each warmed up (WARMUP of each endpoint), and INTERLEAVED (default 10)
#              turns of GET and list for DURATION each, the variants' order swapped every turn: req/s and server CPU a
#              request without the drift of this machine's speed between rounds
# Prints every figure per run, the medians per variant and the ratios current / baseline, and "first 1000 / steady"
# per variant. Loopback only; every process started here is stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
WORK="$BENCH_WORK"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
SCRAPE_DURATION="${SCRAPE_DURATION:-5s}"
ROUNDS="${ROUNDS:-2}"
INTERLEAVED="${INTERLEAVED:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
FIRST="${FIRST:-1000}"
FILL_PERSONS=100000
DOCKERFILE="$BENCH_ROOT/demo-api/src/main/docker/Dockerfile.jvm"

require_tools wrk ab curl java git python3
CURRENT="${CURRENT_JAR:-$(packaged_app demo-api)}"
BASELINE="$(baseline_app demo-api)"

# The image's JVM options, as its run script passes them: GC_CONTAINER_OPTIONS and JAVA_OPTS_APPEND of Dockerfile.jvm,
# with the image's AOT cache in the work directory and its /deployments directory mapped to the build's quarkus-app
# directory; and its training run line (RUN java ... -XX:AOTCacheOutput=...), mapped the same way.
dockerfile_env() {
  sed -n "s/^ENV $1=\"\(.*\)\"$/\1/p" "$DOCKERFILE" | tail -1
}
deployments_mapped() {
  local mapped="${1//\/deployments\/app.aot/$WORK/app.aot}"
  echo "${mapped//\/deployments/$(dirname "$CURRENT")}"
}
IMAGE_JVM_OPTIONS="$(deployments_mapped "$(dockerfile_env GC_CONTAINER_OPTIONS) $(dockerfile_env JAVA_OPTS_APPEND)")"
# Loopback only: the image's -Dquarkus.http.host=0.0.0.0 would outrank QUARKUS_HTTP_HOST.
IMAGE_JVM_OPTIONS="$(sed 's/-Dquarkus\.http\.host=[^ ]*//' <<<"$IMAGE_JVM_OPTIONS")"
# The pod's memory limit, which a container's JVM sizes its heap from (-XX:MaxRAM stands in for the cgroup limit).
POD_MEMORY="${POD_MEMORY:-512m}"
IMAGE_JVM_OPTIONS="-XX:MaxRAM=$POD_MEMORY $IMAGE_JVM_OPTIONS"
TRAINING_RUN="$(deployments_mapped "$(sed -n 's/^RUN java \(.*-XX:AOTCacheOutput=.*\)$/\1/p' "$DOCKERFILE")")"
# -XX:AOTMode=on: a cache the JVM cannot use stops the benchmark instead of being skipped in silence.
if [[ -n "$TRAINING_RUN" ]]; then
  IMAGE_JVM_OPTIONS="$IMAGE_JVM_OPTIONS -XX:AOTMode=on"
fi

# IMAGE_JAVA: a JDK of the major version the image runs on (FROM .../openjdk-NN-runtime), unless set
image_java() {
  local major release
  major="$(sed -n 's/^FROM .*\/openjdk-\([0-9]*\)-runtime:.*/\1/p' "$DOCKERFILE")"
  for release in /usr/lib/jvm/*/release; do
    if grep -q "^JAVA_VERSION=\"$major[.\"]" "$release" && [[ -x "$(dirname "$release")/bin/java" ]]; then
      echo "$(dirname "$release")/bin/java"
      return
    fi
  done
  echo "no JDK $major under /usr/lib/jvm (the JVM image runs on $major): set IMAGE_JAVA" >&2
  exit 1
}
if [[ "$CURRENT" == *.jar ]]; then
  IMAGE_JAVA="${IMAGE_JAVA:-$(image_java)}"
fi

command_of() {
  if [[ "$1" == current ]]; then
    if [[ "$CURRENT" == *.jar ]]; then
      # shellcheck disable=SC2086
      echo "$IMAGE_JAVA" $IMAGE_JVM_OPTIONS -jar "$CURRENT"
    else
      echo "$CURRENT"
    fi
  else
    echo java -jar "$BASELINE"
  fi
}

# record_aot_cache: the image's training run, on a free port: the warm-up, then the JVM writes the AOT cache
record_aot_cache() {
  local began
  began=$(now_ms)
  # shellcheck disable=SC2086
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$(free_port)" DEMO_API_LATENCY_MODE=off \
    "$IMAGE_JAVA" $TRAINING_RUN >"$WORK/training.log" 2>&1 ||
    { echo "the training run failed:" >&2; tail -20 "$WORK/training.log" >&2; exit 1; }
  [[ -s "$WORK/app.aot" ]] || { echo "the training run wrote no AOT cache:" >&2; tail -20 "$WORK/training.log" >&2; exit 1; }
  echo "  AOT cache: recorded by the image's training run in $(($(now_ms) - began)) ms, $(($(stat -c %s "$WORK/app.aot") / 1048576)) MiB"
}

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"first_name": "Bench", "last_name": "Mark", "email": "bench@example.org", "address": "1 Loop Road"}'
LUA
: >"$WORK/scrape.lua"
cat >"$WORK/first.json" <<'JSON'
{"first_name": "Bench", "last_name": "Mark", "email": "bench@example.org", "address": "1 Loop Road"}
JSON
cat >"$WORK/get.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/person/" .. math.random(1, 1000))
end
LUA
cat >"$WORK/list.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/person/list?limit=20&start=" .. math.random(0, 900))
end
LUA

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000; printf "%.3f", n }'
}

# launch VARIANT NAME ENV...: starts an instance, waits for readiness; sets PID, PORT, START_MS
launch() {
  local variant="$1" name="$2"; shift 2
  local log="$WORK/$name.log" started
  PORT="$(free_port)"
  started=$(now_ms)
  # shellcheck disable=SC2046
  env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" DEMO_API_LATENCY_MODE=off "$@" $(command_of "$variant") >"$log" 2>&1 &
  PID=$!
  track "$PID"
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 "$PID" 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    (($(now_ms) - started < 60000)) || { echo "$name not ready within 60 s" >&2; exit 1; }
    sleep 0.01
  done
  START_MS=$(($(now_ms) - started))
}

# run_wrk SCRIPT PATH DURATION [CONNECTIONS] [THREADS]: wrk output
run_wrk() {
  wrk -t"${5:-$THREADS}" -c"${4:-$CONNECTIONS}" -d"$3" --latency -s "$WORK/$1" "http://127.0.0.1:$PORT$2"
}

# first_posts: req/s of exactly FIRST POSTs on CONNECTIONS keep-alive connections (ab: wrk runs for a duration only)
first_posts() {
  ab -q -k -n "$FIRST" -c "$CONNECTIONS" -p "$WORK/first.json" -T application/json "http://127.0.0.1:$PORT/person" \
    | awk '/^Requests per second:/ { printf "%.0f", $4 }'
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$1"; }
p_of() { to_ms "$(awk -v p="$2" '$1 == p { print $2 }' <<<"$1")"; }

# record VARIANT FIGURE VALUE
record() { echo "$3" >>"$WORK/$1-$2"; }

# The server's CPU time (user + system, in clock ticks) so far: per request, a figure the load generator sharing the
# machine's cores disturbs far less than req/s.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLOCK_TICKS="$(getconf CLK_TCK)"

# steady VARIANT NAME SCRIPT PATH [SECONDS]: wrk for DURATION (or SECONDS); records NAME_rps, NAME_p99 and NAME_cpu_us
# (server CPU a request)
steady() {
  local before out requests
  before="$(cpu_ticks "$PID")"
  out="$(run_wrk "$3" "$4" "${5:-$DURATION}")"
  requests="$(awk '/ requests in / { print $1 }' <<<"$out")"
  record "$1" "$2_rps" "$(rps_of "$out")"
  record "$1" "$2_p99" "$(p_of "$out" 99%)"
  record "$1" "$2_cpu_us" "$(awk -v t="$(($(cpu_ticks "$PID") - before))" -v hz="$CLOCK_TICKS" -v n="$requests" \
    'BEGIN { printf "%.1f", t * 1000000 / hz / n }')"
}

FIGURES="start_ms first1000_rps steady1000_rps first_second_rps first_second_cpu_us post_rps post_p99 post_cpu_us get_rps get_p99 get_cpu_us list_rps list_p99 list_cpu_us rss_idle_mb rss_100k_mb metrics_p50_ms q_metrics_p50_ms"

echo "demo-api: current vs baseline, $ROUNDS round(s) A B A B, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, simulated latency off"
echo "  current:  $(command_of current)"
echo "  baseline: $(command_of baseline)"
echo "  machine:  $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$CURRENT" == *.jar && -n "$TRAINING_RUN" ]]; then
  record_aot_cache
fi
for round in $(seq 1 "$ROUNDS"); do
  for variant in current baseline; do
    launch "$variant" "$variant-$round" DEMO_API_STORE_CAPACITY=100000000
    record "$variant" start_ms "$START_MS"
    first="$(first_posts)"
    record "$variant" first1000_rps "$first"
    steady "$variant" first_second post.lua /person 1s
    sleep 1
    record "$variant" rss_idle_mb "$(rss_mb "$PID")"
    for script in post.lua get.lua list.lua; do
      run_wrk "$script" "$([[ $script == post.lua ]] && echo /person || echo /)" "$WARMUP" >/dev/null
    done
    steady "$variant" post post.lua /person
    steady "$variant" get get.lua /
    steady "$variant" list list.lua /
    record "$variant" steady1000_rps "$(first_posts)"
    stop "$PID"

    launch "$variant" "$variant-$round-filled"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d120s -s "$WORK/post.lua" "http://127.0.0.1:$PORT/person" >/dev/null &
    filler=$!
    track "$filler"
    until [[ "$(curl -fs "http://127.0.0.1:$PORT/person/list?limit=1" | sed 's/.*"total":\([0-9]*\).*/\1/')" -ge "$FILL_PERSONS" ]]; do
      kill -0 "$filler" 2>/dev/null || { echo "wrk stopped before the store held $FILL_PERSONS persons" >&2; exit 1; }
      sleep 0.2
    done
    stop "$filler"
    sleep 1
    record "$variant" rss_100k_mb "$(rss_mb "$PID")"
    run_wrk scrape.lua /q/metrics "$SCRAPE_DURATION" 1 1 >/dev/null
    out="$(run_wrk scrape.lua /metrics "$SCRAPE_DURATION" 1 1)"; record "$variant" metrics_p50_ms "$(p_of "$out" 50%)"
    out="$(run_wrk scrape.lua /q/metrics "$SCRAPE_DURATION" 1 1)"; record "$variant" q_metrics_p50_ms "$(p_of "$out" 50%)"
    stop "$PID"
    printf '  round %s %-8s start %5s ms | first %s POSTs %s req/s, the second after %s | steady POST %s GET %s list %s req/s | RSS %s / %s MB | /metrics p50 %s ms\n' \
      "$round" "$variant" "$(tail -1 "$WORK/$variant-start_ms")" "$FIRST" "$first" "$(tail -1 "$WORK/$variant-first_second_rps")" \
      "$(tail -1 "$WORK/$variant-post_rps")" "$(tail -1 "$WORK/$variant-get_rps")" \
      "$(tail -1 "$WORK/$variant-list_rps")" "$(tail -1 "$WORK/$variant-rss_idle_mb")" "$(tail -1 "$WORK/$variant-rss_100k_mb")" \
      "$(tail -1 "$WORK/$variant-metrics_p50_ms")"
  done
done

if ((ROUNDS > 0)); then
  echo
  echo "medians over $ROUNDS round(s)     current     baseline   current/baseline"
  for figure in $FIGURES; do
    c="$(median_of "$WORK/current-$figure")"; b="$(median_of "$WORK/baseline-$figure")"
    python3 -c "print(f'  {\"$figure\":<24} {$c:>10} {$b:>12} {($c / $b if $b else float(\"nan\")):>12.2f}')"
  done
  for variant in current baseline; do
    python3 -c "print(f'  $variant: first $FIRST POSTs after ready / steady state {$(median_of "$WORK/$variant-first1000_rps") / $(median_of "$WORK/$variant-steady1000_rps"):.2f}, the second after them / steady POST {$(median_of "$WORK/$variant-first_second_rps") / $(median_of "$WORK/$variant-post_rps"):.2f}')"
  done
fi

# Interleaved steady state: both variants running at once, each warmed up, then INTERLEAVED turns of DURATION per
# read endpoint, the variants' order swapped every turn (A B, B A, ...). This machine's speed drifts by a fifth within
# minutes; measured this way both variants see the same drift, and the ratio of small differences holds still. Reads
# only: minutes of POSTs would fill the image's 256 MiB heap with persons (the store's capacity is lifted here), and
# measure its collector instead.
if ((INTERLEAVED > 0)); then
  declare -A LIVE_PID LIVE_PORT
  for variant in current baseline; do
    launch "$variant" "$variant-interleaved" DEMO_API_STORE_CAPACITY=100000000
    for script in post.lua get.lua list.lua; do
      run_wrk "$script" "$([[ $script == post.lua ]] && echo /person || echo /)" "$WARMUP" >/dev/null
    done
    LIVE_PID[$variant]=$PID
    LIVE_PORT[$variant]=$PORT
  done
  for turn in $(seq 1 "$INTERLEAVED"); do
    order="current baseline"
    ((turn % 2)) || order="baseline current"
    for variant in $order; do
      PID=${LIVE_PID[$variant]}
      PORT=${LIVE_PORT[$variant]}
      steady "$variant" i_get get.lua /
      steady "$variant" i_list list.lua /
    done
  done
  stop "${LIVE_PID[current]}"
  stop "${LIVE_PID[baseline]}"
  echo
  echo "interleaved, medians of $INTERLEAVED turns  current     baseline   current/baseline"
  for figure in i_get_rps i_get_cpu_us i_list_rps i_list_cpu_us; do
    c="$(median_of "$WORK/current-$figure")"; b="$(median_of "$WORK/baseline-$figure")"
    python3 -c "print(f'  {\"$figure\":<24} {$c:>10} {$b:>12} {($c / $b if $b else float(\"nan\")):>12.2f}')"
  done
fi
echo "  machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
