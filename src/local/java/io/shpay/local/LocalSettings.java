package io.shpay.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a developer can set for {@code ./mvnw exec:java}, read from the environment. Every bad value is reported at
 * once, before anything starts.
 *
 * @param httpPort  {@code SHPAY_HTTP_PORT}, SH Pay's HTTP port (default 8080)
 * @param mysqlPort {@code SHPAY_LOCAL_MYSQL_PORT}, the embedded MariaDB (default: a free port)
 * @param redisPort {@code SHPAY_LOCAL_REDIS_PORT}, the embedded Redis (default: a free port)
 * @param kafkaPort {@code SHPAY_LOCAL_KAFKA_PORT}, the embedded Kafka broker (default: a free port)
 * @param kftcPort  {@code SHPAY_LOCAL_KFTC_PORT}, the KFTC sandbox (default: a free port)
 * @param nhPort    {@code SHPAY_LOCAL_NH_PORT}, the NH sandbox (default: a free port)
 * @param dataDir   {@code SHPAY_LOCAL_DATA_DIR}: where MariaDB, Redis and the JWT signing key outlive a run (default:
 *                  none, every run starts fresh)
 */
public record LocalSettings(int httpPort, int mysqlPort, int redisPort, int kafkaPort, int kftcPort, int nhPort,
    Optional<Path> dataDir) {

  public static final String HTTP_PORT = "SHPAY_HTTP_PORT";
  public static final String MYSQL_PORT = "SHPAY_LOCAL_MYSQL_PORT";
  public static final String REDIS_PORT = "SHPAY_LOCAL_REDIS_PORT";
  public static final String KAFKA_PORT = "SHPAY_LOCAL_KAFKA_PORT";
  public static final String KFTC_PORT = "SHPAY_LOCAL_KFTC_PORT";
  public static final String NH_PORT = "SHPAY_LOCAL_NH_PORT";
  public static final String DATA_DIR = "SHPAY_LOCAL_DATA_DIR";

  /**
   * Reads the settings from {@code environment}.
   *
   * @throws IllegalArgumentException naming every variable that is not a port number, and every port asked for twice
   */
  public static LocalSettings from(Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    int http = port(environment, HTTP_PORT, 8080, problems);
    int mysql = port(environment, MYSQL_PORT, 0, problems);
    int redis = port(environment, REDIS_PORT, 0, problems);
    int kafka = port(environment, KAFKA_PORT, 0, problems);
    int kftc = port(environment, KFTC_PORT, 0, problems);
    int nh = port(environment, NH_PORT, 0, problems);
    requireDistinct(Map.of(HTTP_PORT, http, MYSQL_PORT, mysql, REDIS_PORT, redis, KAFKA_PORT, kafka,
        KFTC_PORT, kftc, NH_PORT, nh), problems);
    Optional<Path> dataDir = Optional.ofNullable(environment.get(DATA_DIR))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .map(value -> Path.of(value).toAbsolutePath().normalize());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new LocalSettings(http, mysql, redis, kafka, kftc, nh, dataDir);
  }

  /** Where one server keeps its data ({@code <data dir>/<name>}), when data is kept at all. */
  public Optional<Path> dataDirOf(String name) {
    return dataDir.map(dir -> dir.resolve(name));
  }

  private static int port(Map<String, String> environment, String variable, int fallback, List<String> problems) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    problems.add(variable + " must be a port number (0-65535), got '" + value + "'");
    return fallback;
  }

  private static void requireDistinct(Map<String, Integer> ports, List<String> problems) {
    ports.entrySet().stream()
        .filter(entry -> entry.getValue() != 0)
        .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
            Collectors.mapping(Map.Entry::getKey, Collectors.toCollection(TreeSet::new))))
        .forEach((port, variables) -> {
          if (variables.size() > 1) {
            problems.add(String.join(" and ", variables) + " both ask for port " + port);
          }
        });
  }
}
