package io.shpay.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers versions of the test servers, used by {@link TestServers} when {@code SHPAY_TEST_CONTAINERS=true}
 * (and the server's own {@code SHPAY_TEST_*} variable is not set). Needs Docker and the Testcontainers test
 * dependencies ({@code org.testcontainers:testcontainers}, {@code mysql}, {@code kafka}).
 *
 * <p>{@link TestServers} calls these methods reflectively, so deleting this file leaves everything else compiling.
 * Images may be overridden with {@code SHPAY_TEST_MYSQL_IMAGE}, {@code SHPAY_TEST_REDIS_IMAGE} and
 * {@code SHPAY_TEST_KAFKA_IMAGE}. Containers are stopped by the {@link TestServers} shutdown hook, and by
 * Testcontainers' Ryuk if the JVM is killed.
 */
public final class ContainerServers {

  private static final String MYSQL_IMAGE = image("SHPAY_TEST_MYSQL_IMAGE", "mysql:8.4");
  private static final String REDIS_IMAGE = image("SHPAY_TEST_REDIS_IMAGE", "redis:7-alpine");
  private static final String KAFKA_IMAGE = image("SHPAY_TEST_KAFKA_IMAGE", "apache/kafka:4.1.1");
  private static final String MYSQL_ROOT_PASSWORD = "shpay";

  private ContainerServers() {
  }

  /** MySQL 8; the address is the server URI for root, without database: {@code mysql://root:pw@host:port/}. */
  public static TestServers.Started mysql() {
    MySQLContainer<?> mysql = new MySQLContainer<>(DockerImageName.parse(MYSQL_IMAGE).asCompatibleSubstituteFor("mysql"))
        .withUsername("root")
        .withPassword(MYSQL_ROOT_PASSWORD)
        .withDatabaseName("shpay")
        .withCommand(
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--default-time-zone=+00:00");
    mysql.start();
    String address = "mysql://root:" + MYSQL_ROOT_PASSWORD + "@" + mysql.getHost() + ":"
        + mysql.getMappedPort(MySQLContainer.MYSQL_PORT) + "/";
    return new TestServers.Started(address, "container", mysql::stop);
  }

  /** Redis 7 without persistence; the address is {@code redis://host:port}. */
  public static TestServers.Started redis() {
    GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
        .withExposedPorts(6379)
        .withCommand("redis-server", "--save", "", "--appendonly", "no");
    redis.start();
    String address = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    return new TestServers.Started(address, "container", redis::stop);
  }

  /** Apache Kafka (KRaft, one node); the address is {@code host:port}. */
  public static TestServers.Started kafka() {
    KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
        .withEnv("KAFKA_NUM_PARTITIONS", "3")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    kafka.start();
    return new TestServers.Started(kafka.getBootstrapServers(), "container", kafka::stop);
  }

  private static String image(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
