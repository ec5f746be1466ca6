{{/*
Chart name, truncated to the 63 characters of a DNS label.
*/}}
{{- define "perf-monitoring.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name: the release name, plus the chart name unless the release name already contains it.
Truncated so that "<prefix>-exporter-service" still fits in 63 characters.
*/}}
{{- define "perf-monitoring.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 46 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value.
*/}}
{{- define "perf-monitoring.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The three Quarkus services: values key -> component name. The component name is the app.kubernetes.io/name label,
the suffix of the resource names and the Prometheus job label (ServiceMonitors use jobLabel app.kubernetes.io/name).
*/}}
{{- define "perf-monitoring.apps" -}}
demoApi: demo-api
exporter: exporter-service
exposer: exposer-service
{{- end }}

{{/*
Labels of a component. Context: dict "root" $ "component" "<name>" ["version" "<version>"].
*/}}
{{- define "perf-monitoring.labels" -}}
helm.sh/chart: {{ include "perf-monitoring.chart" .root }}
{{ include "perf-monitoring.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "perf-monitoring.name" .root }}
app.kubernetes.io/version: {{ .version | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/*
Selector labels of a component (never helm.sh/chart or version: selectors are immutable).
Context: dict "root" $ "component" "<name>".
*/}}
{{- define "perf-monitoring.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/*
Labels of the objects kube-prometheus-stack discovers (ServiceMonitors, PrometheusRule, dashboard ConfigMaps):
the release label its Prometheus selects by, and the user's extra labels. Context: $.
*/}}
{{- define "perf-monitoring.monitoringLabels" -}}
{{- with .Values.monitoring.releaseLabel }}
release: {{ . | quote }}
{{- end }}
{{- with .Values.monitoring.extraLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Image of a Quarkus service: <registry>/<repository>:<tag>[jvmTagSuffix]. Context: dict "root" $ "app" <app values>.
*/}}
{{- define "perf-monitoring.appImage" -}}
{{- $image := .root.Values.image }}
{{- $repository := .app.image.repository }}
{{- with $image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- $tag := .app.image.tag | default $image.tag | default .root.Chart.AppVersion }}
{{- if eq $image.flavor "jvm" }}
{{- $tag = printf "%s%s" $tag $image.jvmTagSuffix }}
{{- end }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/*
An image pinned by tag and, when given, by digest: <repository>:<tag>[@<digest>]. With a digest the kubelet pulls
exactly that manifest and the tag only documents it. Context: the image's values (repository, tag, digest).
*/}}
{{- define "perf-monitoring.pinnedImage" -}}
{{- printf "%s:%s" .repository .tag }}{{ with .digest }}@{{ . }}{{ end }}
{{- end }}

{{/*
Name of the port that serves /q/metrics and /q/health: "management" when the management interface is on.
*/}}
{{- define "perf-monitoring.observabilityPort" -}}
{{- if .Values.management.enabled }}management{{ else }}http{{ end }}
{{- end }}

{{/*
ServiceAccount name of a component. Context: dict "root" $ "component" "<name>" "serviceAccount" <values>.
*/}}
{{- define "perf-monitoring.serviceAccountName" -}}
{{- if .serviceAccount.create }}
{{- .serviceAccount.name | default (printf "%s-%s" (include "perf-monitoring.fullname" .root) .component) }}
{{- else }}
{{- .serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{/*
The Pushgateway URL the exporter pushes to: exporter.pushgatewayUrl, or the chart's own Pushgateway Service.
*/}}
{{- define "perf-monitoring.pushgatewayUrl" -}}
{{- if .Values.exporter.pushgatewayUrl }}
{{- .Values.exporter.pushgatewayUrl }}
{{- else if .Values.pushgateway.enabled }}
{{- printf "http://%s-pushgateway.%s.svc:%d" (include "perf-monitoring.fullname" .) .Release.Namespace (int .Values.pushgateway.port) }}
{{- else }}
{{- fail "exporter.pushgatewayUrl is required when pushgateway.enabled is false" }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the exporter's token, empty when no token is configured.
*/}}
{{- define "perf-monitoring.exporterTokenSecret" -}}
{{- if .Values.exporter.token.existingSecret }}
{{- .Values.exporter.token.existingSecret }}
{{- else if .Values.exporter.token.value }}
{{- printf "%s-exporter-service-token" (include "perf-monitoring.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Prometheus job names of this chart's scrape targets, as a regex alternation (for rules: up{job=~"..."}).
*/}}
{{- define "perf-monitoring.scrapeJobs" -}}
{{- $jobs := list }}
{{- range $key, $component := include "perf-monitoring.apps" . | fromYaml }}
{{- if (index $.Values $key).enabled }}
{{- $jobs = append $jobs $component }}
{{- end }}
{{- end }}
{{- if .Values.pushgateway.enabled }}
{{- $jobs = append $jobs "pushgateway" }}
{{- end }}
{{- join "|" $jobs }}
{{- end }}

{{/*
Prometheus's base URL inside the cluster: monitoring.test.prometheusUrl, or kube-prometheus-stack's Prometheus Service
(monitoring.stack.prometheusService in monitoring.stack.namespace, port 9090).
*/}}
{{- define "perf-monitoring.prometheusUrl" -}}
{{- .Values.monitoring.test.prometheusUrl | default (printf "http://%s.%s.svc:9090" .Values.monitoring.stack.prometheusService .Values.monitoring.stack.namespace) }}
{{- end }}

{{/*
Where k6 remote-writes its results: k6.remoteWrite.url, or /api/v1/write of kube-prometheus-stack's Prometheus Service.
*/}}
{{- define "perf-monitoring.k6RemoteWriteUrl" -}}
{{- .Values.k6.remoteWrite.url | default (printf "http://%s.%s.svc:9090/api/v1/write" .Values.monitoring.stack.prometheusService .Values.monitoring.stack.namespace) }}
{{- end }}

{{/*
"true" when k6 sends its trends as native histograms (K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=true in k6.extraEnv),
which Prometheus before 3.9 accepts only with --enable-feature=native-histograms.
*/}}
{{- define "perf-monitoring.k6NativeHistograms" -}}
{{- $native := false }}
{{- range .Values.k6.extraEnv }}
{{- if and (eq (.name | toString) "K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM") (eq (.value | toString | lower) "true") }}
{{- $native = true }}
{{- end }}
{{- end }}
{{- $native }}
{{- end }}

{{/*
Security context of the helm test pods (busybox, python) and the k6 Job's init container, run as nobody.
*/}}
{{- define "perf-monitoring.utilityContainerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65534
runAsGroup: 65534
capabilities:
  drop:
    - ALL
{{- end }}

{{/*
testid of the k6 run: k6.testid, or <release>-<revision>.
*/}}
{{- define "perf-monitoring.k6Testid" -}}
{{- .Values.k6.testid | default (printf "%s-%d" .Release.Name (int .Release.Revision)) }}
{{- end }}

{{/*
The testids of this release's k6 runs after this install or upgrade, one per line (empty when none ran). A run is an
explicit act: an upgrade with k6.enabled=true fails unless it names a k6.testid that has not run yet, because
helm upgrade --reuse-values keeps k6.enabled=true (and the testid) from the last run and would start another load test.
Context: dict "root" $ "isUpgrade" <bool> "ran" <list of the testids that already ran>.
*/}}
{{- define "perf-monitoring.k6Runs" -}}
{{- $k6 := .root.Values.k6 }}
{{- $runs := .ran }}
{{- if $k6.enabled }}
{{- if and .isUpgrade (not $k6.testid) }}
{{- fail "k6.enabled=true on an upgrade starts another load test: start one explicitly with --set k6.testid=<new run id>, or upgrade without a run with --set k6.enabled=false (helm upgrade --reuse-values keeps k6.enabled=true from the last run)" }}
{{- end }}
{{- $testid := include "perf-monitoring.k6Testid" .root }}
{{- if and .isUpgrade (has $testid .ran) }}
{{- fail (printf "k6 run %s already ran in this release (helm upgrade --reuse-values keeps k6.enabled=true and k6.testid=%s): start a new run with --set k6.testid=<new run id>, or upgrade without a run with --set k6.enabled=false" $testid $testid) }}
{{- end }}
{{- $runs = append $runs $testid }}
{{- end }}
{{- $runs | uniq | join "\n" }}
{{- end }}
