package io.shpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Which addresses a webhook may reach, judged on what a host resolves to, not on how it is written. */
class PublicAddressesTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
      "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.1.1", "224.0.0.1",
      "255.255.255.255", "192.0.2.10", "198.18.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1",
      "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::1", "2001:db8::1"})
  void internalAddressesAreRefused(String literal) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.0.1", "172.32.0.1",
      "169.253.0.1", "203.0.114.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"})
  void publicAddressesAreAllowed(String literal) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isTrue();
  }

  @Test
  void aNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
    Map<String, List<InetAddress>> dns = Map.of(
        "shop.example", List.of(InetAddress.getByName("93.184.216.34")),
        "rebinding.example", List.of(InetAddress.getByName("127.0.0.1")),
        "redis", List.of(InetAddress.getByName("10.96.0.12")),
        "mixed.example", List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.5")));
    WebhookHosts hosts = new WebhookHosts(vertx, false, host -> {
      List<InetAddress> found = dns.get(host);
      if (found == null) {
        throw new java.net.UnknownHostException(host);
      }
      return found;
    });

    assertThat(await(hosts.connectable("shop.example")).getHostAddress()).isEqualTo("93.184.216.34");
    for (String refused : List.of("rebinding.example", "redis", "mixed.example", "nowhere.example", "[::1]",
        "169.254.169.254", "[fd00::1]")) {
      Throwable failure = hosts.connectable(refused).toCompletionStage().toCompletableFuture()
          .handle((ok, error) -> error).get(10, TimeUnit.SECONDS);
      assertThat(failure).as(refused).isInstanceOf(WebhookHosts.Refused.class);
    }
  }

  @Test
  void theLocalOnlyAllowanceLetsTestsReachLoopback() throws Exception {
    WebhookHosts local = new WebhookHosts(vertx, true, host -> List.of(InetAddress.getByName("127.0.0.1")));

    assertThat(await(local.connectable("receiver.test")).isLoopbackAddress()).isTrue();
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
