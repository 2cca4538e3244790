-- Why a transfer was made: 'TRANSFER' when the user asked for it, 'PAYMENT' when it is the money
-- leg of an SH Pay payment or refund from a KFTC-linked account. A payment leg does not notify the
-- user as a transfer: the payment's own event (payment.approved, payment.refunded) already does,
-- and one movement of money is one notification.
ALTER TABLE transfers ADD COLUMN purpose VARCHAR(10) NOT NULL DEFAULT 'TRANSFER';
