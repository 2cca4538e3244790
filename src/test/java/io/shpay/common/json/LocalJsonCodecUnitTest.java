package io.shpay.common.json;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

/** A request sent with the local codec reaches its consumer as the sender's own object: no deep copy per hop. */
class LocalJsonCodecUnitTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void aLocalConsumerGetsTheSameObjectWhereTheDefaultCodecCopies() {
    AtomicReference<JsonObject> received = new AtomicReference<>();
    vertx.eventBus().<JsonObject>consumer("local-json-test", message -> {
      received.set(message.body());
      message.reply("ok");
    });
    JsonObject sent = new JsonObject().put("amount", 1_000).put("nested", new JsonObject().put("a", 1));

    await(vertx.eventBus().request("local-json-test", sent, LocalJsonCodec.deliveryOptions(vertx)));
    JsonObject withLocalCodec = received.get();
    await(vertx.eventBus().request("local-json-test", sent));
    JsonObject withDefaultCodec = received.get();

    assertThat(withLocalCodec).isSameAs(sent);
    assertThat(withDefaultCodec).isNotSameAs(sent).isEqualTo(sent);
  }

  @Test
  void askingForTheOptionsTwiceRegistersTheCodecOnce() {
    LocalJsonCodec.deliveryOptions(vertx);

    assertThat(LocalJsonCodec.deliveryOptions(vertx).getCodecName()).isEqualTo(LocalJsonCodec.NAME);
  }

  @Test
  void onTheWireItEncodesAndDecodesTheSameJson() {
    LocalJsonCodec codec = new LocalJsonCodec();
    JsonObject json = new JsonObject().put("id", "p-1").put("amount", 10);
    Buffer wire = Buffer.buffer().appendString("prefix");

    codec.encodeToWire(wire, json);

    assertThat(codec.decodeFromWire("prefix".length(), wire)).isEqualTo(json);
  }
}
