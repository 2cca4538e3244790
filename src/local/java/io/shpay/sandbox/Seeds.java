package io.shpay.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reading a sandbox's seed JSON. The seed is looked up in the file the options name, else the
 * default location under the working directory (so people can edit it without rebuilding), else
 * the copy packed into the jar. A broken seed stops the sandbox with a message naming the seed
 * and the field. Blocking: call it off the event loop.
 */
public final class Seeds {

  private Seeds() {
  }

  /** Where the seed came from, for the log and error messages. */
  public record Source(String name, String text) {
  }

  /** Finds and reads the seed; {@code sandbox} ("KFTC", "NH") names it in errors. */
  public static Source read(Path seedFile, String defaultLocation, String sandbox) {
    try {
      if (seedFile != null) {
        return new Source(seedFile.toString(), Files.readString(seedFile, StandardCharsets.UTF_8));
      }
      Path local = Path.of(defaultLocation);
      if (Files.isRegularFile(local)) {
        return new Source(local.toAbsolutePath().toString(), Files.readString(local, StandardCharsets.UTF_8));
      }
      try (InputStream in = Seeds.class.getClassLoader().getResourceAsStream(defaultLocation)) {
        if (in == null) {
          throw new IllegalStateException("No " + sandbox + " sandbox seed: neither ./" + defaultLocation
              + " nor the classpath resource " + defaultLocation + " exists");
        }
        return new Source("classpath:" + defaultLocation, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the " + sandbox + " sandbox seed", e);
    }
  }

  /** Parses the seed, prefixing any complaint with the sandbox and where the seed came from. */
  public static <B> B parse(Source source, String sandbox, Function<JsonObject, B> parser) {
    try {
      return parser.apply(new JsonObject(source.text()));
    } catch (DecodeException e) {
      throw new IllegalArgumentException(sandbox + " sandbox seed " + source.name() + " is not valid JSON: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(sandbox + " sandbox seed " + source.name() + ": " + e.getMessage(), e);
    }
  }

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  public static String text(JsonObject json, String key, String where) {
    String value = json.getString(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(where + "." + key + " is required");
    }
    return value;
  }

  public static String matching(JsonObject json, String key, Pattern pattern, String where) {
    String value = text(json, key, where);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(where + "." + key + " must match " + pattern.pattern() + ", got " + value);
    }
    return value;
  }
}
