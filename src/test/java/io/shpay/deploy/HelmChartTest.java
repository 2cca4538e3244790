package io.shpay.deploy;

import static io.shpay.deploy.HelmChart.PRODUCTION_VALUES;
import static io.shpay.deploy.HelmChart.VISIBLE_HOOK_PREFIX;
import static io.shpay.deploy.HelmChart.at;
import static io.shpay.deploy.HelmChart.list;
import static io.shpay.deploy.HelmChart.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.shpay.common.config.ConfigLoader;
import io.shpay.common.config.ConfigReader;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.config.PaymentsConfig;
import io.shpay.common.config.Role;
import io.shpay.common.config.ShpayConfig;
import io.shpay.deploy.HelmChart.Rendered;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Helm chart in helm/shpay, linted and rendered by the real Helm engine (helm-java), with the
 * default values and with the production example, and checked object by object.
 */
class HelmChartTest {

  private static final String SECRET = "shpay-secrets";
  private static final String CALLBACK = "https://pay.example.com/api/v1/openbanking/callback";
  /** A placeholder NH institution code (6 digits; a leading zero keeps it a string through --set). */
  private static final String ISCD = "000000";
  /**
   * The least a render needs with the default roles: the Secret's name, the KFTC consent callback
   * (openbanking) and the NH institution code (payment).
   */
  private static final Map<String, Object> DEFAULTS = ordered(
      "existingSecret", SECRET, "config.kftc.redirectUri", CALLBACK, "config.nh.iscd", ISCD);

  /** Secret variables the pods cannot start without, and their default keys in the Secret. */
  private static final Map<String, String> REQUIRED_SECRETS = ordered(
      "SHPAY_MYSQL_PASSWORD", "mysql-password",
      "SHPAY_AUTH_JWT_PRIVATE_KEY", "jwt-private-key",
      "SHPAY_AUTH_JWT_PUBLIC_KEY", "jwt-public-key");

  /** Secret variables of the openbanking role: required in its pods, optional references elsewhere. */
  private static final Map<String, String> OPENBANKING_SECRETS = ordered(
      "SHPAY_KFTC_CLIENT_ID", "kftc-client-id",
      "SHPAY_KFTC_CLIENT_SECRET", "kftc-client-secret",
      "SHPAY_KFTC_CONTRACT_ACCOUNT_NUM", "kftc-contract-account-num",
      "SHPAY_KFTC_DEPOSIT_PASS_PHRASE", "kftc-deposit-pass-phrase",
      "SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", "openbanking-token-encryption-key");

  /** Secret variables of the payment role: required in its pods, optional references elsewhere. */
  private static final Map<String, String> PAYMENT_SECRETS = ordered(
      "SHPAY_NH_ACCESS_TOKEN", "nh-access-token");

  /** Secret variables for the admin seed and capabilities that land later: optional references. */
  private static final Map<String, String> OPTIONAL_SECRETS = ordered(
      "SHPAY_ADMIN_EMAIL", "admin-email",
      "SHPAY_ADMIN_PASSWORD", "admin-password",
      "SHPAY_CHAT_MODEL_API_KEY", "chat-api-key",
      "SHPAY_SLACK_WEBHOOK_URL", "slack-webhook-url",
      "SHPAY_WEBHOOKS_SIGNING_SECRET", "webhooks-signing-secret");

  private static final Set<String> CONFIG_VARIABLES = Set.of(
      "SHPAY_LOG_LEVEL", "SHPAY_HTTP_PORT", "SHPAY_HTTP_INSTANCES", "SHPAY_HTTP_BODY_LIMIT_BYTES",
      "SHPAY_HTTP_REQUEST_TIMEOUT", "SHPAY_HTTP_IDEMPOTENCY_RETENTION", "SHPAY_HTTP_TRUSTED_PROXIES",
      "SHPAY_HTTP_CORS_ALLOWED_ORIGINS", "SHPAY_MYSQL_URI", "SHPAY_MYSQL_POOL_SIZE",
      "SHPAY_MYSQL_MIGRATE_ON_START", "SHPAY_REDIS_URI", "SHPAY_REDIS_POOL_SIZE", "SHPAY_KAFKA_BOOTSTRAP_SERVERS",
      "SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC",
      "SHPAY_AUTH_ISSUER", "SHPAY_AUTH_ACCESS_TOKEN_TTL", "SHPAY_AUTH_REFRESH_TOKEN_TTL",
      "SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", "SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", "SHPAY_AUTH_LOGIN_WINDOW",
      "SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", "SHPAY_AUTH_SIGN_UPS_PER_MINUTE",
      "SHPAY_KFTC_BASE_URL", "SHPAY_KFTC_REDIRECT_URI", "SHPAY_KFTC_SCOPE", "SHPAY_KFTC_TIMEOUT",
      "SHPAY_OPENBANKING_CONSENT_STATE_TTL", "SHPAY_OPENBANKING_TOKEN_REFRESH_MARGIN",
      "SHPAY_OPENBANKING_BALANCE_FRESH_FOR", "SHPAY_OPENBANKING_BALANCE_CACHE_TTL",
      "SHPAY_OPENBANKING_MAX_TRANSFER_AMOUNT", "SHPAY_OPENBANKING_CONSENT_RETURN_URL",
      "SHPAY_OPENBANKING_TRANSFER_NOT_FOUND_GRACE", "SHPAY_OPENBANKING_STALE_REQUESTED_AFTER",
      "SHPAY_OPENBANKING_BANK_READS_PER_USER_PER_MINUTE",
      "SHPAY_NH_BASE_URL", "SHPAY_NH_ISCD", "SHPAY_NH_FINTECH_APSNO", "SHPAY_NH_TIMEOUT",
      "SHPAY_PAYMENTS_MAX_AMOUNT", "SHPAY_PAYMENTS_RECONCILE_FIRST_AFTER", "SHPAY_PAYMENTS_RECONCILE_GIVE_UP_AFTER",
      "SHPAY_PAYMENTS_OUTBOX_POLL_INTERVAL", "SHPAY_PAYMENTS_NH_NOT_FOUND_GRACE", "SHPAY_PAYMENTS_STALE_REQUESTED_AFTER",
      "SHPAY_PAYMENTS_INSTANCES",
      "SHPAY_HISTORY_GROUP_PREFIX", "SHPAY_HISTORY_DEAD_LETTER_TOPIC", "SHPAY_HISTORY_MAX_IN_FLIGHT",
      "SHPAY_HISTORY_MAX_ATTEMPTS", "SHPAY_HISTORY_RETRY_BACKOFF",
      "SHPAY_NOTIFICATIONS_REPLAY_WINDOW", "SHPAY_NOTIFICATIONS_HEARTBEAT",
      "SHPAY_NOTIFICATIONS_STREAMS_PER_USER", "SHPAY_NOTIFICATIONS_MAX_STREAMS",
      "SHPAY_NOTIFICATIONS_STREAM_TICKET_TTL", "SHPAY_NOTIFICATIONS_STREAM_SESSION_CHECK",
      "SHPAY_WEBHOOKS_TIMEOUT", "SHPAY_WEBHOOKS_FIRST_RETRY_AFTER", "SHPAY_WEBHOOKS_MAX_RETRY_GAP",
      "SHPAY_WEBHOOKS_GIVE_UP_AFTER", "SHPAY_WEBHOOKS_POLL_INTERVAL", "SHPAY_SLACK_ALERTS_PER_MINUTE",
      "SHPAY_CHAT_MODEL_BASE_URL", "SHPAY_CHAT_MODEL_NAME", "SHPAY_CHAT_MODEL_TIMEOUT",
      "SHPAY_CHAT_MODEL_MAX_TOKENS", "SHPAY_CHAT_MAX_TOOL_STEPS", "SHPAY_CHAT_MEMORY_TTL", "SHPAY_CHAT_MEMORY_MAX_TURNS",
      "SHPAY_CHAT_RATE_LIMIT_PER_MINUTE", "SHPAY_CHAT_RATE_LIMIT_TOKENS_PER_USER_PER_DAY");

