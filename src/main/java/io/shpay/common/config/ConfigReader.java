package io.shpay.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated reads of the merged configuration.
 *
 * <p>Keys are dotted paths into the YAML tree ({@code http.port}). Each key can be overridden by an
 * environment variable derived from it ({@code SHPAY_HTTP_PORT}; camelCase becomes snake case), so
 * Helm values and Kubernetes Secrets win over files without a second naming scheme to learn.
 * Every failure names both the key and its variable.
 *
 * <p>A bad or missing value does not stop the reading: it is recorded, the read answers a
 * harmless placeholder, and {@link #failIfAnyProblem()} throws one {@link ConfigException} listing
 * every problem, so an operator fixes them all in one go instead of one per start.
 */
public final class ConfigReader {

  private final JsonObject merged;
  /** Key → what is wrong with it; the first problem of a key wins, so a missing value is not also "too short". */
  private final Map<String, String> problems = new LinkedHashMap<>();

  public ConfigReader(JsonObject merged) {
    this.merged = merged;
  }

  /** The environment variable that overrides {@code key}: {@code auth.accessTokenTtl} → {@code SHPAY_AUTH_ACCESS_TOKEN_TTL}. */
  public static String envName(String key) {
    StringBuilder name = new StringBuilder("SHPAY_");
    for (char c : key.toCharArray()) {
      if (c == '.' || c == '-') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  public Optional<String> optionalString(String key) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** The value, or (recorded as missing) an empty string. */
  public String string(String key) {
    Optional<String> value = optionalString(key);
    if (value.isEmpty()) {
      report(key, "is required");
    }
    return value.orElse("");
  }

  /** How many instances of a verticle to deploy: 1 to 64, or 0 for one per core the JVM sees (its CPU limit). */
  public int instances(String key) {
    int configured = integer(key, 0, 64);
    return configured == 0 ? Math.min(64, Runtime.getRuntime().availableProcessors()) : configured;
  }

  public int integer(String key, int min, int max) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      report(key, "is required");
      return min;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      report(key, "must be a whole number, got '" + text.get() + "'");
      return min;
    }
    if (value < min || value > max) {
      report(key, "must be between " + min + " and " + max + ", got " + value);
      return min;
    }
    return value;
  }

  public boolean bool(String key) {
    Optional<String> text = optionalString(key).map(t -> t.toLowerCase(Locale.ROOT));
    if (text.isEmpty()) {
      report(key, "is required");
      return false;
    }
    return switch (text.get()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        report(key, "must be true or false, got '" + text.get() + "'");
        yield false;
      }
    };
  }

  /**
   * An absolute http(s) URL, without a trailing slash. It may not carry a user or password: credentials have settings
   * of their own (Secrets), and a URL is printed and logged as it is. A bad one is repeated in the report with
   * any password masked.
   */
  public String url(String key) {
    return url(key, false);
  }

  /** As {@link #url}, for a URL that is itself a secret (a Slack incoming webhook): a bad one is never repeated. */
  public String secretUrl(String key) {
    return url(key, true);
  }

  private String url(String key, boolean secret) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      report(key, "is required (an http:// or https:// URL)");
      return PLACEHOLDER_URL;
    }
    java.net.URI uri;
    try {
      uri = java.net.URI.create(text.get());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      report(key, "must be an http:// or https:// URL" + (secret ? " (the value is a secret, so it is not repeated)"
          : ", got '" + MaskedUri.of(text.get()) + "'"));
      return PLACEHOLDER_URL;
    }
    if (uri.getRawUserInfo() != null) {
      report(key, "must not carry a user or password; credentials have settings of their own");
      return PLACEHOLDER_URL;
    }
    return text.get().endsWith("/") ? text.get().substring(0, text.get().length() - 1) : text.get();
  }

  /** ISO-8601 durations ({@code PT15M}) or a number of seconds. */
  public Duration duration(String key, Duration min, Duration max) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      report(key, "is required (an ISO-8601 duration such as PT15M)");
      return min;
    }
    Duration value;
    try {
      value = text.get().chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(text.get()))
          : Duration.parse(text.get());
    } catch (DateTimeParseException | NumberFormatException e) {
      report(key, "must be an ISO-8601 duration such as PT15M, got '" + text.get() + "'");
      return min;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      report(key, "must be between " + min + " and " + max + ", got " + value);
      return min;
    }
    return value;
  }

  /** A YAML list or, from the environment, a comma-separated string. */
  public List<String> list(String key) {
    Object value = raw(key);
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> items.add(String.valueOf(item).trim()));
    } else if (value != null) {
      for (String item : String.valueOf(value).split(",")) {
        items.add(item.trim());
      }
    }
    items.removeIf(String::isEmpty);
    if (items.isEmpty()) {
      report(key, "needs at least one value");
    }
    return List.copyOf(items);
  }

  /** As {@link #list}, but an absent or empty value is an empty list. */
  public List<String> optionalList(String key) {
    Object value = raw(key);
    if (value == null || (value instanceof JsonArray array && array.isEmpty()) || String.valueOf(value).isBlank()) {
      return List.of();
    }
    return list(key);
  }

  /** Records what is wrong with {@code key}; reading goes on so that every problem is reported together. */
  public void report(String key, String message) {
    problems.putIfAbsent(key, message);
  }

  /**
   * Throws one exception naming every key recorded as bad or missing (with its variable), or
   * returns when there is none.
   */
  public void failIfAnyProblem() {
    if (problems.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    problems.forEach((key, message) -> lines.add("Configuration key '" + key + "' (env " + envName(key) + ") " + message));
    if (lines.size() == 1) {
      throw new ConfigException(lines.get(0));
    }
    throw new ConfigException(lines.size() + " configuration problems; fix them all, then start again:\n  "
        + String.join("\n  ", lines));
  }

  /** A syntactically valid URL handed out for a bad one, so later checks do not pile up on the same key. */
  private static final String PLACEHOLDER_URL = "http://invalid.invalid";

  private Object raw(String key) {
    String env = envName(key);
    if (merged.containsKey(env)) {
      return merged.getValue(env);
    }
    Object node = merged;
    for (String part : key.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }
}
