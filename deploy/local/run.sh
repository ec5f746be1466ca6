#!/usr/bin/env bash
# The main job of perf-monitoring on one machine, without a cluster or Docker: a load test watched by Prometheus,
# ending in an SLO verdict.
#
#   deploy/local/run.sh [--duration SECONDS] [--rate FACTOR] [--testid ID] [--keep-running]
#                       [--slo 'METHOD PATH=SECONDS']... [--slo-all SECONDS] [--max-error-ratio R] [--values FILE]...
#
# 1. installs Prometheus and the Pushgateway from Debian's packages when they are missing (as root; otherwise it
#    names the packages to install);
# 2. builds the three services and the stack runner with the Maven wrapper (skip with SKIP_BUILD=1 when built);
# 3. starts on loopback a Pushgateway, demo-api, exporter-service, exposer-service and a Prometheus that loads the
#    chart's rules (rendered from helm/perf-monitoring), scrapes like the chart's ServiceMonitors and receives remote
#    write -- and Grafana with the chart's dashboards when a Grafana server is installed;
# 4. runs seed 001's Person scenario (the Java twin of deploy/k6/person-api.js) with a progress line, reporting
#    batches to the exporter like the original concurrency controller;
# 5. prints the SLO report from Prometheus's recording rules and exits 0 when every SLO is met, 1 when one failed
#    (2: bad usage, 3: the stack did not start). Everything it started is stopped on exit and on Ctrl-C.
# Ports: PUSHGATEWAY_PORT=9091 DEMO_API_PORT=7080 EXPORTER_PORT=8000 EXPOSER_PORT=8001 PROMETHEUS_PORT=9090 GRAFANA_PORT=3000
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
{ command -v prometheus-pushgateway || command -v pushgateway; } >/dev/null 2>&1 || missing+=(prometheus-pushgateway)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null 2>&1 || [ -x "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/apache-maven-3.9.11/apache-maven-3.9.11/bin/mvn" ] \
    || missing+=(maven)
fi
source deploy/packages.sh
install_missing ${missing[@]+"${missing[@]}"} || exit 3

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "run.sh: building the services and the stack runner (./mvnw package, about a minute; SKIP_BUILD=1 skips it)" >&2
  ./mvnw -B -q package -DskipTests -pl demo-api,exporter-service,exposer-service,deploy/stack -am
fi

exec java -jar deploy/stack/target/perf-stack.jar run "$@"
