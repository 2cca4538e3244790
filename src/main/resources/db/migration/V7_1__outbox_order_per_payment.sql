-- Order per payment with several outbox relays.

-- A payment's events are numbered 1, 2, 3, ... in the transaction that writes them, under the
-- payment's row lock; the number travels in the event as "sequence" so consumers can tell a stale
-- event from a new one. Rows written before this column existed keep NULL.
ALTER TABLE outbox_events
  ADD COLUMN sequence BIGINT NULL,
  ADD UNIQUE KEY uk_outbox_aggregate_sequence (aggregate_id, sequence);

-- The relay's turn: a round publishes only while it holds this row's lock, so however many payment
-- replicas run a relay, one publishes at a time, in outbox id order, and a payment's events reach
-- Kafka in the order they were written.
CREATE TABLE outbox_relay_turn (
  id TINYINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO outbox_relay_turn (id) VALUES (1);
