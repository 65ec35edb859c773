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

{{- define "kubelite.credentialsVolumes" -}}
- name: tls
  secret:
    secretName: {{ include "kubelite.fullname" . }}-tls
- name: credentials
  secret:
    secretName: {{ include "kubelite.fullname" . }}-credentials
    defaultMode: 0400
{{- end -}}

{{- define "kubelite.credentialsMounts" -}}
- name: tls
  mountPath: /etc/kubelite/tls
  readOnly: true
- name: credentials
  mountPath: /etc/kubelite/credentials
  readOnly: true
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
