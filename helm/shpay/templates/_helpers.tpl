{{/*
The chart name, overridable with nameOverride.
*/}}
{{- define "shpay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The fully qualified app name: release name, plus the chart name unless the release name already
contains it. Truncated to 63 characters (DNS label limit); component suffixes are added to a
version truncated further so the suffixed names fit too.
*/}}
{{- define "shpay.fullname" -}}
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

{{/* The name of a component's objects: fullname-<suffix>, within 63 characters. */}}
{{- define "shpay.componentName" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- printf "%s-%s" (include "shpay.fullname" $root | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "shpay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "shpay.labels" -}}
helm.sh/chart: {{ include "shpay.chart" . }}
{{ include "shpay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: shpay
{{- end }}

{{/* Labels that identify the release's pods (selectors add app.kubernetes.io/component). */}}
{{- define "shpay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shpay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The existing Secret holding every secret. values.schema.json already rejects an empty name; this
message is for renders that skip schema validation.
*/}}
{{- define "shpay.secretName" -}}
{{- required "existingSecret is required: create a Secret with SH Pay's secrets (keys in secretKeys: mysql-password, jwt-private-key, jwt-public-key, ...) before installing and pass its name, e.g. --set existingSecret=shpay-secrets. The chart never renders secrets itself." .Values.existingSecret }}
{{- end }}

{{/*
The non-secret SHPAY_* variables, as a YAML map. The ConfigMap holds them for the Deployments
(envFrom); the migration Job, a pre-install hook that runs before the ConfigMap exists, gets the
same pairs inline.
*/}}
{{- define "shpay.configEnv" -}}
{{- $c := .Values.config -}}
SHPAY_LOG_LEVEL: {{ $c.logLevel | quote }}
SHPAY_HTTP_PORT: {{ $c.http.port | int64 | quote }}
SHPAY_HTTP_INSTANCES: {{ $c.http.instances | int64 | quote }}
SHPAY_HTTP_BODY_LIMIT_BYTES: {{ $c.http.bodyLimitBytes | int64 | quote }}
SHPAY_HTTP_REQUEST_TIMEOUT: {{ $c.http.requestTimeout | quote }}
SHPAY_HTTP_IDEMPOTENCY_RETENTION: {{ $c.http.idempotencyRetention | quote }}
{{- $proxies := $c.http.trustedProxies | default (list) }}
{{- if and (not $proxies) .Values.ingress.enabled }}
{{- /* The ingress controller's pods forward the client's address; they run in the cluster's private ranges. */}}
{{- $proxies = list "10.0.0.0/8" "172.16.0.0/12" "192.168.0.0/16" "fc00::/7" }}
{{- end }}
SHPAY_HTTP_TRUSTED_PROXIES: {{ join "," $proxies | quote }}
SHPAY_HTTP_CORS_ALLOWED_ORIGINS: {{ join "," ($c.http.corsAllowedOrigins | default (list)) | quote }}
SHPAY_MYSQL_URI: {{ $c.mysql.uri | quote }}
SHPAY_MYSQL_POOL_SIZE: {{ $c.mysql.poolSize | int64 | quote }}
SHPAY_MYSQL_MIGRATE_ON_START: {{ not .Values.migration.enabled | toString | quote }}
SHPAY_REDIS_URI: {{ $c.redis.uri | quote }}
SHPAY_REDIS_POOL_SIZE: {{ $c.redis.poolSize | int64 | quote }}
SHPAY_KAFKA_BOOTSTRAP_SERVERS: {{ $c.kafka.bootstrapServers | quote }}
SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC: {{ $c.kafka.paymentEventsTopic | quote }}
SHPAY_AUTH_ISSUER: {{ $c.auth.issuer | quote }}
SHPAY_AUTH_ACCESS_TOKEN_TTL: {{ $c.auth.accessTokenTtl | quote }}
SHPAY_AUTH_REFRESH_TOKEN_TTL: {{ $c.auth.refreshTokenTtl | quote }}
SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT: {{ $c.auth.loginFailuresPerAccount | int64 | quote }}
SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP: {{ $c.auth.loginAttemptsPerIp | int64 | quote }}
SHPAY_AUTH_LOGIN_WINDOW: {{ $c.auth.loginWindow | quote }}
SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR: {{ $c.auth.signUpsPerIpPerHour | int64 | quote }}
SHPAY_AUTH_SIGN_UPS_PER_MINUTE: {{ $c.auth.signUpsPerMinute | int64 | quote }}
SHPAY_KFTC_BASE_URL: {{ $c.kftc.baseUrl | quote }}
{{- with include "shpay.kftcRedirectUri" . }}
SHPAY_KFTC_REDIRECT_URI: {{ . | quote }}
{{- else }}
{{- if include "shpay.openbankingEnabled" . }}
{{- fail "config.kftc.redirectUri is required while the openbanking role is on (roles: [..., openbanking]): set it to SH Pay's consent callback exactly as registered with KFTC, e.g. --set config.kftc.redirectUri=https://pay.example.com/api/v1/openbanking/callback, or enable the Ingress (ingress.enabled=true, ingress.hosts[0].host=pay.example.com) to derive https://<host>/api/v1/openbanking/callback from its first host." }}
{{- end }}
{{- end }}
SHPAY_KFTC_SCOPE: {{ $c.kftc.scope | quote }}
SHPAY_KFTC_TIMEOUT: {{ $c.kftc.timeout | quote }}
SHPAY_OPENBANKING_CONSENT_STATE_TTL: {{ $c.openbanking.consentStateTtl | quote }}
SHPAY_OPENBANKING_TOKEN_REFRESH_MARGIN: {{ $c.openbanking.tokenRefreshMargin | quote }}
SHPAY_OPENBANKING_BALANCE_FRESH_FOR: {{ $c.openbanking.balanceFreshFor | quote }}
SHPAY_OPENBANKING_BALANCE_CACHE_TTL: {{ $c.openbanking.balanceCacheTtl | quote }}
SHPAY_OPENBANKING_MAX_TRANSFER_AMOUNT: {{ $c.openbanking.maxTransferAmount | int64 | quote }}
SHPAY_OPENBANKING_CONSENT_RETURN_URL: {{ $c.openbanking.consentReturnUrl | quote }}
SHPAY_OPENBANKING_TRANSFER_NOT_FOUND_GRACE: {{ $c.openbanking.transferNotFoundGrace | quote }}
SHPAY_OPENBANKING_STALE_REQUESTED_AFTER: {{ $c.openbanking.staleRequestedAfter | quote }}
SHPAY_OPENBANKING_BANK_READS_PER_USER_PER_MINUTE: {{ $c.openbanking.bankReadsPerUserPerMinute | int64 | quote }}
SHPAY_NH_BASE_URL: {{ $c.nh.baseUrl | quote }}
{{- with include "shpay.nhIscd" . }}
SHPAY_NH_ISCD: {{ . | quote }}
{{- else }}
{{- if include "shpay.paymentEnabled" . }}
{{- fail "config.nh.iscd is required while the payment role is on (roles: [..., payment]): set it to SH Pay's 6-digit institution code at NH, e.g. --set config.nh.iscd=012345 (in a values file quote it: iscd: \"012345\")." }}
{{- end }}
{{- end }}
SHPAY_NH_FINTECH_APSNO: {{ $c.nh.fintechApsno | toString | quote }}
SHPAY_NH_TIMEOUT: {{ $c.nh.timeout | quote }}
SHPAY_PAYMENTS_MAX_AMOUNT: {{ $c.payments.maxAmount | int64 | quote }}
SHPAY_PAYMENTS_RECONCILE_FIRST_AFTER: {{ $c.payments.reconcileFirstAfter | quote }}
SHPAY_PAYMENTS_RECONCILE_GIVE_UP_AFTER: {{ $c.payments.reconcileGiveUpAfter | quote }}
SHPAY_PAYMENTS_OUTBOX_POLL_INTERVAL: {{ $c.payments.outboxPollInterval | quote }}
SHPAY_PAYMENTS_NH_NOT_FOUND_GRACE: {{ $c.payments.nhNotFoundGrace | quote }}
SHPAY_PAYMENTS_STALE_REQUESTED_AFTER: {{ $c.payments.staleRequestedAfter | quote }}
SHPAY_PAYMENTS_INSTANCES: {{ $c.payments.instances | int64 | quote }}
SHPAY_HISTORY_GROUP_PREFIX: {{ $c.history.groupPrefix | quote }}
SHPAY_HISTORY_DEAD_LETTER_TOPIC: {{ $c.history.deadLetterTopic | quote }}
SHPAY_HISTORY_MAX_IN_FLIGHT: {{ $c.history.maxInFlight | int64 | quote }}
SHPAY_HISTORY_MAX_ATTEMPTS: {{ $c.history.maxAttempts | int64 | quote }}
SHPAY_HISTORY_RETRY_BACKOFF: {{ $c.history.retryBackoff | quote }}
SHPAY_NOTIFICATIONS_REPLAY_WINDOW: {{ $c.notifications.replayWindow | quote }}
SHPAY_NOTIFICATIONS_HEARTBEAT: {{ $c.notifications.heartbeat | quote }}
SHPAY_NOTIFICATIONS_STREAMS_PER_USER: {{ $c.notifications.streamsPerUser | int64 | quote }}
SHPAY_NOTIFICATIONS_MAX_STREAMS: {{ $c.notifications.maxStreams | int64 | quote }}
SHPAY_NOTIFICATIONS_STREAM_TICKET_TTL: {{ $c.notifications.streamTicketTtl | quote }}
SHPAY_NOTIFICATIONS_STREAM_SESSION_CHECK: {{ $c.notifications.streamSessionCheck | quote }}
SHPAY_WEBHOOKS_TIMEOUT: {{ $c.webhooks.timeout | quote }}
SHPAY_WEBHOOKS_FIRST_RETRY_AFTER: {{ $c.webhooks.firstRetryAfter | quote }}
SHPAY_WEBHOOKS_MAX_RETRY_GAP: {{ $c.webhooks.maxRetryGap | quote }}
SHPAY_WEBHOOKS_GIVE_UP_AFTER: {{ $c.webhooks.giveUpAfter | quote }}
SHPAY_WEBHOOKS_POLL_INTERVAL: {{ $c.webhooks.pollInterval | quote }}
SHPAY_SLACK_ALERTS_PER_MINUTE: {{ $c.slack.alertsPerMinute | int64 | quote }}
SHPAY_CHAT_MODEL_BASE_URL: {{ $c.chat.model.baseUrl | quote }}
SHPAY_CHAT_MODEL_NAME: {{ $c.chat.model.name | quote }}
SHPAY_CHAT_MODEL_TIMEOUT: {{ $c.chat.model.timeout | quote }}
SHPAY_CHAT_MODEL_MAX_TOKENS: {{ $c.chat.model.maxTokens | int64 | quote }}
SHPAY_CHAT_MAX_TOOL_STEPS: {{ $c.chat.maxToolSteps | int64 | quote }}
SHPAY_CHAT_MEMORY_TTL: {{ $c.chat.memory.ttl | quote }}
SHPAY_CHAT_MEMORY_MAX_TURNS: {{ $c.chat.memory.maxTurns | int64 | quote }}
SHPAY_CHAT_RATE_LIMIT_PER_MINUTE: {{ $c.chat.rateLimit.perMinute | int64 | quote }}
SHPAY_CHAT_RATE_LIMIT_TOKENS_PER_USER_PER_DAY: {{ $c.chat.rateLimit.tokensPerUserPerDay | int64 | quote }}
{{- end }}

{{/*
"true" when a pod of the release runs the payment role (the API pods, or the history worker when
it is enabled), empty otherwise.
*/}}
{{- define "shpay.paymentEnabled" -}}
{{- if or (has "payment" .Values.roles) (and .Values.worker.enabled (has "payment" .Values.worker.roles)) -}}
true
{{- end -}}
{{- end }}

{{/*
SHPAY_NH_ISCD: config.nh.iscd as a string, empty when unset. `--set config.nh.iscd=123456` makes
a number (Helm types --set values; a code with a leading zero stays a string), which the schema
accepts as six digits and this prints back without decimals or exponent.
*/}}
{{- define "shpay.nhIscd" -}}
{{- $iscd := .Values.config.nh.iscd -}}
{{- if kindIs "string" $iscd -}}
{{- $iscd -}}
{{- else if not (kindIs "invalid" $iscd) -}}
{{- $iscd | int64 | toString -}}
{{- end -}}
{{- end }}

{{/*
"true" when a pod of the release runs the openbanking role (the API pods, or the history worker
when it is enabled), empty otherwise.
*/}}
{{- define "shpay.openbankingEnabled" -}}
{{- if or (has "openbanking" .Values.roles) (and .Values.worker.enabled (has "openbanking" .Values.worker.roles)) -}}
true
{{- end -}}
{{- end }}

{{/*
SHPAY_KFTC_REDIRECT_URI: config.kftc.redirectUri when set, else derived from the first Ingress
host when the Ingress is enabled (https://<host>/api/v1/openbanking/callback; not from a wildcard
host), else empty. The Ingress routes /api, so the callback reaches the API pods.
*/}}
{{- define "shpay.kftcRedirectUri" -}}
{{- if .Values.config.kftc.redirectUri -}}
{{- .Values.config.kftc.redirectUri -}}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts -}}
{{- $host := (index .Values.ingress.hosts 0).host | default "" -}}
{{- if and $host (not (hasPrefix "*" $host)) -}}
{{- printf "https://%s/api/v1/openbanking/callback" $host -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
Secret variables, each a secretKeyRef into existingSecret. Called with (list $ <roles of the pod>).
The MySQL password and the JWT key pair are required (the pod does not start without them); the
KFTC credentials and the token encryption key are required in a pod whose roles include
openbanking and optional elsewhere; the NH access token is required in a pod whose roles include
payment and optional elsewhere; the rest are optional, read by capabilities that land later.
*/}}
{{- define "shpay.secretEnv" -}}
{{- $root := index . 0 -}}
{{- $openbanking := has "openbanking" (index . 1) -}}
{{- $payment := has "payment" (index . 1) -}}
{{- $secret := include "shpay.secretName" $root -}}
{{- $keys := $root.Values.secretKeys -}}
{{- $refs := list
      (list "SHPAY_MYSQL_PASSWORD" $keys.mysqlPassword true)
      (list "SHPAY_AUTH_JWT_PRIVATE_KEY" $keys.jwtPrivateKey true)
      (list "SHPAY_AUTH_JWT_PUBLIC_KEY" $keys.jwtPublicKey true)
      (list "SHPAY_KFTC_CLIENT_ID" $keys.kftcClientId $openbanking)
      (list "SHPAY_KFTC_CLIENT_SECRET" $keys.kftcClientSecret $openbanking)
      (list "SHPAY_KFTC_CONTRACT_ACCOUNT_NUM" $keys.kftcContractAccountNum $openbanking)
      (list "SHPAY_KFTC_DEPOSIT_PASS_PHRASE" $keys.kftcDepositPassPhrase $openbanking)
      (list "SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY" $keys.openbankingTokenEncryptionKey $openbanking)
      (list "SHPAY_NH_ACCESS_TOKEN" $keys.nhAccessToken $payment)
      (list "SHPAY_ADMIN_EMAIL" $keys.adminEmail false)
      (list "SHPAY_ADMIN_PASSWORD" $keys.adminPassword false)
      (list "SHPAY_CHAT_MODEL_API_KEY" $keys.chatApiKey false)
      (list "SHPAY_SLACK_WEBHOOK_URL" $keys.slackWebhookUrl false)
      (list "SHPAY_WEBHOOKS_SIGNING_SECRET" $keys.webhooksSigningSecret false) -}}
{{- range $refs }}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ index . 1 | quote }}
      {{- if not (index . 2) }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/* The image reference. */}}
{{- define "shpay.image" -}}
{{- printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end }}

