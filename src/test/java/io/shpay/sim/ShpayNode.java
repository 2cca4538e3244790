package io.shpay.sim;

import io.shpay.openbanking.OpenBankingService;
import io.shpay.payment.PaymentService;
import io.shpay.testing.TcpProxy;
import io.shpay.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * One SH Pay process of the simulation. It reaches MySQL and both banks only through TCP proxies of its
 * own, so the simulation can reset its connections, and can kill it: cutting every proxy first means
 * nothing the dying process does afterwards reaches the database or a bank, as when a pod is killed.
 */
final class ShpayNode {

  final int number;
  private final TestApp app;
  private final TcpProxy mysql;
  private final TcpProxy nh;
  private final TcpProxy kftc;

  private ShpayNode(int number, TestApp app, TcpProxy mysql, TcpProxy nh, TcpProxy kftc) {
    this.number = number;
    this.app = app;
    this.mysql = mysql;
    this.nh = nh;
    this.kftc = kftc;
  }

  /** Starts a process with {@code config} (environment-variable names), pointed at the targets through new proxies. */
  static Future<ShpayNode> start(Vertx vertx, int number, JsonObject config, URI mysqlTarget, String database,
      URI nhTarget, URI kftcTarget, Clock clock) {
    return Future.all(
            TcpProxy.start(vertx, mysqlTarget.getHost(), mysqlTarget.getPort()),
            TcpProxy.start(vertx, nhTarget.getHost(), nhTarget.getPort()),
            TcpProxy.start(vertx, kftcTarget.getHost(), kftcTarget.getPort()))
        .compose(proxies -> {
          TcpProxy mysql = proxies.resultAt(0);
          TcpProxy nh = proxies.resultAt(1);
          TcpProxy kftc = proxies.resultAt(2);
          String user = mysqlTarget.getRawUserInfo() == null ? "" : mysqlTarget.getRawUserInfo() + "@";
          JsonObject wired = config.copy()
              .put("SHPAY_MYSQL_URI", "mysql://" + user + mysql.host() + ":" + mysql.port() + "/" + database)
              .put("SHPAY_NH_BASE_URL", "http://" + nh.host() + ":" + nh.port())
              .put("SHPAY_KFTC_BASE_URL", "http://" + kftc.host() + ":" + kftc.port());
          return TestApp.start(wired, clock)
              .map(app -> new ShpayNode(number, app, mysql, nh, kftc))
              .onFailure(failed -> List.of(mysql, nh, kftc).forEach(TcpProxy::close));
        });
  }

  int port() {
    return app.port();
  }

  /** Every open connection to MySQL is reset, and new ones are refused for {@code away}. */
  Future<Void> mysqlAway(java.time.Duration away, Vertx vertx) {
    return mysql.cut().compose(cut -> vertx.timer(away.toMillis())).compose(back -> mysql.restore());
  }

  /** Every open connection to the bank is reset mid-request; new ones connect again at once. */
  Future<Void> resetBank(String rail) {
    TcpProxy proxy = "NH".equals(rail) ? nh : kftc;
    return proxy.cut().compose(cut -> proxy.restore());
  }

  /**
   * Makes sure every proxy of this process listens again (a reset's restore can lose a race with the
   * port's release): the names of those that had to be brought back.
   */
  Future<List<String>> reconnect(Vertx vertx) {
    return Future.all(restore(vertx, "MySQL", mysql, 50), restore(vertx, "NH", nh, 50), restore(vertx, "KFTC", kftc, 50))
        .map(all -> all.<String>list().stream().filter(name -> name != null).toList());
  }

  private static Future<String> restore(Vertx vertx, String name, TcpProxy proxy, int triesLeft) {
    if (proxy.isListening()) {
      return Future.succeededFuture(null);
    }
    return proxy.restore().map(name).recover(failed -> triesLeft == 0
        ? Future.failedFuture(new IllegalStateException(name + " proxy does not listen again", failed))
        : vertx.timer(50).compose(tick -> restore(vertx, name, proxy, triesLeft - 1)));
  }

  /** The process dies now: nothing it does from here on reaches MySQL or a bank; then its Vert.x is closed. */
  Future<Void> kill() {
    return Future.join(mysql.cut(), nh.cut(), kftc.cut())
        .transform(cut -> app.close())
        .transform(closed -> {
          List.of(mysql, nh, kftc).forEach(TcpProxy::close);
          return Future.<Void>succeededFuture();
        });
  }

  /** A graceful stop at the end of a run. */
  Future<Void> stop() {
    return app.close().transform(closed -> {
      List.of(mysql, nh, kftc).forEach(TcpProxy::close);
      return Future.<Void>succeededFuture();
    });
  }

  /** Asks this process's payment verticle to look up every due UNKNOWN payment and refund now. */
  Future<Integer> reconcilePayments() {
    return PaymentService.proxy(app.app().vertx()).reconcile();
  }

  /** Asks this process's open-banking verticle to take open own-account moves a step further now. */
  Future<Integer> advanceMoves() {
    return OpenBankingService.proxy(app.app().vertx()).advanceMoves();
  }

  /** Asks this process's open-banking verticle to settle its UNKNOWN transfers now. */
  Future<Integer> settleTransfers() {
    return OpenBankingService.proxy(app.app().vertx()).settleUnknownTransfers();
  }
}
