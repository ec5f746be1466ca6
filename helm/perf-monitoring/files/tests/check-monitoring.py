#!/usr/bin/env python3
"""helm test: is this release's monitoring wired? Asks Prometheus's HTTP API and, when configured, Grafana's.

Usage: check-monitoring.py CHECKS_JSON

CHECKS_JSON is the checks.json the chart renders into the test ConfigMap (templates/tests/test-monitoring.yaml):
what this release expects Prometheus and Grafana to have, and the values that name it. GRAFANA_USER and
GRAFANA_PASSWORD, when set, are sent to Grafana as basic auth.

Checks, repeated every intervalSeconds until all pass or timeoutSeconds have passed (the operator needs a while to
pick up new ServiceMonitors and PrometheusRules, and Prometheus to reload and scrape):
  targets       every ServiceMonitor of the release has active targets in Prometheus, and every one is up;
  rules         every rule group of the release's PrometheusRule is loaded, and no rule of them fails;
  remote write  the remote-write receiver k6 writes to answers (a Prometheus without it answers 404);
  native        Prometheus ingests native histograms, when k6 sends its trends as native histograms;
  dashboards    Grafana has every dashboard uid of the chart, when a Grafana URL is configured.
Each failure names its cause and the value to set. Exit code 0 when every check passed, 1 when one failed, 2 for
a bad CHECKS_JSON. Python standard library only (the image is python:3-alpine).
"""

import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HTTP_TIMEOUT_SECONDS = 10


class Unreachable(Exception):
    """Nothing answered at a URL (connection refused, unknown host, timeout)."""