  /** ConfigMap variables whose chart default deliberately differs from conf/application.yaml's. */
  private static final Set<String> DEFAULTS_OF_THEIR_OWN = Set.of(
      "SHPAY_MYSQL_URI", "SHPAY_REDIS_URI", "SHPAY_KAFKA_BOOTSTRAP_SERVERS", // in-cluster names, not localhost
      "SHPAY_MYSQL_MIGRATE_ON_START", // the migration hook Job migrates instead
      // Lists: YAML [] in the file, a comma-separated string in the ConfigMap.
      "SHPAY_HTTP_TRUSTED_PROXIES", "SHPAY_HTTP_CORS_ALLOWED_ORIGINS");

  /** Settings of conf/application.yaml the chart deliberately does not offer. */
  private static final Set<String> LEFT_OUT_OF_THE_CHART = Set.of(
      "SHPAY_ROLES", // set per Deployment (roles, worker.roles), not in the shared ConfigMap
      "SHPAY_HTTP_HOST", // a pod listens on all its interfaces
      "SHPAY_AUTH_GENERATE_SIGNING_KEY", // local runs only: a pod's signing key comes from the Secret
      "SHPAY_WEBHOOKS_ALLOW_INSECURE_URLS", // local runs only: production webhooks are https to public hosts
      "SHPAY_ADMIN"); // admin: {} holds only secrets (admin email and password), from the Secret

  private static Rendered defaults;
  private static Rendered production;
  private static Rendered defaultsWithHooks;
  private static Rendered productionWithHooks;

  @BeforeAll
  static void render() {
    defaults = HelmChart.chart().template(DEFAULTS);
    production = HelmChart.chart().template(PRODUCTION_VALUES, Map.of());
    HelmChart visibleHooks = HelmChart.withVisibleHooks();
    defaultsWithHooks = visibleHooks.template(DEFAULTS);
    productionWithHooks = visibleHooks.template(PRODUCTION_VALUES, Map.of());
  }

  // ---- lint and schema ------------------------------------------------------------------------

  @Test
  void theChartLintsStrictlyCleanWithTheDefaultValuesAndAnExistingSecret() {
    assertLintsClean(HelmChart.lintWith(null, DEFAULTS));
  }

  @Test
  void theChartLintsStrictlyCleanWithTheProductionValues() {
    assertLintsClean(HelmChart.lintWith(PRODUCTION_VALUES, Map.of()));
  }

  @Test
  void withoutAnExistingSecretTheChartRefusesToLintOrRenderAndSaysWhichValueIsMissing() {
    LintResult lint = HelmChart.chart().lint();
    assertThat(lint.isFailed()).isTrue();
    assertThat(String.join("\n", lint.getMessages())).contains("at '/existingSecret'");

    assertThatThrownBy(() -> HelmChart.chart().templateText(null, Map.of()))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("at '/existingSecret': minLength");
    assertThatThrownBy(() -> HelmChart.chart().templateText(null, Map.of("existingSecret", "null")))
        .hasMessageContaining("missing property 'existingSecret'");
    // Past the schema (helm --skip-schema-validation), the templates still refuse, with directions.
    assertThatThrownBy(() -> HelmChart.withoutSchema().templateText(null,
        Map.of("config.kftc.redirectUri", CALLBACK, "config.nh.iscd", ISCD)))
        .hasMessageContaining("existingSecret is required: create a Secret")
        .hasMessageContaining("--set existingSecret=shpay-secrets");
  }

  @ParameterizedTest(name = "--set {0}={1} fails at {2}")
  @CsvSource(delimiter = '|', value = {
      "replicaCount             | two                   | at '/replicaCount': got string, want integer",
      "replicaCount             | 0                     | at '/replicaCount': minimum",
      "roles[0]                 | payments              | at '/roles/0': value must be one of",
      "worker.roles[0]          | ledger                | at '/worker/roles/0': value must be one of",
      "image.tag                | ''                    | at '/image/tag': minLength",
      "config.http.port         | 70000                 | at '/config/http/port': maximum",
      "config.http.port         | 80                    | at '/config/http/port': minimum",
      "service.port             | 0                     | at '/service/port': minimum",
      "config.mysql.uri         | postgres://db/shpay   | at '/config/mysql/uri'",
      "config.logLevel          | LOUD                  | at '/config/logLevel': value must be one of",
      "existingSecret           | ''                    | at '/existingSecret': minLength",
      "replicas                 | 3                     | additional properties 'replicas' not allowed",
      "worker.replicas          | 3                     | additional properties 'replicas' not allowed",
      "config.kftc.redirectUri  | pay.example.com/cb    | at '/config/kftc/redirectUri'",
      "config.kftc.baseUrl      | ''                    | at '/config/kftc/baseUrl'",
      "config.kftc.timeout      | ten seconds           | at '/config/kftc/timeout'",
      "config.openbanking.maxTransferAmount | 0         | at '/config/openbanking/maxTransferAmount': minimum",
      "secretKeys.kftcDepositPassPhrase | ''            | at '/secretKeys/kftcDepositPassPhrase': minLength",
      "config.nh.iscd           | 01234                 | at '/config/nh/iscd'",
      "config.nh.iscd           | 0123456               | at '/config/nh/iscd'",
      "config.nh.iscd           | 12345a                | at '/config/nh/iscd'",
      "config.nh.iscd           | 12345                 | at '/config/nh/iscd'",
      "config.nh.baseUrl        | developers.nonghyup.com | at '/config/nh/baseUrl'",
      "config.nh.timeout        | 10s                   | at '/config/nh/timeout'",
      "config.nh.fintechApsno   | ''                    | at '/config/nh/fintechApsno': minLength",
      "config.payments.maxAmount | 0                    | at '/config/payments/maxAmount': minimum",
      "config.payments.maxAmount | 1.5                  | at '/config/payments/maxAmount'",
      "config.payments.reconcileGiveUpAfter | 3 days    | at '/config/payments/reconcileGiveUpAfter'",
      "config.payments.outboxPollInterval | 200       | at '/config/payments/outboxPollInterval': got number, want string",
      "config.kafka.paymentEventsTopic | 'payment events' | at '/config/kafka/paymentEventsTopic'",
      "secretKeys.nhAccessToken | ''                    | at '/secretKeys/nhAccessToken': minLength",
  })
  void theSchemaRejectsBadValuesBeforeAnythingRenders(String key, String value, String error) {
    Map<String, Object> sets = new LinkedHashMap<>(DEFAULTS);
    sets.put(key, value);
    assertThatThrownBy(() -> HelmChart.chart().templateText(null, sets))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(error);
  }

