package io.shpay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Each record read once per process, whichever consumer group reaches it first. */
class DecodedEventsTest {

  private static final String APPROVED = PaymentEventType.APPROVED.wire();

  @Test
  void aSecondGroupTakesTheEventTheFirstOneRead() {
    String id = UUID.randomUUID().toString();
    PaymentEvent first = DecodedEvents.of(PaymentEventUnitTest.record(id, APPROVED, PaymentEventUnitTest.approved()));
    // The same record as another group's consumer receives it: a record object of its own.
    PaymentEvent second = DecodedEvents.of(PaymentEventUnitTest.record(id, APPROVED, PaymentEventUnitTest.approved()));

    assertThat(second).isSameAs(first);
    assertThat(second.id()).isEqualTo(id);
  }

  @Test
  void anotherEventAtTheSameOffsetIsReadAfresh() {
    // A topic made again starts its offsets over: the event id tells its records from the old topic's.
    String before = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    PaymentEvent old = DecodedEvents.of(PaymentEventUnitTest.record(before, APPROVED, PaymentEventUnitTest.approved()));
    PaymentEvent fresh = DecodedEvents.of(PaymentEventUnitTest.record(after, APPROVED, PaymentEventUnitTest.approved()));

    assertThat(fresh.id()).isEqualTo(after);
    assertThat(old.id()).isEqualTo(before);
  }

  @Test
  void aRecordWhoseSlotAnotherRecordTookIsReadAgainNeverTakenForTheOther() {
    // Offsets 0 and SLOTS of partition 0 share a slot: the second replaces the first.
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    assertThat(DecodedEvents.slot(0, DecodedEvents.SLOTS)).isEqualTo(DecodedEvents.slot(0, 0));
    PaymentEvent firstRead = DecodedEvents.of(at(0, first));
    PaymentEvent secondRead = DecodedEvents.of(at(DecodedEvents.SLOTS, second));

    PaymentEvent firstAgain = DecodedEvents.of(at(0, first));

    assertThat(secondRead.id()).isEqualTo(second);
    assertThat(firstAgain.id()).isEqualTo(first);
    assertThat(firstAgain).as("read afresh: its slot holds the other record").isNotSameAs(firstRead);
    assertThat(DecodedEvents.of(at(0, first))).as("and kept again").isSameAs(firstAgain);
  }

  @Test
  void theSameOffsetOfAnotherPartitionIsAnotherRecord() {
    String zero = UUID.randomUUID().toString();
    String one = UUID.randomUUID().toString();

    PaymentEvent ofZero = DecodedEvents.of(PaymentEventUnitTest.record(zero, APPROVED, PaymentEventUnitTest.approved()));
    PaymentEvent ofOne = DecodedEvents.of(inPartition(1, PaymentEventUnitTest.record(one, APPROVED,
        PaymentEventUnitTest.approved())));

    assertThat(ofZero.id()).isEqualTo(zero);
    assertThat(ofOne.id()).isEqualTo(one);
  }

  @Test
  void aRecordThatIsNotAnEventIsRefusedEveryTime() {
    ConsumerRecord<String, byte[]> noId = new ConsumerRecord<>("shpay.payment-events", 0, 7L, "pay-1",
        "{}".getBytes(StandardCharsets.UTF_8));
    String id = UUID.randomUUID().toString();

    assertThatThrownBy(() -> DecodedEvents.of(noId)).isInstanceOf(MalformedEvent.class);
    assertThatThrownBy(() -> DecodedEvents.of(PaymentEventUnitTest.record(id, APPROVED, null)))
        .isInstanceOf(MalformedEvent.class);
    assertThatThrownBy(() -> DecodedEvents.of(PaymentEventUnitTest.record(id, APPROVED, null)))
        .as("not kept as if it had been read").isInstanceOf(MalformedEvent.class);
  }

  /** A record of partition 0 at {@code offset}, as {@link PaymentEventUnitTest#record} builds one. */
  private static ConsumerRecord<String, byte[]> at(long offset, String id) {
    return moved(PaymentEventUnitTest.record(id, APPROVED, PaymentEventUnitTest.approved()), 0, offset);
  }

  private static ConsumerRecord<String, byte[]> inPartition(int partition, ConsumerRecord<String, byte[]> record) {
    return moved(record, partition, record.offset());
  }

  private static ConsumerRecord<String, byte[]> moved(ConsumerRecord<String, byte[]> record, int partition,
      long offset) {
    ConsumerRecord<String, byte[]> moved = new ConsumerRecord<>(record.topic(), partition, offset, record.key(),
        record.value());
    record.headers().forEach(header -> moved.headers().add(header));
    return moved;
  }
}
