package io.shpay.sandbox.nh;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an {@link NhSandbox} is set up: where it listens, the one institution it serves (its
 * {@code Iscd} and {@code AccessToken}), the seed of its bank and the clock that decides the
 * Asia/Seoul time every {@code Tsymd}/{@code Trtm} is checked against and every history line is
 * dated with.
 *
 * @param host        address to bind, e.g. {@code 127.0.0.1}
 * @param port        port to bind; 0 picks a free one
 * @param accessToken the institution's {@code Header.AccessToken}: 64 hex characters
 * @param iscd        the institution code every {@code Header.Iscd} must carry: 6 digits
 * @param seedFile    the seed JSON; {@code null} = {@code conf/sandbox/nh-seed.json} on disk, else on the classpath
 * @param clock       the sandbox's only source of time
 */
public record NhSandboxOptions(String host, int port, String accessToken, String iscd, Path seedFile, Clock clock) {

  /** The token of {@code conf/application-local.yaml}: a local-only value, never a real one. */
  static final String LOCAL_ACCESS_TOKEN = "5d9f".repeat(16);

  private static final Pattern ACCESS_TOKEN = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern ISCD = Pattern.compile("\\d{6}");

  public NhSandboxOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    // The message never quotes the token: a near-miss of a real token is still a secret.
    if (accessToken == null || !ACCESS_TOKEN.matcher(accessToken).matches()) {
      throw new IllegalArgumentException("accessToken must be 64 hex characters");
    }
    if (iscd == null || !ISCD.matcher(iscd).matches()) {
      throw new IllegalArgumentException("iscd must be 6 digits, got " + iscd);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** 127.0.0.1 on a free port, the local token and Iscd 000013 of {@code conf/application-local.yaml}, UTC system clock. */
  public static NhSandboxOptions defaults() {
    return new NhSandboxOptions("127.0.0.1", 0, LOCAL_ACCESS_TOKEN, "000013", null, Clock.systemUTC());
  }

  public NhSandboxOptions withHost(String newHost) {
    return new NhSandboxOptions(newHost, port, accessToken, iscd, seedFile, clock);
  }

  public NhSandboxOptions withPort(int newPort) {
    return new NhSandboxOptions(host, newPort, accessToken, iscd, seedFile, clock);
  }

  public NhSandboxOptions withAccessToken(String newAccessToken) {
    return new NhSandboxOptions(host, port, newAccessToken, iscd, seedFile, clock);
  }

  public NhSandboxOptions withIscd(String newIscd) {
    return new NhSandboxOptions(host, port, accessToken, newIscd, seedFile, clock);
  }

  public NhSandboxOptions withSeedFile(Path newSeedFile) {
    return new NhSandboxOptions(host, port, accessToken, iscd, newSeedFile, clock);
  }

  public NhSandboxOptions withClock(Clock newClock) {
    return new NhSandboxOptions(host, port, accessToken, iscd, seedFile, newClock);
  }

  /** The token never reaches a log line, even when someone logs the options. */
  @Override
  public String toString() {
    return "NhSandboxOptions[host=" + host + ", port=" + port + ", accessToken=****, iscd=" + iscd
        + ", seedFile=" + seedFile + ", clock=" + clock + "]";
  }
}
