package io.shpay.bench;

import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Vertx;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two bank sandboxes in a JVM of their own, so the bank's work is not counted as SH Pay's CPU. Arguments: the
 * KFTC port, the NH port and SH Pay's open-banking callback URL. Prints {@value #READY} when both listen.
 */
public final class BenchSandboxes {

  static final String READY = "bench sandboxes ready";

  private BenchSandboxes() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    KftcSandbox.start(vertx, KftcSandboxOptions.defaults().withPort(Integer.parseInt(args[0])).withRedirectUri(args[2]))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    NhSandbox.start(vertx, NhSandboxOptions.defaults().withPort(Integer.parseInt(args[1])))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close(), "bench-sandboxes-stop"));
    System.out.println(READY);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
