package io.shpay.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The banner the local stack prints once everything answers: where each part listens and a first request to try. */
final class LocalBanner {

  private LocalBanner() {}

  /** What the banner shows. */
  record Stack(int httpPort, double startSeconds, String mysqlUri, String redisUri, String kafkaBootstrap,
      String kftcUrl, String nhUrl, String adminEmail, Optional<Path> dataDir) {}

  static void print(PrintStream out, Stack stack) {
    String base = "http://localhost:" + stack.httpPort();
    out.printf(Locale.ROOT, """

        ==================================================================================
         SH Pay is running (local profile, started in %.1f s)

         API        %s/api/v1          (lists every route)
         API docs   %s/docs            (OpenAPI 3.1: %s/openapi.yaml)
         Health     %s/health/ready
         Metrics    %s/metrics

         MariaDB    %s   (user root, no password)
         Redis      %s
         Kafka      %s
         KFTC       %s   (sandbox: people and accounts in conf/sandbox/kftc-seed.json)
         NH         %s   (sandbox: accounts in conf/sandbox/nh-seed.json)

         Admin      %s (password: admin.password in conf/application-local.yaml)
         Data       %s

         Try it:
           curl -s -X POST %s/api/v1/users -H 'Content-Type: application/json' \\
             -d '{"email":"minji@example.com","name":"Kim Minji","password":"correct horse battery"}'
           curl -s -X POST %s/api/v1/auth/login -H 'Content-Type: application/json' \\
             -d '{"email":"minji@example.com","password":"correct horse battery"}'

         Ctrl-C stops SH Pay and every embedded server.
        ==================================================================================
        %n""", stack.startSeconds(), base, base, base, base, base, stack.mysqlUri(), stack.redisUri(), stack.kafkaBootstrap(),
        stack.kftcUrl(), stack.nhUrl(), stack.adminEmail(), data(stack.dataDir()), base, base);
    out.flush();
  }

  private static String data(Optional<Path> dataDir) {
    return dataDir
        .map(dir -> dir + " (MariaDB, Redis and the JWT key stay; Kafka and the sandboxes start fresh)")
        .orElse("fresh every run (set SHPAY_LOCAL_DATA_DIR to keep it)");
  }
}
