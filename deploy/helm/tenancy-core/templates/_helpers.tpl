{{/*
Names are release-scoped: every object is "<release>-<service>" (or "<release>-<what>"), so two releases in one
namespace never collide. Kubernetes names are at most 63 characters.
*/}}
{{- define "tenancy-core.name" -}}
{{- $root := index . 0 -}}{{- $what := index . 1 -}}
{{- printf "%s-%s" $root.Release.Name $what | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "tenancy-core.labels" -}}
app.kubernetes.io/part-of: tenancy-core
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The labels that select one service's pods: its name and the release (never another release's pods). */}}
{{- define "tenancy-core.selectorLabels" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
app.kubernetes.io/name: {{ $name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end }}

{{/* All labels of a service's objects. */}}
{{- define "tenancy-core.serviceLabels" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
app.kubernetes.io/name: {{ $name }}
app.kubernetes.io/component: {{ $name }}
{{ include "tenancy-core.labels" $root }}
{{- end }}

{{- define "tenancy-core.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
{{ $root.Values.image.registry }}/{{ $name }}:{{ default $root.Chart.AppVersion $root.Values.image.tag }}
{{- end }}

{{/* UPPER_SNAKE of a service name: config-service -> CONFIG_SERVICE. */}}
{{- define "tenancy-core.envName" -}}
{{- . | upper | replace "-" "_" -}}
{{- end }}

{{/*
A service's replica count: its own `replicas` when set (0 included — `default` would read 0 as unset), else
defaults.replicas.
*/}}
{{- define "tenancy-core.replicas" -}}
{{- $root := index . 0 -}}{{- $svc := index . 1 -}}
{{- if hasKey $svc "replicas" -}}{{ $svc.replicas | int }}{{- else -}}{{ $root.Values.defaults.replicas | int }}{{- end -}}
{{- end }}

{{/*
A service's autoscaling settings as YAML: defaults.autoscaling with the service's own keys on top (key by key, so
`enabled: false` overrides a default `true`; mergeOverwrite would skip false and 0).
*/}}
{{- define "tenancy-core.autoscaling" -}}
{{- $root := index . 0 -}}{{- $svc := index . 1 -}}
{{- $as := dict -}}
{{- range $k, $v := $root.Values.defaults.autoscaling }}{{- $_ := set $as $k $v -}}{{- end -}}
{{- range $k, $v := ($svc.autoscaling | default dict) }}{{- $_ := set $as $k $v -}}{{- end -}}
{{- if eq (include "tenancy-core.replicas" (list $root $svc)) "0" }}{{- $_ := set $as "enabled" false -}}{{- end -}}
{{- toYaml $as -}}
{{- end }}

{{/*
Whether a service keeps more than one pod during normal operation (a PodDisruptionBudget only makes sense then):
autoscaled with minReplicas > 1, or a fixed replica count > 1.
*/}}
{{- define "tenancy-core.multiReplica" -}}
{{- $root := index . 0 -}}{{- $svc := index . 1 -}}
{{- $as := include "tenancy-core.autoscaling" (list $root $svc) | fromYaml -}}
{{- if $as.enabled -}}{{- if gt ($as.minReplicas | int) 1 }}true{{ end -}}
{{- else if gt (include "tenancy-core.replicas" (list $root $svc) | int) 1 -}}true{{- end -}}
{{- end }}

{{/* Base URL of a service's API inside the cluster, release-scoped. */}}
{{- define "tenancy-core.url" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
{{ include "tenancy-core.apiScheme" $root }}://{{ include "tenancy-core.name" (list $root $name) }}:{{ (index $root.Values.services $name).port }}
{{- end }}

{{/* The scheme of every service's API port: https when TLS between the pods is on (tls.internal.enabled). */}}
{{- define "tenancy-core.apiScheme" -}}
{{- if .Values.tls.internal.enabled }}https{{ else }}http{{ end }}
{{- end }}

{{/* The Secret holding tls.crt, tls.key and ca.crt of the services (cert-manager writes it when an issuer is named). */}}
{{- define "tenancy-core.internalTlsSecret" -}}
{{- .Values.tls.internal.secretName | default (include "tenancy-core.name" (list . "internal-tls")) }}
{{- end }}