  @Test
  void lintAlsoFailsOnValuesTheSchemaRejects() {
    Map<String, Object> sets = new LinkedHashMap<>(DEFAULTS);
    sets.put("replicaCount", "two");
    LintResult lint = HelmChart.lintWith(null, sets);
    assertThat(lint.isFailed()).isTrue();
    assertThat(String.join("\n", lint.getMessages())).contains("at '/replicaCount': got string, want integer");
  }

  // ---- what renders ---------------------------------------------------------------------------

  @Test
  void byDefaultTheApiRunsBehindAClusterIpServiceWithoutIngressAndTheHistoryWorkerBesideIt() {
    assertThat(defaults.names()).containsExactlyInAnyOrder(
        "PodDisruptionBudget/shpay-api", "ConfigMap/shpay", "Service/shpay", "Deployment/shpay-api",
        "HorizontalPodAutoscaler/shpay-api", "Deployment/shpay-history-worker", "NetworkPolicy/shpay-egress");
    Map<String, Object> api = defaults.one("Deployment", "shpay-api");
    assertThat(env(container(api)).get("SHPAY_ROLES"))
        .isEqualTo(Map.of("name", "SHPAY_ROLES", "value", "api,user,openbanking,payment,chat"));
    assertThat(at(container(api), "image")).isEqualTo("shpay:0.1.0");

    Map<String, Object> service = defaults.one("Service", "shpay");
    assertThat(at(service, "spec.type")).isEqualTo("ClusterIP");
    assertThat(at(service, "spec.ports[0]"))
        .isEqualTo(Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP"));
    assertThat(selects(service, "spec.selector", api)).isTrue();
  }

  @Test
  void theHistoryWorkerIsASecondDeploymentWithItsOwnRolesThatTheServiceDoesNotSelect() {
    assertThat(HelmChart.chart().template(defaultsAnd("worker.enabled", false)).all("Deployment")).hasSize(1);
    Rendered enabled = HelmChart.chart().template(defaultsAnd("worker.enabled", true));
    Map<String, Object> worker = enabled.one("Deployment", "shpay-history-worker");
    assertThat(at(worker, "spec.replicas")).isEqualTo(1);
    assertThat(env(container(worker)).get("SHPAY_ROLES")).containsEntry("value", "history");
    assertThat(at(worker, "spec.template.metadata.labels['app.kubernetes.io/component']")).isEqualTo("history-worker");
    assertThat(selects(enabled.one("Service", "shpay"), "spec.selector", worker)).isFalse();
    assertThat(selects(enabled.one("PodDisruptionBudget", "shpay-api"), "spec.selector.matchLabels", worker)).isFalse();
    assertThat(enabled.all("Service")).hasSize(1);

    Map<String, Object> productionWorker = production.one("Deployment", "shpay-history-worker");
    assertThat(at(productionWorker, "spec.replicas")).isEqualTo(3);
    assertThat(at(productionWorker, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
  }

  @Test
  void everyLongRunningPodHasStartupAndLivenessProbesOnHealthLiveAndReadinessOnHealthReadyAtPort8080() {
    assertThat(production.all("Deployment")).hasSize(2);
    for (Map<String, Object> deployment : production.all("Deployment")) {
      Map<String, Object> container = container(deployment);
      assertThat(at(container, "ports")).as("ports of %s", name(deployment))
          .isEqualTo(List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")));
      assertThat(at(container, "startupProbe.httpGet")).isEqualTo(Map.of("path", "/health/live", "port", "http"));
      assertThat(at(container, "livenessProbe.httpGet")).isEqualTo(Map.of("path", "/health/live", "port", "http"));
      assertThat(at(container, "readinessProbe.httpGet")).isEqualTo(Map.of("path", "/health/ready", "port", "http"));
      // The start-up probe gives the JVM (and any start-up migration) time before liveness counts.
      int startupBudget = (Integer) at(container, "startupProbe.periodSeconds")
          * (Integer) at(container, "startupProbe.failureThreshold");
      assertThat(startupBudget).isGreaterThanOrEqualTo(120);
    }
    Rendered otherPort = HelmChart.chart().template(defaultsAnd("config.http.port", 9090));
    Map<String, Object> api = otherPort.one("Deployment", "shpay-api");
    assertThat(at(container(api), "ports[0].containerPort")).isEqualTo(9090);
    assertThat(at(otherPort.one("ConfigMap", "shpay"), "data.SHPAY_HTTP_PORT")).isEqualTo("9090");
    assertThat(at(api, "spec.template.metadata.annotations['prometheus.io/port']")).isEqualTo("9090");
  }

  @Test
  void everyPodRunsAsUser10001OnAReadOnlyRootWithoutPrivilegesAndWritesOnlyToAnEmptyDirAtTmp() {
    List<Map<String, Object>> pods = productionWithHooks.podSpecs();
    assertThat(pods).as("API, worker and migration pods").hasSize(3);
    for (Map<String, Object> pod : pods) {
      assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
      assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
      assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
      assertThat(list(at(pod, "volumes"))).containsExactly(
          Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "256Mi")));
      for (Map<String, Object> container : list(at(pod, "containers"))) {
        Map<String, Object> security = map(at(container, "securityContext"));
        assertThat(security)
            .containsEntry("runAsNonRoot", true)
            .containsEntry("runAsUser", 10001)
            .containsEntry("readOnlyRootFilesystem", true)
            .containsEntry("allowPrivilegeEscalation", false)
            .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat(security).doesNotContainKey("privileged");
        assertThat(list(at(container, "volumeMounts"))).containsExactly(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(at(container, "resources.requests.cpu")).isNotNull();
        assertThat(at(container, "resources.requests.memory")).isNotNull();
        assertThat(at(container, "resources.limits.memory"))
            .as("a memory limit: the JVM sizes its heap from it")
            .isNotNull();
      }
    }
  }

  @Test
  void secretsComeOnlyByReferenceFromTheExistingSecretAndNoSecretObjectIsRendered() {
    for (Rendered render : List.of(defaults, production, defaultsWithHooks, productionWithHooks)) {
      assertThat(render.all("Secret")).isEmpty();
      assertThat(render.text()).doesNotContain("kind: Secret");
    }
    // The API pods and the migration Job run the openbanking and payment roles; the history worker does not.
    Map<String, List<Boolean>> rolesByComponent = new LinkedHashMap<>();
    for (Map<String, Object> workload : productionWithHooks.objects()) {
      if (!List.of("Deployment", "Job").contains(workload.get("kind"))) {
        continue;
      }
      Map<String, Map<String, Object>> env = env(container(workload));
      List<String> roles = List.of(((String) at(env.get("SHPAY_ROLES"), "value")).split(","));
      boolean openbanking = roles.contains("openbanking");
      boolean payment = roles.contains("payment");
      rolesByComponent.put(name(workload), List.of(openbanking, payment));
      assertSecretReferences(env, SECRET, openbanking, payment);
      // Literal values only for the roles and the ConfigMap's settings (inline in the migration Job).
      for (Map<String, Object> variable : env.values()) {
        if (variable.containsKey("value")) {
          assertThat((String) variable.get("name")).isIn(union(CONFIG_VARIABLES, Set.of("SHPAY_ROLES")));
        }
      }
    }
    assertThat(rolesByComponent).as("component: [openbanking, payment]").isEqualTo(Map.of(
        "shpay-api", List.of(true, true), "shpay-migrate", List.of(true, true),
        "shpay-history-worker", List.of(false, false)));
    assertThat(map(at(defaults.one("ConfigMap", "shpay"), "data")).keySet())
        .doesNotContainAnyElementsOf(REQUIRED_SECRETS.keySet())
        .doesNotContainAnyElementsOf(OPENBANKING_SECRETS.keySet())
        .doesNotContainAnyElementsOf(PAYMENT_SECRETS.keySet())
        .doesNotContainAnyElementsOf(OPTIONAL_SECRETS.keySet());

    Rendered renamed = HelmChart.chart().template(
        defaultsAnd("existingSecret", "payments-prod", "secretKeys.mysqlPassword", "db-password"));
    assertThat(at(env(container(renamed.one("Deployment", "shpay-api"))).get("SHPAY_MYSQL_PASSWORD"),
        "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "payments-prod", "key", "db-password"));
  }

  @Test
  void withoutTheOpenbankingRoleTheKftcSecretsStayOptionalAndNoConsentCallbackIsNeeded() {
    Rendered withoutOpenbanking = HelmChart.withVisibleHooks().template(
        ordered("existingSecret", SECRET, "roles[0]", "api", "roles[1]", "user"));
    for (String workload : List.of("shpay-api", "shpay-migrate")) {
      Map<String, Object> object = withoutOpenbanking.one(workload.endsWith("migrate") ? "Job" : "Deployment", workload);
      Map<String, Map<String, Object>> env = env(container(object));
      assertThat(env.get("SHPAY_ROLES")).isEqualTo(Map.of("name", "SHPAY_ROLES", "value", "api,user"));
      assertSecretReferences(env, SECRET, false, false);
    }
    Map<String, Object> data = map(at(withoutOpenbanking.one("ConfigMap", "shpay"), "data"));
    assertThat(data).doesNotContainKey("SHPAY_KFTC_REDIRECT_URI")
        .doesNotContainKey("SHPAY_NH_ISCD")
        .containsEntry("SHPAY_KFTC_BASE_URL", "https://openapi.openbanking.or.kr")
        .containsEntry("SHPAY_NH_BASE_URL", "https://developers.nonghyup.com");

    // The history worker running openbanking needs the callback (and the keys) too.
    assertThatThrownBy(() -> HelmChart.chart().templateText(null, ordered("existingSecret", SECRET,
        "roles[0]", "api", "roles[1]", "user", "worker.enabled", true, "worker.roles[0]", "history", "worker.roles[1]", "openbanking")))
        .hasMessageContaining("config.kftc.redirectUri is required while the openbanking role is on");
    Rendered workerOpenbanking = HelmChart.chart().template(defaultsAnd(
        "roles[0]", "api", "roles[1]", "user", "worker.enabled", true, "worker.roles[0]", "history", "worker.roles[1]", "openbanking"));
    assertSecretReferences(env(container(workerOpenbanking.one("Deployment", "shpay-history-worker"))), SECRET, true, false);
    assertSecretReferences(env(container(workerOpenbanking.one("Deployment", "shpay-api"))), SECRET, false, false);
  }

  @Test
  void withoutThePaymentRoleTheNhAccessTokenStaysOptionalAndNoInstitutionCodeIsNeeded() {
    Rendered withoutPayment = HelmChart.withVisibleHooks().template(ordered("existingSecret", SECRET,
        "config.kftc.redirectUri", CALLBACK, "roles[0]", "api", "roles[1]", "user", "roles[2]", "openbanking"));
    for (String workload : List.of("shpay-api", "shpay-migrate")) {
      Map<String, Object> object = withoutPayment.one(workload.endsWith("migrate") ? "Job" : "Deployment", workload);
      Map<String, Map<String, Object>> env = env(container(object));
      assertThat(env.get("SHPAY_ROLES")).isEqualTo(Map.of("name", "SHPAY_ROLES", "value", "api,user,openbanking"));
      assertSecretReferences(env, SECRET, true, false);
    }
    Map<String, Object> data = map(at(withoutPayment.one("ConfigMap", "shpay"), "data"));
    assertThat(data).doesNotContainKey("SHPAY_NH_ISCD")
        .containsEntry("SHPAY_NH_BASE_URL", "https://developers.nonghyup.com")
        .containsEntry("SHPAY_PAYMENTS_MAX_AMOUNT", "2000000");

    // The history worker running payment needs the institution code (and the token) too.
    Map<String, Object> workerPayment = ordered("existingSecret", SECRET, "config.kftc.redirectUri", CALLBACK,
        "roles[0]", "api", "roles[1]", "user", "roles[2]", "openbanking",
        "worker.enabled", true, "worker.roles[0]", "history", "worker.roles[1]", "payment");
    assertThatThrownBy(() -> HelmChart.chart().templateText(null, workerPayment))
        .hasMessageContaining("config.nh.iscd is required while the payment role is on");
    workerPayment.put("config.nh.iscd", ISCD);
    Rendered rendered = HelmChart.chart().template(workerPayment);
    assertSecretReferences(env(container(rendered.one("Deployment", "shpay-history-worker"))), SECRET, false, true);
    assertSecretReferences(env(container(rendered.one("Deployment", "shpay-api"))), SECRET, true, false);
  }

  @Test
  void theNhInstitutionCodeIsRequiredWithThePaymentRoleAndIsSixDigits() {
    // The defaults run payment: without the code the chart refuses, schema or not, and says which value.
    for (HelmChart chart : List.of(HelmChart.chart(), HelmChart.withoutSchema())) {
      assertThatThrownBy(() -> chart.templateText(null,
          ordered("existingSecret", SECRET, "config.kftc.redirectUri", CALLBACK)))
          .hasMessageContaining("config.nh.iscd is required while the payment role is on")
          .hasMessageContaining("6-digit institution code at NH")
          .hasMessageContaining("--set config.nh.iscd=012345");
    }
    assertThat(at(defaults.one("ConfigMap", "shpay"), "data.SHPAY_NH_ISCD")).isEqualTo(ISCD);
    assertThat(at(production.one("ConfigMap", "shpay"), "data.SHPAY_NH_ISCD")).isEqualTo("000000");
    // --set types a code without a leading zero as a number: still six digits, printed back as such.
    assertThat(at(HelmChart.chart().template(defaultsAnd("config.nh.iscd", "123456")).one("ConfigMap", "shpay"),
        "data.SHPAY_NH_ISCD")).isEqualTo("123456");
    assertThat(at(HelmChart.chart().template(defaultsAnd("config.nh.iscd", "012345")).one("ConfigMap", "shpay"),
        "data.SHPAY_NH_ISCD")).isEqualTo("012345");
    // A values file with the code as a number (unquoted YAML) works the same way.
    assertThat(HelmChart.lintWith(null, defaultsAnd("config.nh.iscd", 654321)).isFailed()).isFalse();
  }

  @Test
  void theKftcConsentCallbackIsRequiredWithTheOpenbankingRoleAndDerivedFromTheIngressHostWhenThereIsOne() {
    // The defaults run openbanking without an Ingress: nothing to derive the callback from.
    for (HelmChart chart : List.of(HelmChart.chart(), HelmChart.withoutSchema())) {
      assertThatThrownBy(() -> chart.templateText(null, Map.of("existingSecret", SECRET)))
          .hasMessageContaining("config.kftc.redirectUri is required while the openbanking role is on")
          .hasMessageContaining("--set config.kftc.redirectUri=https://pay.example.com/api/v1/openbanking/callback")
          .hasMessageContaining("ingress.enabled=true");
    }
    // A disabled Ingress's example host is not a deployment's address.
    assertThatThrownBy(() -> HelmChart.chart().templateText(null,
        ordered("existingSecret", SECRET, "ingress.hosts[0].host", "shop.example.org",
            "ingress.hosts[0].paths[0].path", "/api", "ingress.hosts[0].paths[0].pathType", "Prefix")))
        .hasMessageContaining("config.kftc.redirectUri is required");
    // A wildcard host names no single callback.
    assertThatThrownBy(() -> HelmChart.chart().templateText(null,
        ordered("existingSecret", SECRET, "ingress.enabled", true, "ingress.hosts[0].host", "*.example.org",
        "ingress.hosts[0].paths[0].path", "/api", "ingress.hosts[0].paths[0].pathType", "Prefix")))
        .hasMessageContaining("config.kftc.redirectUri is required");

    Rendered derived = HelmChart.chart().template(ordered("existingSecret", SECRET, "config.nh.iscd", ISCD,
        "ingress.enabled", true, "ingress.hosts[0].host", "shop.example.org",
        "ingress.hosts[0].paths[0].path", "/api", "ingress.hosts[0].paths[0].pathType", "Prefix"));
    assertThat(at(derived.one("ConfigMap", "shpay"), "data.SHPAY_KFTC_REDIRECT_URI"))
        .isEqualTo("https://shop.example.org/api/v1/openbanking/callback");
    assertThat(at(derived.one("Ingress", "shpay"), "spec.rules[0].http.paths[0].path"))
        .as("the Ingress routes the callback's path").isEqualTo("/api");
    assertThat(at(derived.one("ConfigMap", "shpay"), "data.SHPAY_HTTP_TRUSTED_PROXIES"))
        .as("behind the chart's Ingress, its controller may name the client")
        .isEqualTo("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7");
    assertThat(at(defaults.one("ConfigMap", "shpay"), "data.SHPAY_HTTP_TRUSTED_PROXIES"))
        .as("without an Ingress nobody may").isEqualTo("");

    Rendered explicit = HelmChart.chart().template(ordered("existingSecret", SECRET, "config.nh.iscd", ISCD,
        "ingress.enabled", true, "ingress.hosts[0].host", "shop.example.org",
        "ingress.hosts[0].paths[0].path", "/api", "ingress.hosts[0].paths[0].pathType", "Prefix",
        "config.kftc.redirectUri", "https://callback.example.net/kftc"));
    assertThat(at(explicit.one("ConfigMap", "shpay"), "data.SHPAY_KFTC_REDIRECT_URI"))
        .as("an explicit value wins over the derived one").isEqualTo("https://callback.example.net/kftc");

    assertThat(at(defaults.one("ConfigMap", "shpay"), "data.SHPAY_KFTC_REDIRECT_URI")).isEqualTo(CALLBACK);
    assertThat(at(production.one("ConfigMap", "shpay"), "data.SHPAY_KFTC_REDIRECT_URI")).isEqualTo(CALLBACK);
  }

  @Test
  void theReleaseNotesNameTheRequiredKeysTheCallbackToRegisterWithKftcAndTheNhInstitution() {
    String notes = HelmChart.chart().notes(PRODUCTION_VALUES, Map.of());
    assertThat(notes)
        .contains("API pods (roles api,user,openbanking,payment)")
        .contains("keys mysql-password, jwt-private-key, jwt-public-key are required, and for the openbanking role "
            + "kftc-client-id, kftc-client-secret, kftc-contract-account-num, kftc-deposit-pass-phrase, "
            + "openbanking-token-encryption-key, and for the payment role nh-access-token).")
        .contains("Payments call https://developers.nonghyup.com as institution 000000 (FinTech app 001)")
        .contains("to the Kafka topic shpay.payment-events")
        .contains("keep replicas <= partitions of shpay.payment-events")
        .contains("Open banking calls https://openapi.openbanking.or.kr")
        .contains("\n  " + CALLBACK + "\n")
        .doesNotContain("derived from the first Ingress host");
    String derived = HelmChart.chart().notes(null, ordered("existingSecret", SECRET, "config.nh.iscd", ISCD,
        "ingress.enabled", true, "ingress.hosts[0].host", "shop.example.org",
        "ingress.hosts[0].paths[0].path", "/api", "ingress.hosts[0].paths[0].pathType", "Prefix"));
    assertThat(derived)
        .contains("\n  https://shop.example.org/api/v1/openbanking/callback\n")
        .contains("derived from the first Ingress host");
    String withoutOpenbanking = HelmChart.chart().notes(null, ordered("existingSecret", SECRET, "roles[0]", "api", "roles[1]", "user"));
    assertThat(HelmChart.chart().notes(null, DEFAULTS))
        .contains("openbanking-token-encryption-key, and for the payment role nh-access-token).")
        .contains("Payments call https://developers.nonghyup.com as institution " + ISCD);
    assertThat(withoutOpenbanking)
        .contains("jwt-public-key are required).")
        .doesNotContain("kftc")
        .doesNotContain("Open banking")
        .doesNotContain("nh-access-token")
        .doesNotContain("Payments call");
  }

  @Test
  void theEgressPolicyLetsThePodsReachTheirServersAndThePublicInternetButNoPrivateOrMetadataAddress() {
    Map<String, Object> policy = defaults.one("NetworkPolicy", "shpay-egress");
    assertThat(strings(at(policy, "spec.policyTypes"))).containsExactly("Egress");
    assertThat(map(at(policy, "spec.podSelector.matchLabels")))
        .containsEntry("app.kubernetes.io/name", "shpay").doesNotContainKey("app.kubernetes.io/component");
    List<Map<String, Object>> rules = list(at(policy, "spec.egress"));
    Map<String, Object> internet = rules.get(rules.size() - 1);
    List<Map<String, Object>> blocks = list(internet.get("to"));
    assertThat(at(blocks.get(0), "ipBlock.cidr")).isEqualTo("0.0.0.0/0");
    assertThat(strings(at(blocks.get(0), "ipBlock.except"))).contains("10.0.0.0/8", "172.16.0.0/12",
        "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8");
    assertThat(at(blocks.get(1), "ipBlock.cidr")).isEqualTo("::/0");
    assertThat(strings(at(blocks.get(1), "ipBlock.except"))).contains("fc00::/7", "fe80::/10");
    assertThat(rules).anySatisfy(rule -> assertThat(list(rule.get("ports")))
        .contains(Map.of("port", 3306, "protocol", "TCP"), Map.of("port", 6379, "protocol", "TCP")));

    Map<String, Object> off = new LinkedHashMap<>(DEFAULTS);
    off.put("networkPolicy.enabled", false);
    assertThat(Rendered.parse(HelmChart.chart().templateText(null, off)).names()).doesNotContain("NetworkPolicy/shpay-egress");
  }

  private static List<String> strings(Object yamlList) {
    return ((List<?>) yamlList).stream().map(String::valueOf).toList();
  }

  @Test
  void theConfigMapCarriesEveryNonSecretSettingAsShpayVariablesThatThePodsReadWithEnvFrom() {
    Map<String, Object> data = map(at(production.one("ConfigMap", "shpay"), "data"));
    assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(CONFIG_VARIABLES);
    assertThat(data)
        .containsEntry("SHPAY_HTTP_PORT", "8080")
        .containsEntry("SHPAY_MYSQL_URI", "mysql://shpay@mysql.db.internal:3306/shpay")
        .containsEntry("SHPAY_MYSQL_MIGRATE_ON_START", "false")
        .containsEntry("SHPAY_REDIS_URI", "redis://redis.cache.internal:6379")
        .containsEntry("SHPAY_KAFKA_BOOTSTRAP_SERVERS",
            "kafka-0.kafka.internal:9092,kafka-1.kafka.internal:9092,kafka-2.kafka.internal:9092")
        .containsEntry("SHPAY_AUTH_ACCESS_TOKEN_TTL", "PT15M")
        .containsEntry("SHPAY_LOG_LEVEL", "INFO");
    assertThat(data.values()).allMatch(value -> value instanceof String, "every value a string");

    // Each variable is a real SH Pay setting: SHPAY_ + a key of conf/application.yaml, or of a
    // profile file for keys without a default (kftc.redirectUri, set in application-local.yaml);
    // the log level goes to Logback.
    Map<String, Object> known = new LinkedHashMap<>();
    for (String file : List.of("application-local.yaml", "application.yaml")) {
      flattenKeys("", HelmChart.readYamlMap(Paths.get("conf", file)), known);
    }
    Set<String> settings = known.keySet().stream().map(ConfigReader::envName)
        .collect(Collectors.toCollection(TreeSet::new));
    settings.add("SHPAY_LOG_LEVEL");
    assertThat(settings).containsAll(data.keySet());

    for (Map<String, Object> deployment : production.all("Deployment")) {
      assertThat(at(container(deployment), "envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "shpay"))));
      assertThat(at(deployment, "spec.template.metadata.annotations['checksum/config']")).isNotNull();
    }
    // A configuration change changes the pod template, so the pods roll.
    Rendered debug = HelmChart.chart().template(defaultsAnd("config.logLevel", "DEBUG"));
    assertThat(at(debug.one("Deployment", "shpay-api"), "spec.template.metadata.annotations['checksum/config']"))
        .isNotEqualTo(at(defaults.one("Deployment", "shpay-api"), "spec.template.metadata.annotations['checksum/config']"));
  }

  @Test
  void theChartsDefaultSettingsAreTheDefaultsOfConfApplicationYaml() {
    Map<String, Object> applicationDefaults = new LinkedHashMap<>();
    flattenKeys("", HelmChart.readYamlMap(Paths.get("conf", "application.yaml")), applicationDefaults);
    Map<String, String> byVariable = new LinkedHashMap<>();
    applicationDefaults.forEach((key, value) -> byVariable.put(ConfigReader.envName(key), String.valueOf(value)));

    Map<String, Object> data = map(at(defaults.one("ConfigMap", "shpay"), "data"));
    Set<String> compared = new TreeSet<>();
    data.forEach((variable, value) -> {
      if (byVariable.containsKey(variable) && !DEFAULTS_OF_THEIR_OWN.contains(variable)) {
        assertThat(value).as(variable).isEqualTo(byVariable.get(variable));
        compared.add(variable);
      }
    });
    // Every setting of conf/application.yaml is in the chart with the same default, unless it is
    // deliberately left out of it: a new setting cannot be forgotten by the chart.
    Set<String> expected = new TreeSet<>(byVariable.keySet());
    expected.removeAll(DEFAULTS_OF_THEIR_OWN);
    expected.removeAll(LEFT_OUT_OF_THE_CHART);
    assertThat(compared).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(data)
        .containsEntry("SHPAY_KFTC_BASE_URL", "https://openapi.openbanking.or.kr")
        .containsEntry("SHPAY_OPENBANKING_MAX_TRANSFER_AMOUNT", "10000000")
        .containsEntry("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC", "shpay.payment-events")
        .containsEntry("SHPAY_NH_FINTECH_APSNO", "001")
        .containsEntry("SHPAY_PAYMENTS_MAX_AMOUNT", "2000000")
        .containsEntry("SHPAY_PAYMENTS_OUTBOX_POLL_INTERVAL", "PT0.2S");
    // conf/application.yaml has no nh.iscd (SH Pay's own code, no sensible default): nor has the chart.
    assertThat(byVariable).doesNotContainKey("SHPAY_NH_ISCD");
    assertThat(HelmChart.readYamlMap(HelmChart.CHART.resolve("values.yaml")))
        .extracting(values -> at(values, "config.nh.iscd")).isEqualTo("");
  }

  @Test
  void theRenderedEnvironmentIsAConfigurationShPayAcceptsAtStartUp() throws Exception {
    Map<String, Object> api = production.one("Deployment", "shpay-api");
    JsonObject environment = new JsonObject(new LinkedHashMap<>(map(at(production.one("ConfigMap", "shpay"), "data"))));
    for (Map<String, Object> variable : env(container(api)).values()) {
      if (variable.containsKey("value")) {
        environment.put((String) variable.get("name"), variable.get("value"));
      } else if (!Boolean.TRUE.equals(at(variable, "valueFrom.secretKeyRef.optional"))) {
        // What the Secret would hold: the token encryption key is 32 random bytes in Base64, the
        // NH access token 64 hexadecimal characters.
        environment.put((String) variable.get("name"), switch ((String) variable.get("name")) {
          case "SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY" -> Base64.getEncoder().encodeToString(new byte[32]);
          case "SHPAY_NH_ACCESS_TOKEN" -> "0123456789abcdef".repeat(4);
          default -> "from-the-secret";
        });
      }
    }
    assertThat(environment.fieldNames()).containsAll(REQUIRED_SECRETS.keySet()).containsAll(OPENBANKING_SECRETS.keySet())
        .containsAll(PAYMENT_SECRETS.keySet());
    Vertx vertx = Vertx.vertx();
    try {
      ShpayConfig config = ConfigLoader.load(vertx, Optional.empty(), false, environment)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(config.roles()).containsExactlyInAnyOrder(Role.API, Role.USER, Role.OPENBANKING, Role.PAYMENT);
      assertThat(config.http().port()).isEqualTo(8080);
      assertThat(config.mysql().uri()).isEqualTo("mysql://shpay@mysql.db.internal:3306/shpay");
      assertThat(config.mysql().password()).isPresent();
      assertThat(config.mysql().migrateOnStart()).isFalse();
      assertThat(config.redis().uri()).isEqualTo("redis://redis.cache.internal:6379");
      assertThat(config.kafka().bootstrapServers()).startsWith("kafka-0.kafka.internal:9092,");
      assertThat(config.auth().generateSigningKey()).isFalse();
      assertThat(config.auth().jwtPrivateKey()).isPresent();
      assertThat(config.http().idempotencyRetention()).isEqualTo(Duration.ofHours(24));
      OpenBankingConfig openBanking = config.openBanking().orElseThrow();
      assertThat(openBanking.baseUrl()).isEqualTo("https://openapi.openbanking.or.kr");
      assertThat(openBanking.redirectUri()).isEqualTo(CALLBACK);
      assertThat(openBanking.scope()).isEqualTo("login inquiry transfer");
      assertThat(openBanking.timeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(openBanking.clientId()).isEqualTo("from-the-secret");
      assertThat(openBanking.contractAccountNum()).isEqualTo("from-the-secret");
      assertThat(openBanking.consentStateTtl()).isEqualTo(Duration.ofMinutes(10));
      assertThat(openBanking.tokenRefreshMargin()).isEqualTo(Duration.ofDays(1));
      assertThat(openBanking.balanceFreshFor()).isEqualTo(Duration.ofMinutes(1));
      assertThat(openBanking.balanceCacheTtl()).isEqualTo(Duration.ofDays(1));
      assertThat(openBanking.maxTransferAmount()).isEqualTo(10_000_000L);
      PaymentsConfig payments = config.payments().orElseThrow();
      assertThat(payments.nhBaseUrl()).isEqualTo("https://developers.nonghyup.com");
      assertThat(payments.nhIscd()).isEqualTo("000000");
      assertThat(payments.nhFintechApsno()).isEqualTo("001");
      assertThat(payments.nhAccessToken()).isNotNull();
      assertThat(payments.nhTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(payments.maxAmount()).isEqualTo(2_000_000L);
      assertThat(payments.reconcileFirstAfter()).isEqualTo(Duration.ofMinutes(1));
      assertThat(payments.reconcileGiveUpAfter()).isEqualTo(Duration.ofDays(3));
      assertThat(payments.outboxPollInterval()).isEqualTo(Duration.ofMillis(200));
      assertThat(payments.paymentEventsTopic()).isEqualTo("shpay.payment-events");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theApiScalesOnCpuKeepsFullCapacityDuringRolloutsAndLosesAtMostOnePodToADrain() {
    Map<String, Object> api = defaults.one("Deployment", "shpay-api");
    assertThat(map(at(api, "spec"))).as("the HPA owns the replica count").doesNotContainKey("replicas");
    assertThat(at(api, "spec.strategy.type")).isEqualTo("RollingUpdate");
    assertThat(at(api, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);

    Map<String, Object> hpa = defaults.one("HorizontalPodAutoscaler", "shpay-api");
    assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
    assertThat(at(hpa, "spec.scaleTargetRef"))
        .isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "shpay-api"));
    assertThat(at(hpa, "spec.minReplicas")).isEqualTo(2);
    assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(10);
    assertThat(at(hpa, "spec.metrics")).isEqualTo(List.of(Map.of("type", "Resource", "resource",
        Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 70)))));

    Map<String, Object> pdb = defaults.one("PodDisruptionBudget", "shpay-api");
    assertThat(pdb.get("apiVersion")).isEqualTo("policy/v1");
    assertThat(at(pdb, "spec.maxUnavailable")).isEqualTo(1);
    assertThat(selects(pdb, "spec.selector.matchLabels", api)).isTrue();

    Map<String, Object> productionHpa = production.one("HorizontalPodAutoscaler", "shpay-api");
    assertThat(at(productionHpa, "spec.minReplicas")).isEqualTo(3);
    assertThat(at(productionHpa, "spec.maxReplicas")).isEqualTo(12);
    assertThat(at(productionHpa, "spec.metrics[0].resource.target.averageUtilization")).isEqualTo(65);
    assertThat(at(productionHpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).isEqualTo(300);

    Rendered fixed = HelmChart.chart().template(
        defaultsAnd("autoscaling.enabled", false, "replicaCount", 3));
    assertThat(fixed.all("HorizontalPodAutoscaler")).isEmpty();
    assertThat(at(fixed.one("Deployment", "shpay-api"), "spec.replicas")).isEqualTo(3);
  }

  @Test
  void migrationsRunOnceInAPreInstallAndPreUpgradeHookJobWhileThePodsSkipThemAtStartUp() {
    assertThat(defaults.all("Job")).as("a hook: Helm runs it apart from the release's objects").isEmpty();

    Map<String, Object> job = defaultsWithHooks.one("Job", "shpay-migrate");
    assertThat(map(at(job, "metadata.annotations")))
        .containsEntry(VISIBLE_HOOK_PREFIX, "pre-install,pre-upgrade")
        .containsEntry(VISIBLE_HOOK_PREFIX + "-delete-policy", "before-hook-creation,hook-succeeded");
    Map<String, Object> pod = map(at(job, "spec.template.spec"));
    assertThat(pod.get("restartPolicy")).isEqualTo("Never");
    Map<String, Object> migrate = list(pod.get("containers")).get(0);
    assertThat(migrate).doesNotContainKey("command");
    assertThat(migrate.get("args")).as("the image ENTRYPOINT: java … -jar /app/shpay.jar migrate")
        .isEqualTo(List.of("migrate"));
    assertThat(migrate.get("image")).isEqualTo(at(container(defaults.one("Deployment", "shpay-api")), "image"));

    // The hook runs before the release's ConfigMap exists: the same variables, inline.
    Map<String, Object> configMap = map(at(defaults.one("ConfigMap", "shpay"), "data"));
    Map<String, Map<String, Object>> env = env(migrate);
    configMap.forEach((name, value) -> assertThat(env.get(name)).as(name).isEqualTo(Map.of("name", name, "value", value)));
    assertThat(env.keySet()).containsAll(REQUIRED_SECRETS.keySet());
    assertThat(configMap).containsEntry("SHPAY_MYSQL_MIGRATE_ON_START", "false");
    // With the API pods' roles, not the image's defaults: it loads and checks the configuration they do.
    assertThat(env.get("SHPAY_ROLES"))
        .isEqualTo(env(container(defaults.one("Deployment", "shpay-api"))).get("SHPAY_ROLES"));
    assertSecretReferences(env, SECRET, true, true);

    Rendered withoutJob = HelmChart.withVisibleHooks().template(
        defaultsAnd("migration.enabled", false));
    assertThat(withoutJob.all("Job")).isEmpty();
    assertThat(at(withoutJob.one("ConfigMap", "shpay"), "data.SHPAY_MYSQL_MIGRATE_ON_START")).isEqualTo("true");
  }

  @Test
  void prometheusFindsEveryPodByAnnotationsAndTheApiThroughAnOptionalServiceMonitor() {
    for (Map<String, Object> deployment : production.all("Deployment")) {
      assertThat(map(at(deployment, "spec.template.metadata.annotations")))
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", "8080")
          .containsEntry("prometheus.io/path", "/metrics");
    }
    assertThat(defaults.all("ServiceMonitor")).isEmpty();
    Map<String, Object> monitor = production.one("ServiceMonitor", "shpay");
    assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(at(monitor, "metadata.labels.release")).isEqualTo("kube-prometheus-stack");
    assertThat(at(monitor, "spec.endpoints[0].port")).isEqualTo("http");
    assertThat(at(monitor, "spec.endpoints[0].path")).isEqualTo("/metrics");
    assertThat(selects(monitor, "spec.selector.matchLabels", production.one("Service", "shpay"), "metadata.labels")).isTrue();
  }

  @Test
  void theIngressIsOffByDefaultAndWhenOnRoutesOnlyTheApiPathToTheService() {
    assertThat(defaults.all("Ingress")).isEmpty();
    Map<String, Object> ingress = production.one("Ingress", "shpay");
    assertThat(ingress.get("apiVersion")).isEqualTo("networking.k8s.io/v1");
    assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
    assertThat(at(ingress, "spec.rules")).isEqualTo(List.of(Map.of("host", "pay.example.com", "http", Map.of("paths",
        List.of(Map.of("path", "/api", "pathType", "Prefix", "backend",
            Map.of("service", Map.of("name", "shpay", "port", Map.of("name", "http")))))))));
    assertThat(at(ingress, "spec.tls")).isEqualTo(
        List.of(Map.of("hosts", List.of("pay.example.com"), "secretName", "pay-example-com-tls")));
  }

  @Test
  void renderingIsDeterministicSoThePlainManifestsCanBeCompared() {
    assertThat(HelmChart.chart().templateText(null, DEFAULTS)).isEqualTo(defaults.text());
    assertThat(HelmChart.chart().templateText(PRODUCTION_VALUES, Map.of())).isEqualTo(production.text());
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static void assertLintsClean(LintResult result) {
    String messages = String.join("\n", result.getMessages());
    assertThat(result.isFailed()).as(messages).isFalse();
    assertThat(result.getMessages()).as(messages).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  /**
   * The secret variables of a container: each a reference into the Secret, the MySQL password and
   * JWT keys required, the openbanking and payment roles' required exactly when the pod runs that
   * role, the rest optional.
   */
  private static void assertSecretReferences(Map<String, Map<String, Object>> env, String secret, boolean openbanking,
      boolean payment) {
    REQUIRED_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
        .as(variable).isEqualTo(Map.of("name", secret, "key", key)));
    OPENBANKING_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
        .as("%s with openbanking %s", variable, openbanking)
        .isEqualTo(openbanking
            ? Map.of("name", secret, "key", key)
            : Map.of("name", secret, "key", key, "optional", true)));
    PAYMENT_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
        .as("%s with payment %s", variable, payment)
        .isEqualTo(payment
            ? Map.of("name", secret, "key", key)
            : Map.of("name", secret, "key", key, "optional", true)));
    OPTIONAL_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
        .as(variable).isEqualTo(Map.of("name", secret, "key", key, "optional", true)));
  }

  private static Map<String, Object> container(Map<String, Object> workload) {
    List<Map<String, Object>> containers = list(at(workload, "spec.template.spec.containers"));
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** A container's env entries by name (and no name twice). */
  private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> variable : list(container.get("env"))) {
      assertThat(byName.put((String) variable.get("name"), variable)).as("%s twice", variable.get("name")).isNull();
    }
    return byName;
  }

  private static String name(Map<String, Object> object) {
    return (String) at(object, "metadata.name");
  }

  /** Whether the label selector at selectorPath of selecting matches the pod template labels of a workload. */
  private static boolean selects(Map<String, Object> selecting, String selectorPath, Map<String, Object> workload) {
    return selects(selecting, selectorPath, workload, "spec.template.metadata.labels");
  }

  private static boolean selects(Map<String, Object> selecting, String selectorPath, Map<String, Object> target,
      String labelsPath) {
    Map<String, Object> selector = map(at(selecting, selectorPath));
    Map<String, Object> labels = map(at(target, labelsPath));
    assertThat(selector).isNotEmpty();
    return labels.entrySet().containsAll(selector.entrySet());
  }

  /** Dotted keys to their values; later files win, as in SH Pay's own loading. */
  private static void flattenKeys(String prefix, Map<String, Object> tree, Map<String, Object> keys) {
    tree.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child && !child.isEmpty()) {
        flattenKeys(prefix + key + ".", map(child), keys);
      } else {
        keys.put(prefix + key, value);
      }
    });
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new TreeSet<>(a);
    union.addAll(b);
    return union;
  }

  /** DEFAULTS and then the given keys and values (which may replace them). */
  private static Map<String, Object> defaultsAnd(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>(DEFAULTS);
    map.putAll(HelmChartTest.<Object>ordered(keysAndValues));
    return map;
  }

  /** An insertion-ordered map from alternating keys and values. */
  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> ordered(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return map;
  }
}
