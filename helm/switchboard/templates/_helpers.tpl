{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release name plus chart name, unless the release name contains it. */}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Standard labels on every object. */}}
{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
{{ include "switchboard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- end }}

{{/* Labels that select the pods; never change them after install. */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "switchboard.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* preStop + lame duck + drain + the 2s close grace + margin: shutdown never meets SIGKILL. */}}
{{- define "switchboard.terminationGracePeriodSeconds" -}}
{{- add .Values.shutdown.preStopSleepSeconds .Values.shutdown.lameDuckSeconds .Values.shutdown.drainTimeoutSeconds 2 .Values.shutdown.marginSeconds }}
{{- end }}

{{/* Switchboard's own settings, as application.yaml. */}}
{{- define "switchboard.applicationYaml" -}}
switchboard:
  anonymous-names: {{ .Values.anonymousNames }}
  tcp:
    port: {{ .Values.ports.chat }}
  udp:
    port: {{ .Values.ports.chat }}
  echo:
    enabled: {{ .Values.echo.enabled }}
    port: {{ .Values.ports.echo }}
  irc:
    enabled: {{ .Values.irc.enabled }}
    port: {{ .Values.ports.irc }}
  logging:
    format: {{ .Values.logging.format | quote }}
  audit:
    enabled: {{ .Values.logging.audit }}
{{- with .Values.config }}
{{ toYaml . | indent 2 }}
{{- end }}
server:
  port: {{ .Values.ports.http }}
{{- if .Values.ports.management }}
management:
  server:
    port: {{ .Values.ports.management }}
{{- end }}
{{- end }}

{{/* The named container port actuator answers on. */}}
{{- define "switchboard.actuatorPort" -}}
{{- if .Values.ports.management }}management{{ else }}http{{ end }}
{{- end }}

{{/* The UDP ports of the client Service (or of its -udp twin). */}}
{{- define "switchboard.udpPorts" -}}
- name: chat-udp
  port: {{ .Values.ports.chat }}
  targetPort: chat-udp
  protocol: UDP
{{- if .Values.echo.enabled }}
- name: echo-udp
  port: {{ .Values.ports.echo }}
  targetPort: echo-udp
  protocol: UDP
{{- end }}
{{- end }}

{{/* Whether token authentication is on (auth.mode=token). */}}
{{- define "switchboard.authToken" -}}
{{- if eq (.Values.auth.mode | toString) "token" }}true{{ end }}
{{- end }}

{{/* With auth.mode=token, exactly one key source: fails the render otherwise. */}}
{{- define "switchboard.authCheck" -}}
{{- if include "switchboard.authToken" . }}
{{- $jwt := .Values.auth.jwt }}
{{- if and $jwt.publicKey.existingSecret $jwt.publicKey.existingConfigMap }}
{{- fail "auth.jwt.publicKey: set existingSecret or existingConfigMap, not both" }}
{{- end }}
{{- $sources := list }}
{{- if $jwt.existingSecret }}{{ $sources = append $sources "auth.jwt.existingSecret" }}{{ end }}
{{- if or $jwt.publicKey.existingSecret $jwt.publicKey.existingConfigMap }}{{ $sources = append $sources "auth.jwt.publicKey" }}{{ end }}
{{- if $jwt.jwkSetUri }}{{ $sources = append $sources "auth.jwt.jwkSetUri" }}{{ end }}
{{- if ne (len $sources) 1 }}
{{- fail (printf "auth.mode=token needs exactly one key source: auth.jwt.existingSecret (an HMAC secret), auth.jwt.publicKey.existingSecret or .existingConfigMap (a PEM public key), or auth.jwt.jwkSetUri (%s)" (ternary "none is set" (printf "%s are set" (join ", " $sources)) (empty $sources))) }}
{{- end }}
{{- end }}
{{- end }}