def request(url, method="GET", body=None, headers=None):
    """Returns (status, body text) for any HTTP answer; raises Unreachable when nothing answers."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise Unreachable(str(reason)) from error


def api(base, path):
    """The data of a Prometheus API answer; raises Unreachable, or ValueError for an answer that is not one."""
    status, text = request(base.rstrip("/") + path)
    try:
        answer = json.loads(text)
    except ValueError:
        raise ValueError("%s%s answered %d with no Prometheus API response: %s" % (base, path, status, text[:200]))
    if status != 200 or answer.get("status") != "success":
        raise ValueError("%s%s answered %d: %s" % (base, path, status, answer.get("error", text[:200])))
    return answer["data"]


class Checks:
    def __init__(self, config):
        self.config = config
        self.prometheus = config["prometheusUrl"]
        self.values = config["values"]

    def prometheus_hint(self):
        return ("set monitoring.test.prometheusUrl to your Prometheus, or monitoring.stack.prometheusService and "
                "monitoring.stack.namespace to kube-prometheus-stack's Prometheus Service (now %s.%s; a release R of "
                "kube-prometheus-stack names it R-kube-prometheus-prometheus, or R-prometheus when R contains "
                "\"kube-prometheus-stack\")" % (self.values["prometheusService"], self.values["stackNamespace"]))

    def selection_hint(self, selector):
        label = self.values["releaseLabel"]
        now = 'now "%s"' % label if label else "now empty, so the chart sets no release label"
        return ("kube-prometheus-stack's %s picks objects labelled release=<its release name>: set "
                "monitoring.releaseLabel to the name of your kube-prometheus-stack release (%s), or "
                "monitoring.extraLabels to the labels your Prometheus selects; if %s is not that Prometheus, set "
                "monitoring.test.prometheusUrl" % (selector, now, self.prometheus))

    # -- targets ---------------------------------------------------------------------------------------------------
    def targets(self):
        expected = self.config["serviceMonitors"]
        active = api(self.prometheus, "/api/v1/targets?state=active")["activeTargets"]
        failures = []
        up = 0
        scrape_config = None
        for monitor in expected:
            pool = "serviceMonitor/%s/%s/" % (monitor["namespace"], monitor["name"])
            targets = [t for t in active if t.get("scrapePool", "").startswith(pool)]
            if not targets:
                if scrape_config is None:
                    scrape_config = api(self.prometheus, "/api/v1/status/config")["yaml"]
                if pool in scrape_config:
                    failures.append(
                        "ServiceMonitor %s/%s (job %s) is selected but has no target: no ready endpoint behind "
                        "Service %s; see kubectl --namespace %s get endpoints %s, and the pods' readiness"
                        % (monitor["namespace"], monitor["name"], monitor["job"], monitor["service"],
                           monitor["namespace"], monitor["service"]))
                else:
                    failures.append("Prometheus at %s does not scrape ServiceMonitor %s/%s (job %s): %s"
                                    % (self.prometheus, monitor["namespace"], monitor["name"], monitor["job"],
                                       self.selection_hint("serviceMonitorSelector")))
                continue
            for target in targets:
                if target.get("health") == "up":
                    up += 1
                else:
                    failures.append(
                        "target %s of ServiceMonitor %s/%s (job %s) is %s: %s; check that the pod serves metrics "
                        "where the ServiceMonitor scrapes them (management.enabled must match how the images were "
                        "built)" % (target.get("scrapeUrl", "?"), monitor["namespace"], monitor["name"],
                                    monitor["job"], target.get("health", "unknown"),
                                    target.get("lastError") or "not scraped yet"))
        if failures:
            return failures, None
        return [], "%d targets up for %d ServiceMonitors (jobs %s)" % (
            up, len(expected), ", ".join(m["job"] for m in expected))

    # -- rules -----------------------------------------------------------------------------------------------------
    def rules(self):
        rule = self.config["prometheusRule"]
        loaded = {group["name"]: group for group in api(self.prometheus, "/api/v1/rules")["groups"]}
        missing = [name for name in rule["groups"] if name not in loaded]
        if missing:
            return ["Prometheus at %s has not loaded rule groups %s of PrometheusRule %s/%s: %s"
                    % (self.prometheus, ", ".join(missing), rule["namespace"], rule["name"],
                       self.selection_hint("ruleSelector"))], None
        failures = []
        for name in rule["groups"]:
            for loaded_rule in loaded[name].get("rules", []):
                if loaded_rule.get("health") == "err":
                    failures.append("rule %s of group %s fails to evaluate: %s"
                                    % (loaded_rule.get("name"), name, loaded_rule.get("lastError")))
        if failures:
            return failures, None
        return [], "%d rule groups of PrometheusRule %s/%s loaded" % (
            len(rule["groups"]), rule["namespace"], rule["name"])

    # -- remote write ----------------------------------------------------------------------------------------------
    def remote_write(self):
        url = self.config["remoteWrite"]["url"]
        # An empty write request: a receiver refuses it as malformed (400) or accepts it; without the receiver the
        # path does not exist (404). Nothing is written.
        try:
            status, text = request(url, method="POST", body=b"", headers={
                "Content-Type": "application/x-protobuf",
                "Content-Encoding": "snappy",
                "X-Prometheus-Remote-Write-Version": "0.1.0",
            })
        except Unreachable as error:
            return ["nothing answers at the remote-write URL %s (%s): k6's results would be lost; set "
                    "k6.remoteWrite.url to your Prometheus's /api/v1/write, or %s" % (url, error,
                                                                                       self.prometheus_hint())], None
        if status == 404:
            return ["the remote-write receiver is off: %s answers 404, so k6's results would be dropped; set "
                    "prometheus.prometheusSpec.enableRemoteWriteReceiver=true in kube-prometheus-stack's values (a "
                    "Prometheus of your own: --web.enable-remote-write-receiver), or k6.remoteWrite.url to a "
                    "receiver, or k6.remoteWrite.enabled=false if you run no k6" % url], None
        if status in (401, 403):
            return ["the remote-write URL %s refuses writes (%d): k6 sends no credentials; point "
                    "k6.remoteWrite.url at a receiver that accepts them" % (url, status)], None
        if status in (200, 204, 400, 415):
            return [], "remote-write receiver answers at %s (%d to an empty write request)" % (url, status)
        return ["the remote-write URL %s answered %d to an empty write request, not like a Prometheus receiver: %s"
                % (url, status, text[:200])], None

    # -- native histograms -----------------------------------------------------------------------------------------
    def native_histograms(self):
        version = api(self.prometheus, "/api/v1/status/buildinfo").get("version", "")
        numbers = [int(part) for part in version.split("+")[0].split("-")[0].split(".")[:2] if part.isdigit()]
        if len(numbers) == 2 and tuple(numbers) >= (3, 9):
            return [], "Prometheus %s ingests native histograms (always on from 3.9)" % version
        features = api(self.prometheus, "/api/v1/status/flags").get("enable-feature", "")
        if "native-histograms" in [feature.strip() for feature in features.split(",")]:
            return [], "Prometheus %s runs with --enable-feature=native-histograms" % version
        return ["Prometheus %s at %s runs without --enable-feature=native-histograms (enable-feature: %s), so it "
                "rejects the native histograms k6 sends (K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=true in "
                "k6.extraEnv): set prometheus.prometheusSpec.enableFeatures=[native-histograms] in "
                "kube-prometheus-stack's values, or drop that variable from k6.extraEnv"
                % (version, self.prometheus, features or "none")], None

    # -- dashboards ------------------------------------------------------------------------------------------------
    def dashboards(self):
        grafana = self.config["grafana"]
        base = grafana["url"].rstrip("/")
        headers = {"Accept": "application/json"}
        user, password = os.environ.get("GRAFANA_USER"), os.environ.get("GRAFANA_PASSWORD")
        if user and password:
            token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
            headers["Authorization"] = "Basic " + token
        failures = []
        for dashboard in grafana["dashboards"]:
            url = "%s/api/dashboards/uid/%s" % (base, urllib.parse.quote(dashboard["uid"]))
            try:
                status, text = request(url, headers=headers)
            except Unreachable as error:
                return ["nothing answers at Grafana %s (%s): set monitoring.test.grafana.url to Grafana's Service, "
                        "e.g. http://<kube-prometheus-stack release>-grafana.<its namespace>.svc" % (base, error)], None
            if status in (401, 403):
                return ["Grafana at %s refused the dashboard API (%d): set monitoring.test.grafana.existingSecret to "
                        "a Secret in namespace %s with Grafana's user and password (keys "
                        "monitoring.test.grafana.userKey / passwordKey)" % (base, status,
                                                                             self.config["namespace"])], None
            if status == 404:
                failures.append(
                    "dashboard %s (%s) is not in Grafana at %s: its sidecar did not load ConfigMap %s/%s; it loads "
                    "ConfigMaps labelled %s=%s (monitoring.dashboards.label / labelValue must equal the stack's "
                    "grafana.sidecar.dashboards.label / labelValue) from the namespaces in "
                    "grafana.sidecar.dashboards.searchNamespace (monitoring.dashboards.namespace puts them elsewhere)"
                    % (dashboard["uid"], dashboard["file"], base, dashboard["namespace"], dashboard["configMap"],
                       grafana["label"], grafana["labelValue"]))
            elif status != 200:
                failures.append("Grafana at %s answered %d for dashboard %s (%s): %s"
                                % (base, status, dashboard["uid"], dashboard["file"], text[:200]))
        if failures:
            return failures, None
        return [], "%d dashboards in Grafana at %s" % (len(grafana["dashboards"]), base)

    def enabled(self):
        checks = []
        if self.config.get("serviceMonitors"):
            checks.append(("targets", self.targets))
        if self.config.get("prometheusRule"):
            checks.append(("rules", self.rules))
        if self.config.get("remoteWrite"):
            checks.append(("remote write", self.remote_write))
            if self.config["remoteWrite"].get("nativeHistograms"):
                checks.append(("native histograms", self.native_histograms))
        if self.config.get("grafana"):
            checks.append(("dashboards", self.dashboards))
        return checks

    def run_once(self, checks):
        """Runs every check once: (name, failures, summary) per check."""
        results = []
        for name, check in checks:
            try:
                failures, summary = check()
            except Unreachable as error:
                failures, summary = ["no Prometheus answers at %s (%s): %s"
                                     % (self.prometheus, error, self.prometheus_hint())], None
            except (ValueError, KeyError, TypeError) as error:
                failures, summary = ["%s is not a Prometheus API: %s; %s"
                                     % (self.prometheus, error, self.prometheus_hint())], None
            results.append((name, failures, summary))
        return results


def main(argv):
    if len(argv) != 2:
        print("usage: check-monitoring.py CHECKS_JSON", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as file:
            config = json.load(file)
        checks = Checks(config)
        enabled = checks.enabled()
    except (OSError, ValueError, KeyError) as error:
        print("cannot read the checks %s: %s" % (argv[1], error), file=sys.stderr)
        return 2
    print("Monitoring wiring of release %s (namespace %s), Prometheus %s: %s"
          % (config["release"], config["namespace"], config["prometheusUrl"],
             ", ".join(name for name, _ in enabled) or "nothing to check"), flush=True)
    deadline = time.monotonic() + config["timeoutSeconds"]
    while True:
        results = checks.run_once(enabled)
        failed = [result for result in results if result[1]]
        if not failed or time.monotonic() >= deadline:
            break
        print("waiting for: %s" % ", ".join(name for name, _, _ in failed), flush=True)
        time.sleep(max(0, min(config["intervalSeconds"], deadline - time.monotonic())))
    for name, failures, summary in results:
        if failures:
            for failure in failures:
                print("FAIL %s: %s" % (name, failure))
        else:
            print("ok   %s: %s" % (name, summary))
    if failed:
        print("%d of %d checks failed after %d s" % (len(failed), len(results), config["timeoutSeconds"]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
