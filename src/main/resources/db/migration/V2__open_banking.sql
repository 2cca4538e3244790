-- Open banking: a user's KFTC link, the accounts it exposes, issued bank_tran_ids, and transfers.

-- One KFTC link per user. Tokens are sealed with AES-256-GCM before they get here.
CREATE TABLE bank_links (
  user_id              CHAR(36)      NOT NULL,
  user_seq_no          VARCHAR(10)   NOT NULL,
  access_token_sealed  VARBINARY(4096) NOT NULL,
  refresh_token_sealed VARBINARY(4096) NOT NULL,
  scope                VARCHAR(64)   NOT NULL,
  expires_at           DATETIME(3)   NOT NULL,
  consent_required     BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at           DATETIME(3)   NOT NULL,
  updated_at           DATETIME(3)   NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_bank_links_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE linked_accounts (
  id                 CHAR(36)     NOT NULL,
  user_id            CHAR(36)     NOT NULL,
  fintech_use_num    VARCHAR(24)  NOT NULL,
  bank_code          CHAR(3)      NOT NULL,
  bank_name          VARCHAR(40)  NOT NULL,
  account_num_masked VARCHAR(32)  NOT NULL,
  alias              VARCHAR(100) NULL,
  holder_name        VARCHAR(50)  NULL,
  account_type       VARCHAR(2)   NULL,
  is_main            BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at         DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_linked_accounts_user_fintech (user_id, fintech_use_num),
  CONSTRAINT fk_linked_accounts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every bank_tran_id SH Pay has issued, per Asia/Seoul day. Redis answers first; this unique key
-- is what makes a duplicate impossible even after Redis loses its data.
CREATE TABLE bank_tran_ids (
  bank_day    DATE        NOT NULL,
  bank_tran_id CHAR(20)   NOT NULL,
  issued_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (bank_day, bank_tran_id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- Withdrawals from and deposits to a linked account, with the bank's ids and answer.
CREATE TABLE transfers (
  id               CHAR(36)     NOT NULL,
  user_id          CHAR(36)     NOT NULL,
  account_id       CHAR(36)     NOT NULL,
  kind             VARCHAR(8)   NOT NULL,
  amount           BIGINT       NOT NULL,
  recipient_name   VARCHAR(50)  NULL,
  print_content    VARCHAR(20)  NULL,
  status           VARCHAR(10)  NOT NULL,
  bank_tran_id     CHAR(20)     NOT NULL,
  bank_tran_date   CHAR(8)      NOT NULL,
  rsp_code         VARCHAR(5)   NULL,
  bank_rsp_code    VARCHAR(3)   NULL,
  bank_message     VARCHAR(200) NULL,
  created_at       DATETIME(3)  NOT NULL,
  updated_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_transfers_bank_tran (bank_tran_date, bank_tran_id),
  KEY ix_transfers_user (user_id, created_at),
  KEY ix_transfers_status (status, updated_at),
  CONSTRAINT fk_transfers_account FOREIGN KEY (account_id) REFERENCES linked_accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Idempotency-Key records for money-moving requests: the first request's fingerprint and, once
-- finished, its response, replayed to any retry with the same key.
CREATE TABLE idempotency_records (
  scope           VARCHAR(64)  NOT NULL,
  idem_key        VARCHAR(255) NOT NULL,
  fingerprint     BINARY(32)   NOT NULL,
  status          VARCHAR(12)  NOT NULL,
  response_status INT          NULL,
  response_body   MEDIUMTEXT   NULL,
  created_at      DATETIME(3)  NOT NULL,
  expires_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (scope, idem_key),
  KEY ix_idempotency_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
