-- Issue 5: what the payment-events consumers keep.

-- The support view of every payment outcome: one row per event, written by the history consumer.
-- event_id is the CloudEvent id, unique, so a redelivered event is stored once.
CREATE TABLE payment_history (
  seq             BIGINT       NOT NULL AUTO_INCREMENT,
  event_id        VARCHAR(64)  NOT NULL,
  event_type      VARCHAR(64)  NOT NULL,
  payment_id      CHAR(36)     NOT NULL,
  refund_id       CHAR(36)     NULL,
  user_id         CHAR(36)     NOT NULL,
  merchant_id     CHAR(36)     NOT NULL,
  order_id        VARCHAR(64)  NOT NULL,
  rail            VARCHAR(8)   NOT NULL,
  amount          BIGINT       NOT NULL,
  refunded_amount BIGINT       NOT NULL,
  status          VARCHAR(16)  NOT NULL,
  bank_code       VARCHAR(32)  NULL,
  bank_message    VARCHAR(200) NULL,
  occurred_at     DATETIME(3)  NOT NULL,
  recorded_at     DATETIME(3)  NOT NULL,
  recorded_by     VARCHAR(64)  NOT NULL,
  PRIMARY KEY (seq),
  UNIQUE KEY uk_payment_history_event (event_id),
  KEY ix_payment_history_user (user_id, occurred_at, seq),
  KEY ix_payment_history_merchant (merchant_id, occurred_at, seq),
  KEY ix_payment_history_order (order_id),
  KEY ix_payment_history_status (status, occurred_at, seq),
  KEY ix_payment_history_time (occurred_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who searched the history, when, and with which filter.
CREATE TABLE support_queries (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  support_user_id CHAR(36)     NOT NULL,
  filter          VARCHAR(1000) NOT NULL,
  result_count    INT          NOT NULL,
  queried_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_support_queries_user (support_user_id, queried_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A merchant's webhook endpoint. The signing secret is not stored: it is derived from SH Pay's
-- webhook master secret, the merchant id and secret_version (bumped to rotate it).
CREATE TABLE merchant_webhooks (
  merchant_id    CHAR(36)      NOT NULL,
  url            VARCHAR(500)  NOT NULL,
  secret_version INT           NOT NULL,
  created_at     DATETIME(3)   NOT NULL,
  updated_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (merchant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One delivery per merchant and event (unique, so a redelivered event is queued once); the sender
-- picks due PENDING rows with FOR UPDATE SKIP LOCKED and moves them to DELIVERED or FAILED.
CREATE TABLE webhook_deliveries (
  id               CHAR(36)      NOT NULL,
  merchant_id      CHAR(36)      NOT NULL,
  event_id         VARCHAR(64)   NOT NULL,
  event_type       VARCHAR(64)   NOT NULL,
  payment_id       CHAR(36)      NOT NULL,
  payload          TEXT          NOT NULL,
  status           VARCHAR(10)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NULL,
  give_up_at       DATETIME(3)   NOT NULL,
  last_status_code INT           NULL,
  last_error       VARCHAR(300)  NULL,
  created_at       DATETIME(3)   NOT NULL,
  delivered_at     DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_webhook_deliveries_event (merchant_id, event_id),
  KEY ix_webhook_deliveries_due (status, next_attempt_at),
  KEY ix_webhook_deliveries_merchant (merchant_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE webhook_attempts (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  delivery_id   CHAR(36)      NOT NULL,
  attempt       INT           NOT NULL,
  url           VARCHAR(500)  NOT NULL,
  status_code   INT           NULL,
  error         VARCHAR(300)  NULL,
  duration_ms   INT           NOT NULL,
  attempted_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_webhook_attempts_delivery (delivery_id, attempt),
  CONSTRAINT fk_webhook_attempts_delivery FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
