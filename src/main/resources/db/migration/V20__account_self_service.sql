-- A person manages their own SH Pay account: the sessions they are signed in with (where each
-- began), and closing the account. A closed account keeps its id, because payments, refunds and
-- transfers must be kept for years after it (see README, "Closing an account"); what identifies the
-- person (email, name, password hash) is overwritten when it closes.
ALTER TABLE refresh_tokens ADD COLUMN client_address VARCHAR(45) NULL;

ALTER TABLE users ADD COLUMN closed_at DATETIME(3) NULL;

-- A linked account leaves the list when it is unlinked (by its owner, or with the whole consent), or
-- when the bank no longer lists it (CLOSED). The row stays: its transfers point at it.
ALTER TABLE linked_accounts
  ADD COLUMN status      VARCHAR(10) NOT NULL DEFAULT 'LINKED',
  ADD COLUMN unlinked_at DATETIME(3) NULL;

-- A FinAccount its owner named, or deleted. A deleted one cannot be charged; the row stays, because its
-- payments point at it and their refunds and look-ups still need its FinAcno and account number.
ALTER TABLE fin_accounts
  ADD COLUMN nickname   VARCHAR(40) NULL,
  ADD COLUMN deleted_at DATETIME(3) NULL;
