package io.shpay.bench;

import io.shpay.local.EmbeddedKafka;
import io.shpay.local.EmbeddedMariaDb;
import io.shpay.local.EmbeddedRedis;
import io.shpay.local.EmbeddedServerOptions;
import io.shpay.local.LocalTopics;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's servers in a JVM of their own: MariaDB and Redis (each its own child process) and the Kafka broker
 * (in this JVM, which does nothing else, so this process's CPU is the broker's). Arguments: the MySQL, Redis and Kafka
 * ports, then the topics to create. Prints {@value #READY} when all are up; stops them on SIGTERM.
 *
 * <p>MariaDB is sized for the load, unlike the tests' lean server (32 MB buffer pool, 16 MB redo log): a buffer pool
 * that holds every row the run writes and a redo log that a minute of 1,000 payments/s does not fill, so the bench
 * measures SH Pay's statements, not checkpoint stalls of a starved server. It serves its connections from a thread
 * pool (MariaDB's {@code pool-of-threads}) instead of a thread per connection: SH Pay keeps tens of connections open
 * per process, each statement is short, and on two cores the threads' hand-offs cost more than the statements'
 * work (measured in BENCHMARKS.md: MariaDB's CPU per paid checkout 11 % lower, the floor's 8 %).
 */
public final class BenchServers {

  static final String READY = "bench servers ready";
  static final List<String> MARIADB_SIZING = List.of(
      "--innodb-buffer-pool-size=1G",
      "--innodb-log-file-size=512M",
      "--innodb-log-buffer-size=64M",
      "--innodb-io-capacity=2000",
      "--max-connections=400",
      "--thread-handling=pool-of-threads");

  private BenchServers() {
  }

  public static void main(String[] args) throws Exception {
    int mysqlPort = Integer.parseInt(args[0]);
    int redisPort = Integer.parseInt(args[1]);
    int kafkaPort = Integer.parseInt(args[2]);
    List<String> topics = List.of(args).subList(3, args.length);
    EmbeddedMariaDb mysql = EmbeddedMariaDb.start(EmbeddedServerOptions.onPort(mysqlPort).stoppedByCaller(),
        MARIADB_SIZING);
    EmbeddedRedis redis = EmbeddedRedis.start(EmbeddedServerOptions.onPort(redisPort).stoppedByCaller());
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedServerOptions.onPort(kafkaPort).stoppedByCaller());
    mysql.createDatabase("shpay");
    mysql.createDatabase(FloorServer.DATABASE);
    LocalTopics.create(kafka.bootstrapServers(), topics);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close(kafka);
      close(redis);
      close(mysql);
    }, "bench-servers-stop"));
    System.out.println(READY);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static void close(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("bench servers: stopping " + server + " failed: " + e);
    }
  }
}
