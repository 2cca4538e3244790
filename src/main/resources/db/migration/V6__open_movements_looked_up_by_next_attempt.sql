-- Transfers whose outcome is open are looked up by when their next look-up is due, not by age:
-- a transfer the bank still cannot answer for is pushed back with a growing gap, so it never
-- holds a batch place that newer ones need. A new transfer is due once it has been REQUESTED
-- for openbanking.staleRequestedAfter (its caller is gone); settling it clears the time.
ALTER TABLE transfers
  ADD COLUMN lookup_attempts INT         NOT NULL DEFAULT 0 AFTER bank_message,
  ADD COLUMN next_attempt_at DATETIME(3) NULL AFTER lookup_attempts,
  ADD KEY ix_transfers_next_attempt (status, next_attempt_at);

UPDATE transfers SET next_attempt_at = updated_at WHERE status IN ('REQUESTED', 'UNKNOWN');

-- Payments and refunds left REQUESTED (their sender stopped before settling them) are looked up
-- like UNKNOWN ones: new rows get their first lookup at insert, these at once.
UPDATE payments SET next_reconcile_at = updated_at WHERE status = 'REQUESTED' AND next_reconcile_at IS NULL;
UPDATE refunds SET next_reconcile_at = updated_at WHERE status = 'REQUESTED' AND next_reconcile_at IS NULL;
