{{/*
The SLO thresholds of the k6 run, as JSON data the k6 script turns into options.thresholds (files/k6/person-api.js,
sloThresholds): slo.endpoints of demo-api's scrape job, each with its request name ("METHOD path", the script's name
tags), latencySeconds and objective, and alerts.highErrorRate.ratio as the failure share allowed over all requests.
Rendered from the same values as the SLO rules: there is no second list.
*/}}
{{- define "perf-monitoring.k6SloThresholds" -}}
{{- $endpoints := list }}
{{- range .Values.slo.endpoints }}
{{- if eq .job "demo-api" }}
{{- $endpoints = append $endpoints (dict "request" (printf "%s %s" .method .path) "latencySeconds" .latencySeconds "objective" .objective) }}
{{- end }}
{{- end }}
{{- toPrettyJson (dict
  "description" "k6 thresholds of the Person scenario, rendered by the perf-monitoring chart from slo.endpoints (demo-api's) and alerts.highErrorRate.ratio: per request name the p(95) of http_req_duration at most latencySeconds and the http_req_failed rate at most 1 - objective; over all requests the http_req_failed rate at most maxFailedRatio."
  "maxFailedRatio" .Values.alerts.highErrorRate.ratio
  "endpoints" $endpoints) }}
{{- end }}

{{/*
The k6 run's options after "k6 run", one YAML list item each, the same for the Job's container and every runner of
the k6-operator's TestRun (whose operator adds its own flags around them): remote write, the testid tag, the JSON
summary, k6.extraArgs. Context: $.
*/}}
{{- define "perf-monitoring.k6RunOptions" -}}
{{- $k6 := .Values.k6 }}
{{- if $k6.remoteWrite.enabled }}
- --out
- experimental-prometheus-rw
{{- end }}
- --tag
- testid={{ include "perf-monitoring.k6Testid" . }}
{{- with $k6.summaryExport }}
- --summary-export
- {{ . }}
{{- end }}
{{- with $k6.extraArgs }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The k6 run's environment, a list of EnvVar, the same for the Job's container and every runner of the TestRun: the
release's demo-api and exporter, the testid, SCALE, the SLO thresholds file beside the script (scriptDir: where the
script's ConfigMap is mounted), remote write with native histograms and stale markers, k6.extraEnv.
Context: dict "root" $ "scriptDir" "<mount path of the script's ConfigMap>".
*/}}
{{- define "perf-monitoring.k6Env" -}}
{{- $root := .root }}
{{- $k6 := $root.Values.k6 }}
{{- $fullname := include "perf-monitoring.fullname" $root }}
- name: BASE_URL
  value: {{ printf "http://%s-demo-api.%s.svc:%d" $fullname $root.Release.Namespace (int $root.Values.demoApi.port) | quote }}
- name: TESTID
  value: {{ include "perf-monitoring.k6Testid" $root | quote }}
- name: SCALE
  value: {{ $k6.scale | quote }}
{{- if $k6.sloThresholds }}
- name: SLO_FILE
  value: {{ printf "%s/slo-thresholds.json" .scriptDir }}
{{- end }}
{{- if $root.Values.exporter.enabled }}
- name: EXPORTER_URL
  value: {{ printf "http://%s-exporter-service.%s.svc:%d" $fullname $root.Release.Namespace (int $root.Values.exporter.port) | quote }}
{{- with include "perf-monitoring.exporterTokenSecret" $root }}
- name: EXPORTER_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $root.Values.exporter.token.secretKey }}
{{- end }}
{{- end }}
{{- if $k6.remoteWrite.enabled }}
- name: K6_PROMETHEUS_RW_SERVER_URL
  value: {{ include "perf-monitoring.k6RemoteWriteUrl" $root | quote }}
# trends as native histograms (k6_http_req_duration_seconds): k6 2.1+'s feature flag; k6 2.0 and 1.x
# read K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=true instead
- name: K6_FEATURES
  value: native-histograms
# a stale marker for every series when the run ends, so it ends in Prometheus at once
- name: K6_PROMETHEUS_RW_STALE_MARKERS
  value: "true"
{{- end }}
{{- with $k6.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The init container that holds the run until demo-api answers ready (a fresh install starts everything at once): name,
image, command and resources. The Job adds its pull policy and security context; the k6-operator gives a runner's init
containers the runner's. Context: $.
*/}}
{{- define "perf-monitoring.k6WaitForDemoApi" -}}
{{- $readyPort := ternary .Values.management.port .Values.demoApi.port .Values.management.enabled }}
{{- $readyUrl := printf "http://%s-demo-api.%s.svc:%d/q/health/ready" (include "perf-monitoring.fullname" .) .Release.Namespace (int $readyPort) }}
name: wait-for-demo-api
image: {{ printf "%s:%s" .Values.utilityImage.repository .Values.utilityImage.tag | quote }}
command:
  - sh
  - -c
  - until wget -q -O /dev/null -T 5 {{ $readyUrl }}; do echo waiting for demo-api; sleep 2; done
resources:
  requests:
    cpu: 10m
    memory: 8Mi
  limits:
    memory: 32Mi
{{- end }}

{{/*
Checksum of what the run reads from its ConfigMap (the script, the scenario file and the SLO thresholds). Context: $.
*/}}
{{- define "perf-monitoring.k6ScriptChecksum" -}}
{{- $k6Files := .Files.Glob "files/k6/{person-api.js,person-scenarios.json}" }}
{{- printf "%s\n%s" $k6Files.AsConfig (ternary (include "perf-monitoring.k6SloThresholds" .) "" .Values.k6.sloThresholds) | sha256sum }}
{{- end }}
