{{/*
demo-api's latency histogram buckets (http_request_duration_seconds), spelled the way demo-api writes its le label:
Micrometer's simpleclient registry uses Java's Double.toString, so 0.2 is "0.2" and 1 is "1.0". Keep in step with
demo-api's LatencyBuckets; the dashboards stack test compares this list with the le values demo-api exposes.
*/}}
{{- define "perf-monitoring.demoApiLatencyBuckets" -}}
0.005 0.01 0.025 0.05 0.1 0.2 0.25 0.3 0.4 0.5 0.75 1.0 1.5 2.0 2.5 5.0 10.0
{{- end }}

{{/*
The le label value of the bucket at an SLO endpoint's latency threshold, e.g. "0.2" for 0.2 and "1.0" for 1.
Context: one entry of slo.endpoints. Fails when the threshold is not one of demo-api's buckets: the share of requests
under it would then not be exact.
*/}}
{{- define "perf-monitoring.sloBucket" -}}
{{- $threshold := float64 .latencySeconds }}
{{- $buckets := include "perf-monitoring.demoApiLatencyBuckets" . }}
{{- $le := "" }}
{{- range splitList " " $buckets }}
{{- if eq (float64 .) $threshold }}
{{- $le = . }}
{{- end }}
{{- end }}
{{- if not $le }}
{{- fail (printf "slo.endpoints: %s %s has latencySeconds %v, which is not one of demo-api's histogram buckets (%s): the share of requests under it would not be exact" .method .path .latencySeconds $buckets) }}
{{- end }}
{{- $le }}
{{- end }}

{{/*
The PromQL selector labels of an SLO endpoint, e.g. job="demo-api", method="GET", path="/person/{id}".
Context: one entry of slo.endpoints.
*/}}
{{- define "perf-monitoring.sloSelector" -}}
job="{{ .job }}", method="{{ .method }}", path="{{ .path }}"
{{- end }}

{{/*
The share of an endpoint's requests faster than its threshold over a window, per namespace, for every entry of
slo.endpoints, joined with "or": exact, because the threshold is a bucket bound. Windows without requests give no
series (the "> 0" on the count). Context: dict "root" $ "window" "5m".
*/}}
{{- define "perf-monitoring.sloLatencyRatio" -}}
{{- $window := .window }}
{{- $seen := dict }}
{{- range $i, $endpoint := .root.Values.slo.endpoints }}
{{- $key := printf "%s %s %s" $endpoint.job $endpoint.method $endpoint.path }}
{{- if hasKey $seen $key }}
{{- fail (printf "slo.endpoints: %s is listed twice" $key) }}
{{- end }}
{{- $_ := set $seen $key true }}
{{- $selector := include "perf-monitoring.sloSelector" $endpoint }}
{{- if $i }}
or
{{ end -}}
(
  sum by (namespace, job, method, path) (rate(http_request_duration_seconds_bucket{ {{- $selector }}, le="{{ include "perf-monitoring.sloBucket" $endpoint }}"}[{{ $window }}]))
  /
  (sum by (namespace, job, method, path) (rate(http_request_duration_seconds_count{ {{- $selector }}}[{{ $window }}])) > 0)
)
{{- end }}
{{- end }}

{{/*
One condition of a multi-window burn-rate alert: the endpoint's latency error ratio (1 - SLO ratio) exceeds
factor x its error budget (1 - objective) over both the long and the short window. Context: dict "factor" 14.4
"long" "1h" "short" "5m".
*/}}
{{- define "perf-monitoring.sloBurnCondition" -}}
(
  (1 - job_method_path:slo_latency:ratio_rate{{ .long }})
    > on (job, method, path) group_left () ({{ .factor }} * (1 - slo:success_ratio_target:ratio))
  and
  (1 - job_method_path:slo_latency:ratio_rate{{ .short }})
    > on (job, method, path) group_left () ({{ .factor }} * (1 - slo:success_ratio_target:ratio))
)
{{- end }}
