-- An Idempotency-Key is bound to the money it moved on the money's own row, written in the same
-- transaction as the payment, refund or transfer itself (a unique key per caller). A retry with
-- the key finds that row and answers its current state; it can never create a second one.
ALTER TABLE payments
  ADD COLUMN idempotency_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER user_id,
  ADD UNIQUE KEY uk_payments_idempotency (user_id, idempotency_key);

ALTER TABLE refunds
  ADD COLUMN idempotency_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER payment_id,
  ADD UNIQUE KEY uk_refunds_idempotency (payment_id, idempotency_key);

ALTER TABLE transfers
  ADD COLUMN idempotency_key VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER user_id,
  ADD UNIQUE KEY uk_transfers_idempotency (user_id, idempotency_key);

-- A claim is held for a lease, not until the record expires: a request that died mid-way (a
-- crashed pod) frees its key once the lease ends, and the retry finds the money row if any.
-- A claim whose answer was SH Pay's own 5xx is RETRYABLE: the next request with the key runs again.
ALTER TABLE idempotency_records
  ADD COLUMN lease_until DATETIME(3) NULL AFTER status;
UPDATE idempotency_records SET lease_until = created_at WHERE status = 'IN_PROGRESS';
