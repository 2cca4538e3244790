-- Payments for partner platforms: NH FinAccounts, merchants, checkouts, payments, refunds, the
-- IsTunos issued to NH, and the transactional outbox of payment events.

-- A user's NH fintech account. The underlying account number is kept because NH's transaction
-- history (how an unknown outcome is settled) is asked by bank code and account number.
CREATE TABLE fin_accounts (
  id              CHAR(36)    NOT NULL,
  user_id         CHAR(36)    NOT NULL,
  fin_acno        VARCHAR(30) NOT NULL,
  bank_code       CHAR(3)     NOT NULL,
  account_number  VARCHAR(20) NOT NULL,
  created_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_fin_accounts_user_fin_acno (user_id, fin_acno),
  CONSTRAINT fk_fin_accounts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Partner platforms. API keys are high-entropy random strings, so a SHA-256 digest is a safe
-- and fast way to store them (a slow password hash would only slow every request down).
CREATE TABLE merchants (
  id             CHAR(36)     NOT NULL,
  name           VARCHAR(100) NOT NULL,
  api_key_hash   BINARY(32)   NOT NULL,
  api_key_hint   VARCHAR(16)  NOT NULL,
  revoked_at     DATETIME(3)  NULL,
  created_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_merchants_api_key (api_key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- OPEN until a payment is being made (PROCESSING), PAID once approved; back to OPEN after a failure.
CREATE TABLE checkouts (
  id           CHAR(36)     NOT NULL,
  merchant_id  CHAR(36)     NOT NULL,
  order_id     VARCHAR(64)  NOT NULL,
  amount       BIGINT       NOT NULL,
  item_name    VARCHAR(100) NOT NULL,
  status       VARCHAR(12)  NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_checkouts_order (merchant_id, order_id),
  CONSTRAINT fk_checkouts_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per payment attempt. rail_tran_id is the bank-side id (NH IsTuno), fixed before the bank
-- is asked, so no retry of any kind can produce a second charge; rail_ref points at the open
-- banking transfer for KFTC payments.
CREATE TABLE payments (
  id                CHAR(36)     NOT NULL,
  checkout_id       CHAR(36)     NOT NULL,
  merchant_id       CHAR(36)     NOT NULL,
  user_id           CHAR(36)     NOT NULL,
  amount            BIGINT       NOT NULL,
  refunded_amount   BIGINT       NOT NULL DEFAULT 0,
  rail              VARCHAR(8)   NOT NULL,
  source_id         CHAR(36)     NOT NULL,
  rail_tran_id      VARCHAR(20)  NULL,
  rail_tran_date    CHAR(8)      NULL,
  rail_ref          CHAR(36)     NULL,
  status            VARCHAR(10)  NOT NULL,
  bank_code         VARCHAR(32)  NULL,
  bank_message      VARCHAR(200) NULL,
  reconcile_attempts INT         NOT NULL DEFAULT 0,
  next_reconcile_at DATETIME(3)  NULL,
  created_at        DATETIME(3)  NOT NULL,
  updated_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_payments_checkout (checkout_id),
  KEY ix_payments_merchant (merchant_id, created_at),
  KEY ix_payments_user (user_id, created_at),
  KEY ix_payments_reconcile (status, next_reconcile_at),
  CONSTRAINT fk_payments_checkout FOREIGN KEY (checkout_id) REFERENCES checkouts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE refunds (
  id                CHAR(36)     NOT NULL,
  payment_id        CHAR(36)     NOT NULL,
  amount            BIGINT       NOT NULL,
  reason            VARCHAR(200) NULL,
  rail_tran_id      VARCHAR(20)  NULL,
  rail_tran_date    CHAR(8)      NULL,
  rail_ref          CHAR(36)     NULL,
  status            VARCHAR(10)  NOT NULL,
  bank_code         VARCHAR(32)  NULL,
  bank_message      VARCHAR(200) NULL,
  reconcile_attempts INT         NOT NULL DEFAULT 0,
  next_reconcile_at DATETIME(3)  NULL,
  created_at        DATETIME(3)  NOT NULL,
  updated_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_refunds_payment (payment_id),
  KEY ix_refunds_reconcile (status, next_reconcile_at),
  CONSTRAINT fk_refunds_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- NH IsTunos, unique per Asia/Seoul day (Redis answers first; this key makes a duplicate impossible).
CREATE TABLE nh_is_tunos (
  bank_day    DATE        NOT NULL,
  is_tuno     CHAR(20)    NOT NULL,
  issued_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (bank_day, is_tuno)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- Events written in the same transaction as the state change they describe; the relay publishes
-- them to Kafka in id order and marks them sent.
CREATE TABLE outbox_events (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  event_id      CHAR(36)     NOT NULL,
  event_type    VARCHAR(64)  NOT NULL,
  aggregate_id  CHAR(36)     NOT NULL,
  payload       MEDIUMTEXT   NOT NULL,
  occurred_at   DATETIME(3)  NOT NULL,
  sent_at       DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_outbox_event (event_id),
  KEY ix_outbox_unsent (sent_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
