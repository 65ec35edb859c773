{{/* The release's name prefix for every object (at most 63 characters with a component's suffix). */}}
{{- define "kubelite.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kubelite.labels" -}}
app.kubernetes.io/name: kubelite
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "api-gateway") */}}
{{- define "kubelite.selectorLabels" -}}
app.kubernetes.io/name: kubelite
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of one component: (dict "root" $ "component" "api-gateway") */}}
{{- define "kubelite.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s%s/%s:%s" $image.registry $image.repository .component (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{- define "kubelite.gatewayName" -}}
{{- printf "%s-api-gateway" (include "kubelite.fullname" .) -}}
{{- end -}}

{{/* The API's URL inside the cluster, which the controllers and node agents use. */}}
{{- define "kubelite.apiUrl" -}}
{{- printf "https://%s.%s.svc:%v" (include "kubelite.gatewayName" .) .Release.Namespace .Values.gateway.service.port -}}
{{- end -}}

{{/* An address of serviceCIDR's network plus n: (list $ n) */}}
{{- define "kubelite.serviceIp" -}}
{{- $root := index . 0 -}}
{{- $network := (split "/" $root.Values.serviceCIDR)._0 -}}
{{- $octets := split "." $network -}}
{{- printf "%s.%s.%s.%d" $octets._0 $octets._1 $octets._2 (add (atoi $octets._3) (index . 1)) -}}
{{- end -}}

{{/* What every controller and node agent needs to reach the API and the change streams. */}}
{{- define "kubelite.clientEnv" -}}
- name: KUBELITE_API_SERVER
  value: {{ include "kubelite.apiUrl" . | quote }}
- name: KUBELITE_API_CA_FILE
  value: /etc/kubelite/tls/ca.crt
- name: KUBELITE_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required: the Kafka brokers' host:port list" .Values.kafka.bootstrapServers | quote }}
{{- end -}}

{{/*
The credentials one component may read, and no others: (dict "root" $ "tls" (list "ca.crt")
"credentials" (list "scheduler-service")) projects those keys of the release's TLS and credentials
Secrets into /etc/kubelite/tls and /etc/kubelite/credentials. A node agent, which runs on every
node beside its Docker engine, thus holds its own token and the digest of the API server's, never
the admin token, the CA keys or the service account key.
*/}}
{{- define "kubelite.credentialsVolumes" -}}
{{- $fullname := include "kubelite.fullname" .root -}}
{{- if .tls }}
- name: tls
  secret:
    secretName: {{ $fullname }}-tls
    defaultMode: 0400
    items:
    {{- range .tls }}
    - {key: {{ . | quote }}, path: {{ . | quote }}}
    {{- end }}
{{- end }}
{{- if .credentials }}
- name: credentials
  secret:
    secretName: {{ $fullname }}-credentials
    defaultMode: 0400
    items:
    {{- range .credentials }}
    - {key: {{ . | quote }}, path: {{ . | quote }}}
    {{- end }}
{{- end }}
{{- end -}}

{{/* The mounts of kubelite.credentialsVolumes, with the same argument. */}}
{{- define "kubelite.credentialsMounts" -}}
{{- if .tls }}
- name: tls
  mountPath: /etc/kubelite/tls
  readOnly: true
{{- end }}
{{- if .credentials }}
- name: credentials
  mountPath: /etc/kubelite/credentials
  readOnly: true
{{- end }}
{{- end -}}

{{- define "kubelite.podSpecCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
{{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
