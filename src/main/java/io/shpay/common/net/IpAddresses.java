package io.shpay.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever asking DNS (a host name is simply not an address here). */
public final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /** The address written in {@code text}, or empty when it is not an IPv4 or IPv6 literal. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal: getByName parses it and never resolves.
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }
}
