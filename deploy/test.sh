#!/usr/bin/env bash
# The test command of perf-monitoring (README "Quick start"; .ci/run runs exactly this).
#
# On a fresh Debian machine it installs what the tests need when it is missing -- a JDK, Maven (which
# bootstraps the wrapper's Maven 3.9.11; a test proves that), Prometheus with promtool, the Pushgateway -- as root via apt-get,
# or stops naming the packages to install. Then it runs the whole build with the Maven wrapper:
# unit tests, @QuarkusIntegrationTest ITs against the packaged services, and the deploy/ verification.
# Extra arguments go to Maven, e.g. ./deploy/test.sh -pl demo-api -am
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing+=(prometheus)
{ command -v prometheus-pushgateway || command -v pushgateway; } >/dev/null 2>&1 || missing+=(prometheus-pushgateway)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: missing ${missing[*]}; install them first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

exec ./mvnw -B verify "$@"
