{{- define "tenancy-core.labels" -}}
app.kubernetes.io/part-of: tenancy-core
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "tenancy-core.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
{{ $root.Values.image.registry }}/{{ $name }}:{{ default $root.Chart.AppVersion $root.Values.image.tag }}
{{- end }}
