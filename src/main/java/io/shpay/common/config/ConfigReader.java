package io.shpay.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, validated reads of the merged configuration.
 *
 * <p>Keys are dotted paths into the YAML tree ({@code http.port}). Each key can be overridden by an
 * environment variable derived from it ({@code SHPAY_HTTP_PORT}; camelCase becomes snake case), so
 * Helm values and Kubernetes Secrets win over files without a second naming scheme to learn.
 * Every failure names both the key and its variable.
 */
public final class ConfigReader {

  private final JsonObject merged;

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

  public String string(String key) {
    return optionalString(key).orElseThrow(() -> problem(key, "is required"));
  }

  public int integer(String key, int min, int max) {
    String text = string(key);
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw problem(key, "must be a whole number, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw problem(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public boolean bool(String key) {
    String text = string(key).toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw problem(key, "must be true or false, got '" + text + "'");
    };
  }

  /** An absolute http(s) URL, without a trailing slash. */
  public String url(String key) {
    String text = string(key);
    try {
      java.net.URI uri = java.net.URI.create(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw problem(key, "must be an http:// or https:// URL, got '" + text + "'");
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** ISO-8601 durations ({@code PT15M}) or a number of seconds. */
  public Duration duration(String key, Duration min, Duration max) {
    String text = string(key);
    Duration value;
    try {
      value = text.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(text))
          : Duration.parse(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw problem(key, "must be an ISO-8601 duration such as PT15M, got '" + text + "'");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw problem(key, "must be between " + min + " and " + max + ", got " + value);
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
      throw problem(key, "needs at least one value");
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

  public ConfigException problem(String key, String message) {
    return new ConfigException("Configuration key '" + key + "' (env " + envName(key) + ") " + message);
  }

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
