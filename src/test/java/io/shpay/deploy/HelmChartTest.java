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
  private static final Map<String, Object> DEFAULTS = Map.of("existingSecret", SECRET);

  /** Secret variables the pods cannot start without, and their default keys in the Secret. */
  private static final Map<String, String> REQUIRED_SECRETS = ordered(
      "SHPAY_MYSQL_PASSWORD", "mysql-password",
      "SHPAY_AUTH_JWT_PRIVATE_KEY", "jwt-private-key",
      "SHPAY_AUTH_JWT_PUBLIC_KEY", "jwt-public-key");

  /** Secret variables for capabilities that land later: optional references. */
  private static final Map<String, String> OPTIONAL_SECRETS = ordered(
      "SHPAY_ADMIN_EMAIL", "admin-email",
      "SHPAY_ADMIN_PASSWORD", "admin-password",
      "SHPAY_KFTC_CLIENT_ID", "kftc-client-id",
      "SHPAY_KFTC_CLIENT_SECRET", "kftc-client-secret",
      "SHPAY_NH_ACCESS_TOKEN", "nh-access-token",
      "SHPAY_CHAT_API_KEY", "chat-api-key",
      "SHPAY_SLACK_WEBHOOK_URL", "slack-webhook-url",
      "SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", "openbanking-token-encryption-key",
      "SHPAY_WEBHOOKS_SIGNING_SECRET", "webhooks-signing-secret");

  private static final Set<String> CONFIG_VARIABLES = Set.of(
      "SHPAY_LOG_LEVEL", "SHPAY_HTTP_PORT", "SHPAY_HTTP_INSTANCES", "SHPAY_HTTP_BODY_LIMIT_BYTES",
      "SHPAY_HTTP_REQUEST_TIMEOUT", "SHPAY_MYSQL_URI", "SHPAY_MYSQL_POOL_SIZE", "SHPAY_MYSQL_MIGRATE_ON_START",
      "SHPAY_REDIS_URI", "SHPAY_REDIS_POOL_SIZE", "SHPAY_KAFKA_BOOTSTRAP_SERVERS", "SHPAY_AUTH_ISSUER",
      "SHPAY_AUTH_ACCESS_TOKEN_TTL", "SHPAY_AUTH_REFRESH_TOKEN_TTL", "SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT",
      "SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", "SHPAY_AUTH_LOGIN_WINDOW");

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
    assertThatThrownBy(() -> HelmChart.withoutSchema().templateText(null, Map.of()))
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
  void byDefaultTheApiRunsAloneWithRolesApiAndUserBehindAClusterIpServiceWithoutIngress() {
    assertThat(defaults.names()).containsExactlyInAnyOrder(
        "PodDisruptionBudget/shpay-api", "ConfigMap/shpay", "Service/shpay", "Deployment/shpay-api",
        "HorizontalPodAutoscaler/shpay-api");
    Map<String, Object> api = defaults.one("Deployment", "shpay-api");
    assertThat(env(container(api)).get("SHPAY_ROLES")).isEqualTo(Map.of("name", "SHPAY_ROLES", "value", "api,user"));
    assertThat(at(container(api), "image")).isEqualTo("shpay:0.1.0");

    Map<String, Object> service = defaults.one("Service", "shpay");
    assertThat(at(service, "spec.type")).isEqualTo("ClusterIP");
    assertThat(at(service, "spec.ports[0]"))
        .isEqualTo(Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP"));
    assertThat(selects(service, "spec.selector", api)).isTrue();
  }

  @Test
  void theHistoryWorkerIsASecondDeploymentWithItsOwnRolesThatTheServiceDoesNotSelect() {
    assertThat(defaults.all("Deployment")).hasSize(1);
    Rendered enabled = HelmChart.chart().template(ordered("existingSecret", SECRET, "worker.enabled", true));
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
    Rendered otherPort = HelmChart.chart().template(ordered("existingSecret", SECRET, "config.http.port", 9090));
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
    for (Map<String, Object> pod : productionWithHooks.podSpecs()) {
      Map<String, Map<String, Object>> env = env(list(at(pod, "containers")).get(0));
      REQUIRED_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
          .as(variable).isEqualTo(Map.of("name", SECRET, "key", key)));
      OPTIONAL_SECRETS.forEach((variable, key) -> assertThat(at(env.get(variable), "valueFrom.secretKeyRef"))
          .as(variable).isEqualTo(Map.of("name", SECRET, "key", key, "optional", true)));
      // Literal values only for the roles and the ConfigMap's settings (inline in the migration Job).
      for (Map<String, Object> variable : env.values()) {
        if (variable.containsKey("value")) {
          assertThat((String) variable.get("name")).isIn(union(CONFIG_VARIABLES, Set.of("SHPAY_ROLES")));
        }
      }
    }
    assertThat(map(at(defaults.one("ConfigMap", "shpay"), "data")).keySet())
        .doesNotContainAnyElementsOf(REQUIRED_SECRETS.keySet())
        .doesNotContainAnyElementsOf(OPTIONAL_SECRETS.keySet());

    Rendered renamed = HelmChart.chart().template(
        ordered("existingSecret", "payments-prod", "secretKeys.mysqlPassword", "db-password"));
    assertThat(at(env(container(renamed.one("Deployment", "shpay-api"))).get("SHPAY_MYSQL_PASSWORD"),
        "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", "payments-prod", "key", "db-password"));
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

    // Each variable is a real SH Pay setting: SHPAY_ + a key of conf/application.yaml (the log level goes to Logback).
    Set<String> known = new TreeSet<>();
    flattenKeys("", HelmChart.readYamlMap(Paths.get("conf", "application.yaml")), known);
    Set<String> settings = known.stream().map(ConfigReader::envName).collect(Collectors.toCollection(TreeSet::new));
    settings.add("SHPAY_LOG_LEVEL");
    assertThat(settings).containsAll(data.keySet());

    for (Map<String, Object> deployment : production.all("Deployment")) {
      assertThat(at(container(deployment), "envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "shpay"))));
      assertThat(at(deployment, "spec.template.metadata.annotations['checksum/config']")).isNotNull();
    }
    // A configuration change changes the pod template, so the pods roll.
    Rendered debug = HelmChart.chart().template(ordered("existingSecret", SECRET, "config.logLevel", "DEBUG"));
    assertThat(at(debug.one("Deployment", "shpay-api"), "spec.template.metadata.annotations['checksum/config']"))
        .isNotEqualTo(at(defaults.one("Deployment", "shpay-api"), "spec.template.metadata.annotations['checksum/config']"));
  }

  @Test
  void theRenderedEnvironmentIsAConfigurationShPayAcceptsAtStartUp() throws Exception {
    Map<String, Object> api = production.one("Deployment", "shpay-api");
    JsonObject environment = new JsonObject(new LinkedHashMap<>(map(at(production.one("ConfigMap", "shpay"), "data"))));
    for (Map<String, Object> variable : env(container(api)).values()) {
      if (variable.containsKey("value")) {
        environment.put((String) variable.get("name"), variable.get("value"));
      } else if (REQUIRED_SECRETS.containsKey(variable.get("name"))) {
        environment.put((String) variable.get("name"), "from-the-secret");
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      ShpayConfig config = ConfigLoader.load(vertx, Optional.empty(), false, environment)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(config.roles()).containsExactlyInAnyOrder(Role.API, Role.USER);
      assertThat(config.http().port()).isEqualTo(8080);
      assertThat(config.mysql().uri()).isEqualTo("mysql://shpay@mysql.db.internal:3306/shpay");
      assertThat(config.mysql().password()).isPresent();
      assertThat(config.mysql().migrateOnStart()).isFalse();
      assertThat(config.redis().uri()).isEqualTo("redis://redis.cache.internal:6379");
      assertThat(config.kafka().bootstrapServers()).startsWith("kafka-0.kafka.internal:9092,");
      assertThat(config.auth().generateSigningKey()).isFalse();
      assertThat(config.auth().jwtPrivateKey()).isPresent();
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
        ordered("existingSecret", SECRET, "autoscaling.enabled", false, "replicaCount", 3));
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

    Rendered withoutJob = HelmChart.withVisibleHooks().template(
        ordered("existingSecret", SECRET, "migration.enabled", false));
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

  private static void flattenKeys(String prefix, Map<String, Object> tree, Set<String> keys) {
    tree.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child && !child.isEmpty()) {
        flattenKeys(prefix + key + ".", map(child), keys);
      } else {
        keys.add(prefix + key);
      }
    });
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new TreeSet<>(a);
    union.addAll(b);
    return union;
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
