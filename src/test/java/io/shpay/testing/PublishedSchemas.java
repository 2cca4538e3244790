package io.shpay.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.shpay.events.PaymentEventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas SH Pay publishes for its asynchronous contracts, checked the way a consumer
 * would rely on them, and stricter in one way: a field the schema does not publish is a violation
 * here (every object with {@code properties} is closed), so nothing reaches downstream teams or
 * merchants without being documented first. Formats ({@code uuid}, {@code date-time}) are asserted.
 */
public final class PublishedSchemas {

  public static final String PAYMENT_EVENT = "events/payment-event.v1.schema.json";
  public static final String PAYMENT_WEBHOOK = "webhooks/payment-webhook.v1.schema.json";

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private static final Schema EVENT = closed(PAYMENT_EVENT);
  private static final Schema WEBHOOK = closed(PAYMENT_WEBHOOK);

  private PublishedSchemas() {}

  /** What in this event breaks the payment-event schema (its {@code ce_type} included); empty when it conforms. */
  public static List<String> eventViolations(String ceType, JsonObject data) {
    List<String> violations = new ArrayList<>();
    if (PaymentEventType.fromWire(ceType).isEmpty()) {
      violations.add("ce_type " + ceType + " is not a published event type");
    }
    violations.addAll(describe(EVENT.validate(data.encode(), InputFormat.JSON)));
    return violations;
  }

  /** Fails naming every violation when the event does not conform to the published schema. */
  public static void assertEvent(String ceType, JsonObject data) {
    List<String> violations = eventViolations(ceType, data);
    if (!violations.isEmpty()) {
      throw new AssertionError("event " + ceType + " breaks " + PAYMENT_EVENT + ": " + violations + "\n" + data.encode());
    }
  }

  /** What in this webhook body breaks the published webhook schema; empty when it conforms. */
  public static List<String> webhookViolations(String body) {
    return describe(WEBHOOK.validate(body, InputFormat.JSON));
  }

  public static void assertWebhook(String body) {
    List<String> violations = webhookViolations(body);
    if (!violations.isEmpty()) {
      throw new AssertionError("webhook body breaks " + PAYMENT_WEBHOOK + ": " + violations + "\n" + body);
    }
  }

  /** A published schema as it is shipped, from the classpath. */
  public static JsonObject read(String resource) {
    try (InputStream in = PublishedSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema closed(String resource) {
    JsonObject schema = read(resource);
    close(schema);
    return REGISTRY.getSchema(schema.encode(), InputFormat.JSON);
  }

  /** Every object schema that lists its properties admits those only. */
  private static void close(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("properties") instanceof JsonObject) {
        object.put("additionalProperties", false);
      }
      for (Map.Entry<String, Object> entry : object) {
        close(entry.getValue());
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(PublishedSchemas::close);
    }
  }

  private static List<String> describe(List<Error> errors) {
    return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
  }
}
