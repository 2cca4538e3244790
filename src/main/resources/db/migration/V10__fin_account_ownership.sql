-- A FinAccount can be charged only once its user proved the account is theirs: the bank's holder
-- name matched their name, and they typed back the code SH Pay sent with a 1-won deposit. The code
-- is kept only as a salted SHA-256 digest, with its expiry and the wrong attempts made against it.
-- FinAccounts issued before this rule have no proof and must be verified like new ones.
ALTER TABLE fin_accounts
  ADD COLUMN verified_at      DATETIME(3) NULL,
  ADD COLUMN code_digest      BINARY(32)  NULL,
  ADD COLUMN code_salt        BINARY(16)  NULL,
  ADD COLUMN code_expires_at  DATETIME(3) NULL,
  ADD COLUMN code_attempts    INT         NOT NULL DEFAULT 0;

-- Every 1-won verification deposit: SH Pay's own money leaving its settlement account, so each one is
-- on record with the IsTuno chosen before NH was asked and what NH said (APPROVED, FAILED on NH's
-- refusal, UNKNOWN when NH did not answer). Also what limits how many a FinAccount gets a day.
CREATE TABLE fin_account_deposits (
  id              CHAR(36)     NOT NULL,
  fin_account_id  CHAR(36)     NOT NULL,
  amount          BIGINT       NOT NULL,
  is_tuno         CHAR(20)     NOT NULL,
  tran_date       CHAR(8)      NOT NULL,
  status          VARCHAR(10)  NOT NULL,
  bank_code       VARCHAR(32)  NULL,
  bank_message    VARCHAR(200) NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_fin_account_deposits_tuno (tran_date, is_tuno),
  KEY ix_fin_account_deposits_account (fin_account_id, created_at),
  CONSTRAINT fk_fin_account_deposits_account FOREIGN KEY (fin_account_id) REFERENCES fin_accounts (id)
    ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
