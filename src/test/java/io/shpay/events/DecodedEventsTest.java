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
}
