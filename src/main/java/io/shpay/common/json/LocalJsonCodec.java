package io.shpay.common.json;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Hands a {@link JsonObject} to a consumer in the same process as it is, where Vert.x's default codec deep-copies it
 * for every local delivery. Only for messages the sender builds for the one send and never touches again, as a
 * service proxy's request is; the event-bus hop itself stays. On the wire (a clustered bus) it encodes as usual.
 */
public final class LocalJsonCodec implements MessageCodec<JsonObject, JsonObject> {

  public static final String NAME = "shpay-local-json";
  private static final Set<Vertx> REGISTERED = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  /** Options that send with this codec on {@code vertx}, registering it there the first time. */
  public static DeliveryOptions deliveryOptions(Vertx vertx) {
    synchronized (REGISTERED) {
      if (REGISTERED.add(vertx)) {
        try {
          vertx.eventBus().registerCodec(new LocalJsonCodec());
        } catch (IllegalStateException alreadyThere) {
          // registered by an earlier class loader's copy of this class; the name is what counts
        }
      }
    }
    return new DeliveryOptions().setCodecName(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
