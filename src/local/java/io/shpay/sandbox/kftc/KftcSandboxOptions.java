package io.shpay.sandbox.kftc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link KftcSandbox} is set up: where it listens, the one client it knows (id, secret,
 * institution code and the registered redirect URI), whether consent is granted without a page,
 * the seed of its bank, the life of its access tokens and the clock that decides expiry and the
 * Asia/Seoul calendar day of {@code bank_tran_id} uniqueness.
 *
 * @param host           address to bind, e.g. {@code 127.0.0.1}
 * @param port           port to bind; 0 picks a free one
 * @param clientId       the registered client_id
 * @param clientSecret   the registered client_secret
 * @param clientUseCode  the institution code (10 characters) every {@code bank_tran_id} starts with
 * @param redirectUri    the one registered redirect URI
 * @param autoApprove    {@code GET /oauth/2.0/authorize} redirects at once instead of showing the consent page
 * @param seedFile       the seed JSON; {@code null} = {@code conf/sandbox/kftc-seed.json} on disk, else on the classpath
 * @param accessTokenTtl life of access tokens; refresh tokens live 10 days longer
 * @param clock          the sandbox's only source of time
 */
public record KftcSandboxOptions(String host, int port, String clientId, String clientSecret, String clientUseCode,
    String redirectUri, boolean autoApprove, Path seedFile, Duration accessTokenTtl, Clock clock) {

  private static final Pattern CLIENT_USE_CODE = Pattern.compile("[A-Z0-9]{10}");

  public KftcSandboxOptions {
    requireText(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    requireText(clientId, "clientId");
    requireText(clientSecret, "clientSecret");
    if (clientUseCode == null || !CLIENT_USE_CODE.matcher(clientUseCode).matches()) {
      throw new IllegalArgumentException("clientUseCode must be 10 upper-case letters or digits, got " + clientUseCode);
    }
    requireText(redirectUri, "redirectUri");
    Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
      throw new IllegalArgumentException("accessTokenTtl must be positive, got " + accessTokenTtl);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** 127.0.0.1 on a free port, the local client of {@code conf/application-local.yaml}, 90-day tokens, UTC system clock. */
  public static KftcSandboxOptions defaults() {
    return new KftcSandboxOptions("127.0.0.1", 0, "shpay-local-client", "shpay-local-secret", "M202600001",
        "http://localhost:8080/api/v1/openbanking/callback", false, null, Duration.ofDays(90), Clock.systemUTC());
  }

  public KftcSandboxOptions withHost(String newHost) {
    return new KftcSandboxOptions(newHost, port, clientId, clientSecret, clientUseCode, redirectUri, autoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withPort(int newPort) {
    return new KftcSandboxOptions(host, newPort, clientId, clientSecret, clientUseCode, redirectUri, autoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withClient(String newClientId, String newClientSecret) {
    return new KftcSandboxOptions(host, port, newClientId, newClientSecret, clientUseCode, redirectUri, autoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withClientUseCode(String newClientUseCode) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, newClientUseCode, redirectUri, autoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withRedirectUri(String newRedirectUri) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, clientUseCode, newRedirectUri, autoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withAutoApprove(boolean newAutoApprove) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, clientUseCode, redirectUri, newAutoApprove,
        seedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withSeedFile(Path newSeedFile) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, clientUseCode, redirectUri, autoApprove,
        newSeedFile, accessTokenTtl, clock);
  }

  public KftcSandboxOptions withAccessTokenTtl(Duration newAccessTokenTtl) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, clientUseCode, redirectUri, autoApprove,
        seedFile, newAccessTokenTtl, clock);
  }

  public KftcSandboxOptions withClock(Clock newClock) {
    return new KftcSandboxOptions(host, port, clientId, clientSecret, clientUseCode, redirectUri, autoApprove,
        seedFile, accessTokenTtl, newClock);
  }

  /** The secret never reaches a log line, even when someone logs the options. */
  @Override
  public String toString() {
    return "KftcSandboxOptions[host=" + host + ", port=" + port + ", clientId=" + clientId
        + ", clientSecret=****, clientUseCode=" + clientUseCode + ", redirectUri=" + redirectUri
        + ", autoApprove=" + autoApprove + ", seedFile=" + seedFile + ", accessTokenTtl=" + accessTokenTtl
        + ", clock=" + clock + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
