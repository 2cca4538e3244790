package io.shpay.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which IP addresses a merchant's webhook may reach: only public unicast ones. Everything that
 * leads into SH Pay's own network or the host it runs on is refused: loopback, unspecified,
 * RFC 1918 private, carrier-grade NAT (100.64/10), link-local (169.254/16, where cloud metadata
 * such as 169.254.169.254 lives, and fe80::/10), IPv6 unique-local (fc00::/7), multicast,
 * broadcast and the reserved and documentation ranges; an IPv6 address that embeds an IPv4 one
 * (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by the IPv4 address inside.
 */
final class PublicAddresses {

  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return isPublic4(v4.getAddress());
    }
    if (address instanceof Inet6Address v6) {
      return isPublic6(v6.getAddress());
    }
    return false;
  }

  private static boolean isPublic4(byte[] ip) {
    int a = ip[0] & 0xff;
    int b = ip[1] & 0xff;
    int c = ip[2] & 0xff;
    return !(a == 0                                   // "this network", 0.0.0.0
        || a == 10                                    // private
        || a == 127                                   // loopback
        || (a == 100 && b >= 64 && b <= 127)          // carrier-grade NAT
        || (a == 169 && b == 254)                     // link-local, cloud metadata
        || (a == 172 && b >= 16 && b <= 31)           // private
        || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
        || (a == 192 && b == 88 && c == 99)           // 6to4 relay anycast
        || (a == 192 && b == 168)                     // private
        || (a == 198 && (b == 18 || b == 19))         // benchmarking
        || (a == 198 && b == 51 && c == 100)          // TEST-NET-2
        || (a == 203 && b == 0 && c == 113)           // TEST-NET-3
        || a >= 224);                                 // multicast, reserved, broadcast
  }

  private static boolean isPublic6(byte[] ip) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= ip[i] == 0;
    }
    if (firstTenZero && ((ip[10] == (byte) 0xff && ip[11] == (byte) 0xff) || (ip[10] == 0 && ip[11] == 0))) {
      // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; also :: and ::1, which are not public as IPv4 either)
      return isPublic4(new byte[] {ip[12], ip[13], ip[14], ip[15]});
    }
    if ((ip[0] & 0xff) == 0x00 && (ip[1] & 0xff) == 0x64 && (ip[2] & 0xff) == 0xff && (ip[3] & 0xff) == 0x9b) {
      return isPublic4(new byte[] {ip[12], ip[13], ip[14], ip[15]});  // NAT64 64:ff9b::/96 (and /48)
    }
    if ((ip[0] & 0xff) == 0x20 && (ip[1] & 0xff) == 0x02) {
      return isPublic4(new byte[] {ip[2], ip[3], ip[4], ip[5]});      // 6to4 2002::/16
    }
    int first = ip[0] & 0xff;
    int second = ip[1] & 0xff;
    return !((first & 0xfe) == 0xfc                     // unique local fc00::/7
        || (first == 0xfe && (second & 0xc0) == 0x80)   // link-local fe80::/10
        || (first == 0xfe && (second & 0xc0) == 0xc0)   // site-local fec0::/10 (deprecated)
        || first == 0xff                                // multicast
        || (first == 0x20 && second == 0x01 && (ip[2] & 0xff) == 0x0d && (ip[3] & 0xff) == 0xb8)  // documentation
        || (first == 0x01 && second == 0x00 && ip[2] == 0 && ip[3] == 0)                           // discard 100::/64
        || (first == 0x20 && second == 0x01 && ip[2] == 0 && (ip[3] & 0xfe) == 0));               // Teredo, ORCHID…
  }

  /** A literal address without any lookup, or null when {@code host} is a name. */
  static InetAddress literal(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean looksLiteral = bare.contains(":") || bare.matches("[0-9.]+");
    if (!looksLiteral) {
      return null;
    }
    try {
      return InetAddress.getByName(bare);  // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