{{/* Prometheus scrape annotations for a pod template. */}}
{{- define "shpay.scrapeAnnotations" -}}
{{- if .Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.config.http.port | int64 | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{/* The checksum of the ConfigMap: a configuration change rolls the pods. */}}
{{- define "shpay.configChecksum" -}}
checksum/config: {{ include "shpay.configEnv" . | sha256sum }}
{{- end }}

{{/*
The container parts every SH Pay process shares: image, security context, probes on the health
endpoints, /tmp. Called with (list $ <component values>), where the component values carry
roles, resources and extraEnv.
*/}}
{{- define "shpay.container" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $v := $root.Values -}}
image: {{ include "shpay.image" $root | quote }}
imagePullPolicy: {{ $v.image.pullPolicy }}
ports:
  - name: http
    containerPort: {{ $v.config.http.port }}
    protocol: TCP
envFrom:
  - configMapRef:
      name: {{ include "shpay.fullname" $root }}
env:
  - name: SHPAY_ROLES
    value: {{ join "," $component.roles | quote }}
{{- include "shpay.secretEnv" (list $root $component.roles) | trim | nindent 2 }}
{{- with $component.extraEnv }}
{{- toYaml . | nindent 2 }}
{{- end }}
startupProbe:
  httpGet:
    path: {{ $v.probes.startup.path }}
    port: http
  periodSeconds: {{ $v.probes.startup.periodSeconds }}
  timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
  failureThreshold: {{ $v.probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: {{ $v.probes.liveness.path }}
    port: http
  periodSeconds: {{ $v.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ $v.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ $v.probes.readiness.path }}
    port: http
  periodSeconds: {{ $v.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ $v.probes.readiness.failureThreshold }}
resources:
  {{- toYaml $component.resources | nindent 2 }}
securityContext:
  {{- toYaml $v.securityContext | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- end }}

{{/* Pod-level settings every SH Pay pod shares. */}}
{{- define "shpay.podSpec" -}}
{{- $v := .Values -}}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.serviceAccountName }}
serviceAccountName: {{ . }}
{{- end }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
volumes:
  - name: tmp
    {{- if $v.tmpVolume.sizeLimit }}
    emptyDir:
      sizeLimit: {{ $v.tmpVolume.sizeLimit }}
    {{- else }}
    emptyDir: {}
    {{- end }}
{{- end }}
