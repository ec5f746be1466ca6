#!/usr/bin/env bash
# Benchmark: how long a scrape of exposer-service takes, and how big it is, at about 100, 1 000 and 10 000 sample
# series (exposer.cardinality.label-values 4, 38 and 384: 26 series per label value plus sample_build_info).
#
#   deploy/bench/exposer-scrape.sh            # builds exposer-service if target/quarkus-app is missing
#   SCRAPES=500 deploy/bench/exposer-scrape.sh
#
# For each size: a fresh exposer (java -jar target/quarkus-app/quarkus-run.jar) on a free loopback port, generating
# on its normal one-second schedule; WARMUP scrapes to let the JIT settle, then SCRAPES scrapes of / with the Accept
# header Prometheus sends (text format 0.0.4), one curl each, timed by curl (connect to last byte). Prints the series
# counted in the scrape, its size in bytes and lines, the median / p90 / max scrape time, the ratio of the 10 000-series
# median to the 100-series median, and the verdict on the goal (10 000 series in at most GOAL_MS median).
# Loopback only; everything started is stopped on exit.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
WORK="$BENCH_WORK"
SCRAPES="${SCRAPES:-200}"
WARMUP="${WARMUP:-100}"
GOAL_MS="${GOAL_MS:-50}"
LABEL_VALUES=(4 38 384)
ACCEPT='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'

require_tools curl java python3
JAR="$(packaged_app exposer-service)"

# percentile FILE P: the P-th percentile (nearest rank) of the numbers in FILE, one per line
percentile() {
  sort -g "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}

ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }

echo "exposer scrape benchmark: $WARMUP warm-up + $SCRAPES timed scrapes of / per size, $(nproc) cores"
printf '%-13s %14s %12s %8s %11s %9s %9s\n' "label values" "sample series" "bytes" "lines" "median ms" "p90 ms" "max ms"
declare -A MEDIAN
for values in "${LABEL_VALUES[@]}"; do
  PORT="$(free_port)"
  EXPOSER_CARDINALITY_LABEL_VALUES="$values" java -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 \
    -jar "$JAR" >"$WORK/exposer-$values.log" 2>&1 &
  PID=$!
  track "$PID"
  URL="http://127.0.0.1:$PORT/"
  await_http "http://127.0.0.1:$PORT/q/health/ready" 60

  for ((i = 0; i < WARMUP; i++)); do curl -fsS -o /dev/null -H "Accept: $ACCEPT" "$URL"; done
  curl -fsS -H "Accept: $ACCEPT" "$URL" >"$WORK/scrape-$values.txt"
  : >"$WORK/times-$values.txt"
  for ((i = 0; i < SCRAPES; i++)); do
    curl -fsS -o /dev/null -H "Accept: $ACCEPT" -w '%{time_total}\n' "$URL" >>"$WORK/times-$values.txt"
  done
  stop "$PID"

  series="$(grep -c '^sample_' "$WORK/scrape-$values.txt")"
  bytes="$(wc -c <"$WORK/scrape-$values.txt")"
  lines="$(wc -l <"$WORK/scrape-$values.txt")"
  MEDIAN[$values]="$(percentile "$WORK/times-$values.txt" 50)"
  printf '%-13s %14s %12s %8s %11s %9s %9s\n' "$values" "$series" "$bytes" "$lines" "$(ms "${MEDIAN[$values]}")" \
    "$(ms "$(percentile "$WORK/times-$values.txt" 90)")" "$(ms "$(percentile "$WORK/times-$values.txt" 100)")"
done

largest="${LABEL_VALUES[-1]}"
smallest="${LABEL_VALUES[0]}"
awk -v big="${MEDIAN[$largest]}" -v small="${MEDIAN[$smallest]}" -v goal="$GOAL_MS" 'BEGIN {
  printf "median ratio, ~10 000 vs ~100 series: %.1fx\n", big / small
  verdict = (big * 1000 <= goal) ? "met" : "MISSED"
  printf "goal (~10 000 series in at most %d ms median): %s (%.2f ms)\n", goal, verdict, big * 1000
}'
