package io.shpay.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Reads each payment event once per process. Every consumer group reads every event (history, notifications,
 * webhooks and alerts: four groups when one process runs every role), and reading one (its CloudEvent headers, its
 * JSON data, its fields) was about a tenth of the service's CPU per paid checkout in the benchmark's profile. The
 * first group to reach a record reads it; the others take the same {@link PaymentEvent}, which is immutable.
 *
 * <p>A record is known by its topic, partition and offset and by its {@code ce_id}, so a topic made again (offsets
 * starting over) is never mistaken for the old one. Bounded: a group further behind than the last few thousand
 * records reads its own. A record that is not a payment event is never kept: each group refuses it on its own.
 */
final class DecodedEvents {

  static final int MAX_EVENTS = 4096;
  private static final Cache<RecordId, PaymentEvent> READ = Caffeine.newBuilder().maximumSize(MAX_EVENTS)
      // Eviction's upkeep on the reading thread (a few map operations), not a task on the common pool per read.
      .executor(Runnable::run)
      .build();

  private DecodedEvents() {}

  /** The record's event, read by this call or an earlier one of any consumer group; else a {@link MalformedEvent}. */
  static PaymentEvent of(ConsumerRecord<String, byte[]> record) {
    Header eventId = record.headers().lastHeader("ce_id");
    if (eventId == null || eventId.value() == null) {
      return PaymentEvent.from(record); // refuses it, naming why
    }
    RecordId id = new RecordId(record.topic(), record.partition(), record.offset(),
        new String(eventId.value(), StandardCharsets.UTF_8));
    PaymentEvent known = READ.getIfPresent(id);
    if (known != null) {
      return known;
    }
    PaymentEvent event = PaymentEvent.from(record);
    READ.put(id, event);
    return event;
  }

  private record RecordId(String topic, int partition, long offset, String eventId) {}
}
