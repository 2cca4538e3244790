package io.shpay.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads each payment event once per process. Every consumer group reads every event (history, notifications,
 * webhooks and alerts: four groups when one process runs every role), and reading one (its CloudEvent headers, its
 * JSON data, its fields) was about a tenth of the service's CPU per paid checkout in the benchmark's profile. The
 * first group to reach a record reads it; the others take the same {@link PaymentEvent}, which is immutable.
 *
 * <p>A record is known by its topic, partition and offset and by its {@code ce_id}, so a topic made again (offsets
 * starting over) is never mistaken for the old one. The events read last are kept in {@value #SLOTS} slots, one per
 * (partition, offset) modulo their number, each slot holding the last record read into it: a lookup is an index,
 * three comparisons and no allocation, and a record read into a taken slot replaces what was there (a bounded
 * Caffeine cache did the same job at twice the cost of the reading it saved: hashing each key's strings, and its
 * eviction's upkeep, on every lookup of every group). A group further behind than the last few thousand records, or
 * whose record's slot was taken since, reads its own. A record that is not a payment event is never kept: each group
 * refuses it on its own.
 */
final class DecodedEvents {

  static final int SLOTS = 4096;
  private static final AtomicReferenceArray<Read> READ = new AtomicReferenceArray<>(SLOTS);

  private DecodedEvents() {}

  /** The record's event, read by this call or an earlier one of any consumer group; else a {@link MalformedEvent}. */
  static PaymentEvent of(ConsumerRecord<String, byte[]> record) {
    Header eventId = record.headers().lastHeader("ce_id");
    if (eventId == null || eventId.value() == null) {
      return PaymentEvent.from(record); // refuses it, naming why
    }
    int slot = slot(record.partition(), record.offset());
    Read known = READ.get(slot);
    if (known != null && known.isOf(record, eventId.value())) {
      return known.event();
    }
    PaymentEvent event = PaymentEvent.from(record);
    READ.set(slot, new Read(record.topic(), record.partition(), record.offset(), eventId.value().clone(), event));
    return event;
  }

  /** Consecutive offsets of a partition take consecutive slots; partitions are spread apart. */
  static int slot(int partition, long offset) {
    return (int) (offset * 31 + partition) & (SLOTS - 1);
  }

  /** An event as read from its record; {@code eventId} is the record's {@code ce_id}, never changed. */
  private record Read(String topic, int partition, long offset, byte[] eventId, PaymentEvent event) {

    boolean isOf(ConsumerRecord<String, byte[]> record, byte[] recordEventId) {
      return offset == record.offset() && partition == record.partition() && topic.equals(record.topic())
          && Arrays.equals(eventId, recordEventId);
    }
  }
}
