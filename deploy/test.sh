#!/usr/bin/env bash
# The test command of perf-monitoring (README "Quick start"; .ci/run runs exactly this).
#
# On a fresh Debian machine it installs what the tests need when it is missing -- a JDK, Maven (which
# bootstraps the wrapper's Maven 3.9.11; a test proves that), Prometheus with promtool, the Pushgateway, python3 (the
# chart's helm test check, files/tests/check-monitoring.py, runs against a real Prometheus), Chromium and its driver
# (the run report is checked in a real browser) -- as root via apt-get, or stops naming the packages to install. Then it runs two builds with the Maven wrapper:
# 1. the Quarkus native build steps for every service, without GraalVM (-Dquarkus.native.sources-only=true stops
#    before native-image and writes target/native-sources/: the runner jar, its libraries and native-image.args);
#    any build-step error fails it. It runs first so that deploy/'s tests can check what it wrote;
# 2. the whole build: unit tests, @QuarkusIntegrationTest ITs against the packaged services, and the deploy/
#    verification.
# Extra arguments go to the second build, e.g. ./deploy/test.sh -pl demo-api -am
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing+=(prometheus)
{ command -v prometheus-pushgateway || command -v pushgateway; } >/dev/null 2>&1 || missing+=(prometheus-pushgateway)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)

source deploy/packages.sh
install_missing ${missing[@]+"${missing[@]}"} || exit 1

./mvnw -B package -DskipTests -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true \
  -pl demo-api,exporter-service,exposer-service -am
exec ./mvnw -B verify "$@"
