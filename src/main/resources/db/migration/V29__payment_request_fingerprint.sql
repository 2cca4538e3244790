-- A pay writes no idempotency_records row any more: the payment row is the key's record. It carries the request's
-- fingerprint (SHA-256 of method, path and body) beside its Idempotency-Key, so a retry with the key and another
-- body is refused (422) from the payment alone. Payments made before this have none: for them a retry is matched
-- by checkout, as before, and their claims in idempotency_records still answer them.
ALTER TABLE payments
  ADD COLUMN request_fingerprint BINARY(32) NULL AFTER idempotency_key;
