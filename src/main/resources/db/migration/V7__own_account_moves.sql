-- Moves between a user's own linked accounts, and the claim every deposit from SH Pay's contract
-- account consumes.

-- One row per move: withdraw from from_account, then (only once that is APPROVED) deposit to
-- to_account, or, when that deposit fails, a compensating deposit back to from_account. The three
-- leg transfer ids are fixed here before any leg is sent, so a leg is sent at most once whoever
-- (the request, its retry, the janitor of any replica) advances the move.
CREATE TABLE account_moves (
  id                  CHAR(36)     NOT NULL,
  user_id             CHAR(36)     NOT NULL,
  idem_key            VARCHAR(255) NOT NULL,
  from_account_id     CHAR(36)     NOT NULL,
  to_account_id       CHAR(36)     NOT NULL,
  amount              BIGINT       NOT NULL,
  print_content       VARCHAR(20)  NULL,
  status              VARCHAR(14)  NOT NULL,
  withdraw_transfer_id CHAR(36)    NOT NULL,
  deposit_transfer_id CHAR(36)     NOT NULL,
  return_transfer_id  CHAR(36)     NOT NULL,
  next_check_at       DATETIME(3)  NULL,
  created_at          DATETIME(3)  NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_account_moves_key (user_id, idem_key),
  KEY ix_account_moves_due (status, next_check_at),
  CONSTRAINT fk_account_moves_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What a deposit pays against ("refund:<id>", "move:<id>:deposit", "move:<id>:return"). Unique, so
-- one claim can never be paid out twice; a deposit without one is refused before it is recorded.
ALTER TABLE transfers
  ADD COLUMN claim_ref VARCHAR(80) NULL,
  ADD UNIQUE KEY uk_transfers_claim (claim_ref);
