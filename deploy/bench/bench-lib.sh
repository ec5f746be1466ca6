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
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install $*; java: a JDK 17+)" >&2; exit 1; }
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
