-- Audited repairs: an ADMIN settles a payment or refund that reconciliation could not (still UNKNOWN
-- after the last look-up) with the bank's evidence. Written in the transaction that settles it; one
-- repair per movement, never updated or deleted.
CREATE TABLE settlement_repairs (
  id                  CHAR(36)     NOT NULL,
  movement_kind       VARCHAR(8)   NOT NULL,
  movement_id         CHAR(36)     NOT NULL,
  payment_id          CHAR(36)     NOT NULL,
  previous_status     VARCHAR(10)  NOT NULL,
  outcome             VARCHAR(10)  NOT NULL,
  bank_transaction_id VARCHAR(64)  NOT NULL,
  bank_transaction_at DATETIME(3)  NULL,
  reason              VARCHAR(500) NOT NULL,
  repaired_by         CHAR(36)     NOT NULL,
  repaired_at         DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_settlement_repairs_movement (movement_kind, movement_id),
  KEY ix_settlement_repairs_payment (payment_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
