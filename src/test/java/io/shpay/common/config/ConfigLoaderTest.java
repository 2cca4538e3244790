package io.shpay.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  private static final JsonObject KEYS = new JsonObject().put("SHPAY_AUTH_GENERATE_SIGNING_KEY", "true");

  @Test
  void theShippedFileLoadsAndEnvironmentStyleKeysOverrideIt(Vertx vertx, VertxTestContext ctx) {
    JsonObject environment = KEYS.copy()
        .put("SHPAY_HTTP_PORT", "9090")
        .put("SHPAY_ROLES", "api")
        .put("SHPAY_AUTH_ACCESS_TOKEN_TTL", "PT5M");
    ConfigLoader.load(vertx, Optional.empty(), false, environment).onComplete(ctx.succeeding(config -> ctx.verify(() -> {
      assertThat(config.http().port()).isEqualTo(9090);
      assertThat(config.http().bodyLimitBytes()).isEqualTo(65536);
      assertThat(config.roles()).containsExactly(Role.API);
      assertThat(config.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
      assertThat(config.mysql().uri()).isEqualTo("mysql://shpay@localhost:3306/shpay");
      ctx.completeNow();
    })));
  }

  @Test
  void theLocalProfileSitsBetweenTheFileAndTheEnvironment(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, Optional.of("local"), false, new JsonObject()).onComplete(ctx.succeeding(config -> ctx.verify(() -> {
      assertThat(config.auth().generateSigningKey()).isTrue();
      assertThat(config.admin()).isPresent();
      assertThat(config.admin().get().email()).isEqualTo("admin@shpay.local");
      ctx.completeNow();
    })));
  }

  @Test
  void aBadValueFailsNamingTheKeyAndItsVariable(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, Optional.empty(), false, KEYS.copy().put("SHPAY_HTTP_PORT", "eighty"))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOf(ConfigException.class)
              .hasMessageContaining("http.port").hasMessageContaining("SHPAY_HTTP_PORT").hasMessageContaining("eighty");
          ctx.completeNow();
        })));
  }

  @Test
  void everyMissingOrBadSettingIsReportedInOneMessage(Vertx vertx) throws Exception {
    Throwable failure = await(ConfigLoader.load(vertx, Optional.empty(), false,
        new JsonObject().put("SHPAY_HTTP_PORT", "eighty").put("SHPAY_NH_ISCD", "12"))).failure;
    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).startsWith("11 configuration problems");
    for (String key : List.of("http.port", "auth.jwtPrivateKey", "auth.jwtPublicKey", "kftc.clientId",
        "kftc.clientSecret", "kftc.redirectUri", "kftc.contractAccountNum", "kftc.depositPassPhrase",
        "openbanking.tokenEncryptionKey", "nh.iscd", "nh.accessToken")) {
      assertThat(failure.getMessage()).contains("'" + key + "' (env " + ConfigReader.envName(key) + ")");
    }
    assertThat(failure.getMessage()).contains("got 'eighty'").contains("must be 6 digits");
  }

  @Test
  void theExampleProfileNeedsExactlyTheSecretsItListsAndStartsWithThem(Vertx vertx) throws Exception {
    // The file's list of secrets: "#   SHPAY_NAME   what it is", one a line.
    java.util.regex.Pattern secretLine = java.util.regex.Pattern.compile("^# {3}(SHPAY_[A-Z0-9_]+) {2,}\\S.*");
    List<String> listed = Files.readAllLines(Path.of("conf/application-example.yaml")).stream()
        .map(secretLine::matcher)
        .filter(java.util.regex.Matcher::matches)
        .map(match -> match.group(1))
        .filter(name -> !name.equals("SHPAY_MYSQL_PASSWORD"))   // optional: may sit in the URI
        .toList();
    assertThat(listed).hasSize(8);

    Throwable failure = await(ConfigLoader.load(vertx, Optional.of("example"), false, new JsonObject())).failure;
    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).startsWith(listed.size() + " configuration problems");
    listed.forEach(name -> assertThat(failure.getMessage()).contains("(env " + name + ")"));

    JsonObject secrets = new JsonObject();
    listed.forEach(name -> secrets.put(name, "placeholder"));
    secrets.put("SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", "c2hwYXktbG9jYWwtb25seS10b2tlbi1zZWFsaW5nLWs=")
        .put("SHPAY_NH_ACCESS_TOKEN", "ab".repeat(32));
    Loaded started = await(ConfigLoader.load(vertx, Optional.of("example"), false, secrets));
    assertThat(started.failure).isNull();
    assertThat(started.config.mysql().uri()).isEqualTo("mysql://shpay@db.internal:3306/shpay");
    assertThat(started.config.payments().orElseThrow().nhIscd()).isEqualTo("012345");
  }

  private record Loaded(ShpayConfig config, Throwable failure) {}

  private static Loaded await(Future<ShpayConfig> loading) throws Exception {
    try {
      return new Loaded(loading.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Loaded(null, e.getCause());
    }
  }

  @Test
  void aMissingSigningKeyOutsideLocalModeIsNamed() {
    JsonObject noKeys = minimal().put("SHPAY_AUTH_GENERATE_SIGNING_KEY", "false");
    assertThatThrownBy(() -> ShpayConfig.from(noKeys))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.jwtPrivateKey").hasMessageContaining("SHPAY_AUTH_JWT_PRIVATE_KEY");
  }

  @Test
  void unknownRolesAndBadUrisAreRefused() {
    assertThatThrownBy(() -> ShpayConfig.from(minimal().put("SHPAY_ROLES", "api,payments")))
        .hasMessageContaining("roles").hasMessageContaining("payments");
    assertThatThrownBy(() -> ShpayConfig.from(minimal().put("SHPAY_REDIS_URI", "localhost:6379")))
        .hasMessageContaining("redis.uri");
    assertThatThrownBy(() -> ShpayConfig.from(minimal().put("SHPAY_AUTH_ACCESS_TOKEN_TTL", "P30D")))
        .hasMessageContaining("auth.accessTokenTtl");
  }

  @Test
  void anAdminNeedsBothEmailAndPassword() {
    assertThatThrownBy(() -> ShpayConfig.from(minimal().put("SHPAY_ADMIN_EMAIL", "ops@example.com")))
        .hasMessageContaining("admin.password").hasMessageContaining("SHPAY_ADMIN_PASSWORD");
  }

  @Test
  void secretsDoNotShowWhenTheConfigIsPrintedNotEvenInsideUris(Vertx vertx) throws Exception {
    KeyPairPem keys = KeyPairPem.generate();
    JsonObject environment = everySecret(keys);
    Loaded loaded = await(ConfigLoader.load(vertx, Optional.of("example"), false, environment));
    assertThat(loaded.failure).isNull();
    String printed = loaded.config.toString();

    // A positive control: the printout is the configuration, with everything that is not secret.
    assertThat(printed).contains("mysql://shpay:****@db.internal:3306/shpay?password=****",
        "redis://default:****@cache.internal:6379/0", "ops@example.com", "shpay-client-id", "https://model.internal/v1",
        "Secret[****]");
    assertThat(printed).doesNotContain("hunter2").doesNotContain("ab".repeat(32))
        .doesNotContain("aHVudGVyMi1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=")
        .doesNotContain(keys.privatePem().lines().skip(1).findFirst().orElseThrow());
    // The configured values themselves are intact: only their printing is masked.
    assertThat(loaded.config.mysql().uri()).contains("hunter2-mysql-uri");
    assertThat(loaded.config.redis().uri()).contains("hunter2-redis-uri");
  }

  @Test
  void badUrlsAreReportedWithoutTheSecretsTheyCarry(Vertx vertx) throws Exception {
    JsonObject environment = everySecret(KeyPairPem.generate())
        .put("SHPAY_SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/hunter2-slack")
        .put("SHPAY_CHAT_MODEL_BASE_URL", "https://shpay:hunter2-model@model.internal/v1")
        .put("SHPAY_NH_BASE_URL", "ftp://shpay:hunter2-nh@nh.internal/");
    Throwable failure = await(ConfigLoader.load(vertx, Optional.of("example"), false, environment)).failure;
    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).startsWith("3 configuration problems")
        .contains("'slack.webhookUrl'", "'chat.model.baseUrl'", "must not carry a user or password",
            "got 'ftp://shpay:****@nh.internal/'")
        .doesNotContain("hunter2");
  }

  /** A value for every secret the example profile needs and every optional one, passwords inside the URIs too. */
  private static JsonObject everySecret(KeyPairPem keys) {
    return new JsonObject()
        .put("SHPAY_MYSQL_URI", "mysql://shpay:hunter2-mysql-uri@db.internal:3306/shpay?password=hunter2-mysql-param")
        .put("SHPAY_MYSQL_PASSWORD", "hunter2-db")
        .put("SHPAY_REDIS_URI", "redis://default:hunter2-redis-uri@cache.internal:6379/0")
        .put("SHPAY_AUTH_JWT_PRIVATE_KEY", keys.privatePem())
        .put("SHPAY_AUTH_JWT_PUBLIC_KEY", keys.publicPem())
        .put("SHPAY_KFTC_CLIENT_ID", "shpay-client-id")
        .put("SHPAY_KFTC_CLIENT_SECRET", "hunter2-kftc-secret")
        .put("SHPAY_KFTC_CONTRACT_ACCOUNT_NUM", "1002003004005")
        .put("SHPAY_KFTC_DEPOSIT_PASS_PHRASE", "hunter2-pass-phrase")
        .put("SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", "aHVudGVyMi1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE=")
        .put("SHPAY_NH_ACCESS_TOKEN", "ab".repeat(32))
        .put("SHPAY_ADMIN_EMAIL", "ops@example.com")
        .put("SHPAY_ADMIN_PASSWORD", "hunter2-admin")
        .put("SHPAY_WEBHOOKS_SIGNING_SECRET", "hunter2-webhooks-master-secret-0123456789")
        .put("SHPAY_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/hunter2")
        .put("SHPAY_CHAT_MODEL_BASE_URL", "https://model.internal/v1")
        .put("SHPAY_CHAT_MODEL_API_KEY", "hunter2-model-key");
  }

  @Test
  void aUriWithoutAPasswordPrintsAsItIs() {
    ShpayConfig config = ShpayConfig.from(minimal().put("SHPAY_REDIS_URI", "redis://cache:6379/2?client=shpay"));
    assertThat(config.mysql().toString()).contains("uri=mysql://shpay@db:3306/shpay,");
    assertThat(config.redis().toString()).isEqualTo("Redis[uri=redis://cache:6379/2?client=shpay, poolSize=4]");
  }

  /** An ES256 key pair in PEM, as a deployment passes it. */
  private record KeyPairPem(String privatePem, String publicPem) {
    static KeyPairPem generate() throws Exception {
      var generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      var pair = generator.generateKeyPair();
      java.util.Base64.Encoder mime = java.util.Base64.getMimeEncoder(64, "\n".getBytes());
      return new KeyPairPem(
          "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
          "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigReader.envName("http.bodyLimitBytes")).isEqualTo("SHPAY_HTTP_BODY_LIMIT_BYTES");
    assertThat(ConfigReader.envName("kafka.bootstrapServers")).isEqualTo("SHPAY_KAFKA_BOOTSTRAP_SERVERS");
  }

  /** Every required key, as a deployment would pass them in the environment. */
  private static JsonObject minimal() {
    return new JsonObject()
        .put("SHPAY_ROLES", "api,user")
        .put("SHPAY_HTTP_HOST", "0.0.0.0").put("SHPAY_HTTP_PORT", "8080").put("SHPAY_HTTP_INSTANCES", "1")
        .put("SHPAY_HTTP_BODY_LIMIT_BYTES", "65536").put("SHPAY_HTTP_REQUEST_TIMEOUT", "PT30S")
        .put("SHPAY_HTTP_IDEMPOTENCY_RETENTION", "PT24H")
        .put("SHPAY_MYSQL_URI", "mysql://shpay@db:3306/shpay").put("SHPAY_MYSQL_POOL_SIZE", "4")
        .put("SHPAY_MYSQL_MIGRATE_ON_START", "true")
        .put("SHPAY_REDIS_URI", "redis://cache:6379").put("SHPAY_REDIS_POOL_SIZE", "4")
        .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
        .put("SHPAY_AUTH_ISSUER", "shpay").put("SHPAY_AUTH_ACCESS_TOKEN_TTL", "PT15M")
        .put("SHPAY_AUTH_REFRESH_TOKEN_TTL", "P30D").put("SHPAY_AUTH_GENERATE_SIGNING_KEY", "true")
        .put("SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", "5").put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", "30")
        .put("SHPAY_AUTH_LOGIN_WINDOW", "PT15M")
        .put("SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", "20").put("SHPAY_AUTH_SIGN_UPS_PER_MINUTE", "120")
        .put("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC", "shpay.payment-events")
        .put("SHPAY_HISTORY_DEAD_LETTER_TOPIC", "shpay.payment-events.dlt").put("SHPAY_HISTORY_GROUP_PREFIX", "shpay-")
        .put("SHPAY_HISTORY_MAX_IN_FLIGHT", "100").put("SHPAY_HISTORY_MAX_ATTEMPTS", "5")
        .put("SHPAY_HISTORY_RETRY_BACKOFF", "PT0.2S")
        .put("SHPAY_NOTIFICATIONS_REPLAY_WINDOW", "PT10M").put("SHPAY_NOTIFICATIONS_HEARTBEAT", "PT15S")
        .put("SHPAY_NOTIFICATIONS_STREAMS_PER_USER", "5").put("SHPAY_NOTIFICATIONS_MAX_STREAMS", "100")
        .put("SHPAY_NOTIFICATIONS_STREAM_TICKET_TTL", "PT30S").put("SHPAY_NOTIFICATIONS_STREAM_SESSION_CHECK", "PT5S")
        .put("SHPAY_WEBHOOKS_TIMEOUT", "PT10S").put("SHPAY_WEBHOOKS_FIRST_RETRY_AFTER", "PT10S")
        .put("SHPAY_WEBHOOKS_MAX_RETRY_GAP", "PT30M").put("SHPAY_WEBHOOKS_GIVE_UP_AFTER", "P1D")
        .put("SHPAY_WEBHOOKS_POLL_INTERVAL", "PT1S").put("SHPAY_WEBHOOKS_ALLOW_INSECURE_URLS", "false")
        .put("SHPAY_SLACK_ALERTS_PER_MINUTE", "20");
  }
}
