package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.net.Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

class ClientAddressTest {

  private static final ClientAddress BEHIND_INGRESS = new ClientAddress(List.of(
      Cidr.parse("10.0.0.0/8").orElseThrow(), Cidr.parse("fd00::/8").orElseThrow()));

  @Test
  void aTrustedProxyNamesTheClientInXForwardedFor() {
    assertThat(BEHIND_INGRESS.resolve("10.1.2.3", List.of(), List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(BEHIND_INGRESS.resolve("198.51.100.9", List.of("for=203.0.113.7"), List.of("203.0.113.7")))
        .isEqualTo("198.51.100.9");
    assertThat(new ClientAddress(List.of()).resolve("10.1.2.3", List.of(), List.of("203.0.113.7")))
        .as("no trusted proxies configured").isEqualTo("10.1.2.3");
  }

  @Test
  void theChainIsReadFromTheRightPastEveryTrustedHopSoAClientCannotPrependALie() {
    // The client wrote "1.1.1.1" itself; the ingress appended the address it really saw.
    assertThat(BEHIND_INGRESS.resolve("10.1.2.3", List.of(), List.of("1.1.1.1, 203.0.113.7, 10.9.9.9")))
        .isEqualTo("203.0.113.7");
  }

  @Test
  void forwardedWinsOverXForwardedForAndItsQuotedIpv6FormIsRead() {
    assertThat(BEHIND_INGRESS.resolve("fd00::1", List.of("for=\"[2001:db8::17]:4711\";proto=https"),
        List.of("203.0.113.7"))).isEqualTo("2001:db8:0:0:0:0:0:17");
    assertThat(BEHIND_INGRESS.resolve("10.0.0.1", List.of("for=192.0.2.60:8080, for=10.0.0.2"), List.of()))
        .isEqualTo("192.0.2.60");
  }

  @Test
  void aChainThatIsNotMadeOfAddressesStopsAtTheLastTrustedHop() {
    assertThat(BEHIND_INGRESS.resolve("10.1.2.3", List.of(), List.of("evil.example.com"))).isEqualTo("10.1.2.3");
    assertThat(BEHIND_INGRESS.resolve("10.1.2.3", List.of("for=unknown"), List.of())).isEqualTo("10.1.2.3");
  }

  @Test
  void networksMatchByPrefix() {
    Cidr net = Cidr.parse("172.16.0.0/12").orElseThrow();
    assertThat(net.contains(io.shpay.common.net.IpAddresses.parse("172.31.255.1").orElseThrow())).isTrue();
    assertThat(net.contains(io.shpay.common.net.IpAddresses.parse("172.32.0.1").orElseThrow())).isFalse();
    assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
    assertThat(Cidr.parse("localhost")).as("a host name is never resolved").isEmpty();
  }
}
