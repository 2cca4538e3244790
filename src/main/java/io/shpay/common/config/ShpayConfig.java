package io.shpay.common.config;

import io.shpay.common.net.Cidr;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration of one SH Pay process, typed and validated once at start-up. Bad or
 * missing values fail here with one {@link ConfigException} naming every such key, before anything listens.
 */
public record ShpayConfig(
    Set<Role> roles,
    Http http,
    Mysql mysql,
    Redis redis,
    Kafka kafka,
    Auth auth,
    Optional<Admin> admin,
    Optional<OpenBankingConfig> openBanking,
    Optional<PaymentsConfig> payments,
    HistoryConfig history,
    NotifyConfig notifications,
    Optional<ChatConfig> chat) {

  /**
   * {@code instances}: HTTP verticles sharing the port ({@code http.instances}, 0 = one per core).
   * {@code idempotencyRetention}: how long an Idempotency-Key and its response are kept.
   * {@code trustedProxies}: peers (CIDRs) whose {@code Forwarded}/{@code X-Forwarded-For} names the client; from
   * any other peer those headers are ignored. {@code corsAllowedOrigins}: browser origins that may call the API
   * (exact {@code scheme://host[:port]}); none by default.
   */
  public record Http(String host, int port, int instances, int bodyLimitBytes, Duration requestTimeout,
                     Duration idempotencyRetention, List<Cidr> trustedProxies, List<String> corsAllowedOrigins) {}

  /**
   * {@code uri} is {@code mysql://user@host:port/database}; the password may come separately from a Secret, or sit
   * in the URI, which is why it is printed masked.
   */
  public record Mysql(String uri, Optional<Secret> password, int poolSize, boolean migrateOnStart) {
    @Override
    public String toString() {
      return "Mysql[uri=" + MaskedUri.of(uri) + ", password=" + password + ", poolSize=" + poolSize
          + ", migrateOnStart=" + migrateOnStart + "]";
    }
  }

  /** {@code uri} may carry the password ({@code redis://:password@host:6379}): printed masked. */
  public record Redis(String uri, int poolSize) {
    @Override
    public String toString() {
      return "Redis[uri=" + MaskedUri.of(uri) + ", poolSize=" + poolSize + "]";
    }
  }

  public record Kafka(String bootstrapServers) {}

  /**
   * JWT signing is asymmetric (ES256): the private key signs, the public key verifies. With
   * {@code generateSigningKey} a process makes an ephemeral pair at start-up (local mode only:
   * tokens die with the process and replicas would not agree).
   */
  public record Auth(
      String issuer,
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      Optional<Secret> jwtPrivateKey,
      Optional<String> jwtPublicKey,
      boolean generateSigningKey,
      int loginFailuresPerAccount,
      int loginAttemptsPerIp,
      Duration loginWindow,
      int signUpsPerIp,
      int signUpsPerMinute) {}

  public record Admin(String email, Secret password) {}

  public static ShpayConfig from(JsonObject merged) {
    ConfigReader reader = new ConfigReader(merged);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    reader.list("roles").forEach(name -> Role.parse(name, reader, "roles").ifPresent(roles::add));

    Http http = new Http(
        reader.string("http.host"),
        reader.integer("http.port", 0, 65535),
        reader.instances("http.instances"),
        reader.integer("http.bodyLimitBytes", 1024, 16 * 1024 * 1024),
        reader.duration("http.requestTimeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
        reader.duration("http.idempotencyRetention", Duration.ofMinutes(1), Duration.ofDays(30)),
        trustedProxies(reader),
        reader.optionalList("http.corsAllowedOrigins").stream()
            .map(origin -> corsOrigin(reader, origin))
            .toList());

    String mysqlUri = reader.string("mysql.uri");
    requireScheme(reader, "mysql.uri", mysqlUri, "mysql", "mariadb");
    Mysql mysql = new Mysql(
        mysqlUri,
        reader.optionalString("mysql.password").map(Secret::new),
        reader.integer("mysql.poolSize", 1, 200),
        reader.bool("mysql.migrateOnStart"));

    String redisUri = reader.string("redis.uri");
    requireScheme(reader, "redis.uri", redisUri, "redis", "rediss");
    Redis redis = new Redis(redisUri, reader.integer("redis.poolSize", 1, 200));

    Kafka kafka = new Kafka(reader.string("kafka.bootstrapServers"));

    Auth auth = new Auth(
        reader.string("auth.issuer"),
        reader.duration("auth.accessTokenTtl", Duration.ofSeconds(30), Duration.ofHours(1)),
        reader.duration("auth.refreshTokenTtl", Duration.ofMinutes(5), Duration.ofDays(90)),
        reader.optionalString("auth.jwtPrivateKey").map(Secret::new),
        reader.optionalString("auth.jwtPublicKey"),
        reader.bool("auth.generateSigningKey"),
        reader.integer("auth.loginFailuresPerAccount", 1, 1000),
        reader.integer("auth.loginAttemptsPerIp", 1, 100_000),
        reader.duration("auth.loginWindow", Duration.ofSeconds(1), Duration.ofDays(1)),
        reader.integer("auth.signUpsPerIpPerHour", 1, 1_000_000),
        reader.integer("auth.signUpsPerMinute", 1, 1_000_000));
    if (!auth.generateSigningKey() && (auth.jwtPrivateKey().isEmpty() || auth.jwtPublicKey().isEmpty())) {
      String missing = auth.jwtPrivateKey().isEmpty() ? "auth.jwtPrivateKey" : "auth.jwtPublicKey";
      reader.report(missing, "is required (PEM) unless auth.generateSigningKey is true");
      if (auth.jwtPrivateKey().isEmpty() && auth.jwtPublicKey().isEmpty()) {
        reader.report("auth.jwtPublicKey", "is required (PEM) unless auth.generateSigningKey is true");
      }
    }

    Optional<String> adminEmail = reader.optionalString("admin.email");
    Optional<String> adminPassword = reader.optionalString("admin.password");
    if (adminEmail.isPresent() != adminPassword.isPresent()) {
      reader.report(adminEmail.isPresent() ? "admin.password" : "admin.email",
          "must be set together with " + (adminEmail.isPresent() ? "admin.email" : "admin.password"));
    }
    Optional<Admin> admin = adminEmail.filter(email -> adminPassword.isPresent())
        .map(email -> new Admin(email, new Secret(adminPassword.orElseThrow())));

    // Sections are read only for the roles that use them, so a worker needs no bank credentials.
    Optional<OpenBankingConfig> openBanking = roles.contains(Role.OPENBANKING)
        ? Optional.of(OpenBankingConfig.read(reader))
        : Optional.empty();
    Optional<PaymentsConfig> payments = roles.contains(Role.PAYMENT)
        ? Optional.of(PaymentsConfig.read(reader))
        : Optional.empty();
    Optional<ChatConfig> chat = roles.contains(Role.CHAT) ? Optional.of(ChatConfig.read(reader)) : Optional.empty();
    HistoryConfig history = HistoryConfig.read(reader);
    NotifyConfig notifications = NotifyConfig.read(reader);
    reader.failIfAnyProblem();
    return new ShpayConfig(Set.copyOf(roles), http, mysql, redis, kafka, auth, admin, openBanking, payments,
        history, notifications, chat);
  }

  /** A copy whose auth section carries the given key pair (used when the process generated one). */
  public ShpayConfig withSigningKeys(Secret privateKeyPem, String publicKeyPem) {
    Auth withKeys = new Auth(auth.issuer(), auth.accessTokenTtl(), auth.refreshTokenTtl(),
        Optional.of(privateKeyPem), Optional.of(publicKeyPem), auth.generateSigningKey(),
        auth.loginFailuresPerAccount(), auth.loginAttemptsPerIp(), auth.loginWindow(), auth.signUpsPerIp(),
        auth.signUpsPerMinute());
    return new ShpayConfig(roles, http, mysql, redis, kafka, withKeys, admin, openBanking, payments, history,
        notifications, chat);
  }

  /** An origin exactly as browsers send it: scheme, host and an optional port, nothing after. */
  private static String corsOrigin(ConfigReader reader, String origin) {
    if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
      reader.report("http.corsAllowedOrigins",
          "must list origins such as https://app.example.com (no path, no wildcard), got '" + origin + "'");
    }
    return origin;
  }

  /** The proxies whose forwarded client address is believed; a bad entry is reported with the rest. */
  private static List<Cidr> trustedProxies(ConfigReader reader) {
    List<Cidr> proxies = new ArrayList<>();
    for (String text : reader.optionalList("http.trustedProxies")) {
      Cidr.parse(text).ifPresentOrElse(proxies::add, () -> reader.report("http.trustedProxies",
          "must list networks such as 10.0.0.0/8 or fd00::/8, got '" + text + "'"));
    }
    return List.copyOf(proxies);
  }

  private static void requireScheme(ConfigReader reader, String key, String uri, String... schemes) {
    if (uri.isEmpty()) {
      return; // already reported as missing
    }
    String scheme;
    try {
      scheme = URI.create(uri).getScheme();
    } catch (IllegalArgumentException e) {
      reader.report(key, "is not a valid URI");
      return;
    }
    for (String allowed : schemes) {
      if (allowed.equals(scheme)) {
        return;
      }
    }
    reader.report(key, "must start with " + String.join("://, ", schemes) + "://");
  }
}
