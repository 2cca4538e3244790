-- Renewing a user's KFTC token spends their refresh token (KFTC accepts it once), so only one request may renew at
-- a time. The claim is a lease on the row, taken by a conditional UPDATE and held while KFTC is asked; no row lock
-- or connection is held across that HTTP call.
ALTER TABLE bank_links ADD COLUMN renewing_until DATETIME(3) NULL;
