package io.shpay.api;

import io.shpay.common.net.Cidr;
import io.shpay.common.net.IpAddresses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's address, which login and sign-up limits count against. Behind the ingress every TCP peer is the
 * ingress, so the address it forwards ({@code Forwarded: for=}, else {@code X-Forwarded-For}) is taken instead, but
 * only from a peer in {@code http.trustedProxies}: anyone else could write whatever they like there. The forwarded
 * chain is read from the right (the hop nearest to SH Pay) past every trusted proxy; the first address that is not
 * one is the client. A chain that is not made of IP addresses stops at the last trusted hop.
 */
final class ClientAddress {

  private static final String KEY = "clientAddress";

  private final List<Cidr> trustedProxies;

  ClientAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** Resolves the address once per request and keeps it on the context for {@link #of}. */
  void attach(RoutingContext ctx) {
    ctx.put(KEY, resolve(ctx.request()));
    ctx.next();
  }

  /** The address {@link #attach} found, or the TCP peer for a request it did not see. */
  static String of(RoutingContext ctx) {
    String address = ctx.get(KEY);
    return address != null ? address : peer(ctx.request());
  }

  String resolve(HttpServerRequest request) {
    return resolve(peer(request), request.headers().getAll("Forwarded"), request.headers().getAll("X-Forwarded-For"));
  }

  /** The client behind TCP peer {@code peer}, given the request's {@code Forwarded} and {@code X-Forwarded-For} headers. */
  String resolve(String peer, List<String> forwarded, List<String> xForwardedFor) {
    Optional<InetAddress> hop = IpAddresses.parse(peer);
    if (hop.isEmpty() || !trusted(hop.get())) {
      return peer;
    }
    List<String> chain = forwardedChain(forwarded, xForwardedFor);
    String nearest = peer;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<InetAddress> address = IpAddresses.parse(chain.get(i));
      if (address.isEmpty()) {
        return nearest;
      }
      nearest = address.get().getHostAddress();
      if (!trusted(address.get())) {
        return nearest;
      }
    }
    return nearest;
  }

  private boolean trusted(InetAddress address) {
    for (Cidr network : trustedProxies) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static String peer(HttpServerRequest request) {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
  }

  /** The forwarded addresses, client first: RFC 7239 {@code Forwarded} when present, else {@code X-Forwarded-For}. */
  private static List<String> forwardedChain(List<String> forwarded, List<String> xForwardedFor) {
    List<String> chain = new ArrayList<>();
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          chain.add(forValue(element));
        }
      }
      return chain;
    }
    for (String header : xForwardedFor) {
      for (String address : header.split(",")) {
        chain.add(address.trim());
      }
    }
    return chain;
  }

  /** {@code for=192.0.2.60}, {@code for="[2001:db8::1]:4711"} → the bare address; anything else → "". */
  private static String forValue(String element) {
    for (String pair : element.split(";")) {
      String[] nameValue = pair.trim().split("=", 2);
      if (nameValue.length == 2 && nameValue[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
        String value = nameValue[1].trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
          int close = value.indexOf(']');
          return close < 0 ? "" : value.substring(1, close);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
      }
    }
    return "";
  }
}
