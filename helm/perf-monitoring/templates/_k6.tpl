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
