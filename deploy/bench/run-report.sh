#!/usr/bin/env bash
# Benchmark: the run report of a 10-minute run -- how long `perf-stack report` takes to write it, how big it is, and how
# long Chromium takes to open it.
#
#   deploy/bench/run-report.sh                    # a 600 s run of the Person scenario first (about 11 minutes)
#   DURATION=120 REPEATS=5 deploy/bench/run-report.sh
#
# 1. deploy/local/run.sh --duration DURATION into a fresh work directory (the run writes its own report too);
# 2. a Prometheus on the run's data directory (loopback, free port);
# 3. REPEATS times, alternating: `deploy/perf-stack report --testid` of the run (the whole command as a user runs it:
#    JVM start, finding the run, every query, writing the file), then Chromium (Debian's, headless, fresh profile)
#    opening the report, then Chromium opening an empty page -- the difference is what the report costs to open.
# Prints the medians and the goals (written in <= 2 s, <= 1 MB, opened in <= 1 s). Loopback only; everything started is
# stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
WORK="$BENCH_WORK"
DURATION="${DURATION:-600}"
REPEATS="${REPEATS:-7}"
TESTID="bench-report-$DURATION"

require_tools java python3 prometheus chromium

median() {
  sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

millis_of() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

echo "run: deploy/local/run.sh --duration $DURATION (the Person scenario, default SLOs)" >&2
(cd "$BENCH_ROOT" && PUSHGATEWAY_PORT=$(free_port) DEMO_API_PORT=$(free_port) EXPORTER_PORT=$(free_port) \
  EXPOSER_PORT=$(free_port) PROMETHEUS_PORT=$(free_port) GRAFANA_PORT=$(free_port) \
  deploy/local/run.sh --duration "$DURATION" --testid "$TESTID" --work-dir "$WORK/stack" > "$WORK/run.log" 2>&1) \
  || echo "run.sh exit code $? (an SLO verdict; the report is what is measured)" >&2

PORT=$(free_port)
printf 'global:\n  scrape_interval: 1h\n' > "$WORK/prometheus.yml"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/stack/prometheus-data" \
  --web.listen-address="127.0.0.1:$PORT" --log.level=warn > "$WORK/prometheus.log" 2>&1 &
track $!
await_http "http://127.0.0.1:$PORT/-/ready" 60

echo '<!DOCTYPE html><html><body></body></html>' > "$WORK/empty.html"
for i in $(seq "$REPEATS"); do
  millis_of "$BENCH_ROOT/deploy/perf-stack" report --prometheus-url "http://127.0.0.1:$PORT" --testid "$TESTID" \
    --out "$WORK/report.html" >> "$WORK/write.ms"
  for page in report empty; do
    rm -rf "$WORK/profile"
    millis_of chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$WORK/profile" --dump-dom \
      "file://$WORK/$page.html" >> "$WORK/$page.ms"
  done
done

write=$(median "$WORK/write.ms")
bytes=$(stat -c %s "$WORK/report.html")
report=$(median "$WORK/report.ms")
empty=$(median "$WORK/empty.ms")
open=$((report - empty))
echo
echo "report of a ${DURATION} s run ($REPEATS alternating repeats, medians):"
printf '  written by perf-stack report   %6d ms   (goal <= 2000 ms: %s)\n' "$write" "$([ "$write" -le 2000 ] && echo met || echo missed)"
printf '  size                           %6d KB   (goal <= 1000 KB: %s)\n' $((bytes / 1000)) "$([ "$bytes" -le 1000000 ] && echo met || echo missed)"
printf '  Chromium: report %d ms, empty page %d ms: opening costs %d ms (goal <= 1000 ms: %s)\n' "$report" "$empty" \
  "$open" "$([ "$open" -le 1000 ] && echo met || echo missed)"
