package io.shpay.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a webhook's host and decides where SH Pay may connect: the host's first address, and
 * only when every address it resolves to is public ({@link PublicAddresses}), so a name that points
 * into SH Pay's network ({@code redis}, {@code mysql.default.svc}, one resolving to 127.0.0.1) is
 * refused however it is written. The sender connects to exactly the address judged here, so a DNS
 * answer that changes between the check and the connection (rebinding) cannot slip past it.
 *
 * <p>With {@code webhooks.allowInsecureUrls} (local runs and tests only; off in production
 * configuration) any address is allowed, so tests can deliver to a receiver on 127.0.0.1.
 */
final class WebhookHosts {

  /** The host's addresses; the system resolver by default (the JDK's, on a worker thread). */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** The host resolved to no address SH Pay may connect to; the message is for SH Pay's log, never the merchant. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final boolean allowPrivate;
  private final Resolver resolver;

  WebhookHosts(Vertx vertx, boolean allowPrivate, Resolver resolver) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  static WebhookHosts system(Vertx vertx, boolean allowPrivate) {
    return new WebhookHosts(vertx, allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
  }

  /** The address to connect to for {@code host} (a name or a literal, IPv6 in brackets or not); fails with {@link Refused}. */
  Future<InetAddress> connectable(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress literal = PublicAddresses.literal(bare);
    Future<List<InetAddress>> resolved = literal != null
        ? Future.succeededFuture(List.of(literal))
        // getAllByName may wait on DNS: never on an event loop.
        : vertx.executeBlocking(() -> resolver.resolve(bare), false);
    return resolved.recover(unknown -> Future.failedFuture(new Refused(host + " does not resolve")))
        .compose(addresses -> {
          if (addresses.isEmpty()) {
            return Future.failedFuture(new Refused(host + " resolves to no address"));
          }
          for (InetAddress address : addresses) {
            if (!allowPrivate && !PublicAddresses.isPublic(address)) {
              return Future.failedFuture(new Refused(host + " resolves to non-public " + address.getHostAddress()));
            }
          }
          return Future.succeededFuture(addresses.get(0));
        });
  }
}
