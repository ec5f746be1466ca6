# Shared plumbing of the benchmarks in deploy/bench/ (sourced, not run): tool checks, building a module's packaged
# app when missing, a work directory, free loopback ports, readiness polling, and stopping every process a benchmark
# started (on exit, Ctrl-C and TERM). Loopback only.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_WORK="$(mktemp -d)"
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT INT TERM

# require_tools TOOL...: stop naming what to install when a tool is missing
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install wrk apache2-utils curl python3 git; java: a JDK 17+)" >&2; exit 1; }
  done
}

# packaged_app MODULE: the module's quarkus-run.jar, built with the Maven wrapper when it is missing
packaged_app() {
  local jar="$BENCH_ROOT/$1/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]]; then
    echo "building $1 ..." >&2
    (cd "$BENCH_ROOT" && ./mvnw -B -q package -pl "$1" -am -DskipTests) >&2
  fi
  echo "$jar"
}

# track PID: stop it with everything else on exit
track() {
  BENCH_PIDS+=("$1")
}

# stop PID: stop one tracked process now
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# await_http URL SECONDS: until URL answers 2xx, or fail showing the logs in the work directory
await_http() {
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "no answer from $1 within $2 s" >&2; tail -20 "$BENCH_WORK"/*.log >&2; exit 1; }
    sleep 0.2
  done
}

# baseline_app MODULE: the quarkus-run.jar a benchmark compares the current build against: $BASELINE_JAR when set,
# otherwise MODULE packaged from the git ref $BASELINE_REF (default main) of this repository, exported into the work
# directory (git archive) and built there with the Maven wrapper ($BASELINE_MAVEN_ARGS, e.g. -o, added to its command)
baseline_app() {
  if [[ -n "${BASELINE_JAR:-}" ]]; then
    [[ -f "$BASELINE_JAR" ]] || { echo "BASELINE_JAR $BASELINE_JAR does not exist" >&2; exit 1; }
    echo "$BASELINE_JAR"
    return
  fi
  local ref="${BASELINE_REF:-main}" dir="$BENCH_WORK/baseline-src"
  if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir"
    git -C "$BENCH_ROOT" archive "$ref" | tar -x -C "$dir" || { echo "cannot export git ref $ref" >&2; exit 1; }
  fi
  echo "building the baseline $1 from $ref ($(git -C "$BENCH_ROOT" rev-parse --short "$ref")) ..." >&2
  # shellcheck disable=SC2086
  (cd "$dir" && ./mvnw -B -q ${BASELINE_MAVEN_ARGS:-} package -pl "$1" -am -DskipTests) >&2
  echo "$dir/$1/target/quarkus-app/quarkus-run.jar"
}

# median FILE [COLUMN]: the median of a column of numbers (default the first)
median_of() {
  awk -v c="${2:-1}" '{ print $c }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } m = (NR + 1) / 2; printf "%.2f", (v[int(m)] + v[int(m + 0.5)]) / 2 }'
}
